"""Vigie's Textual triage interface; reads and writes through ``listener.store``."""
