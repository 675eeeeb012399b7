"""Offline evaluation of the detectors (``vigie eval ...``).

The modules here read labelled files, run the daemon's own detectors over them
in stream order and score the result; the scoring rules are pure functions.
"""
