"""Screens of the triage app: the main queues, item detail, trends, help and prompts."""
