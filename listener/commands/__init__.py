"""Subcommands of ``vigie``; each module exposes ``register(subparsers)``."""
