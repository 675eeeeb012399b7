"""Vigie's listening core: config, fetching, analysis, detection and storage.

This package must import and run without Textual; the TUI lives in ``tui``.
"""

__version__ = "0.1.0"
