"""Synthetic review streams with planted campaigns, for tests, evaluation and the demo."""

from __future__ import annotations

from listener.simulate.reviews import SIZES, Simulation, simulate_reviews

__all__ = ["SIZES", "Simulation", "simulate_reviews"]
