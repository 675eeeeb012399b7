"""Synthetic review streams with planted campaigns, for tests, evaluation and the demo."""

from __future__ import annotations

from listener.simulate.reviews import SIZE_HELP, SIZES, Simulation, simulate_reviews

__all__ = ["SIZES", "SIZE_HELP", "Simulation", "simulate_reviews"]
