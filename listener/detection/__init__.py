"""Detectors over the stream of analysed items: pure code, clock injected."""
