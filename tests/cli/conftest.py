"""Fixtures for the command-line tests; helpers live in cli_support.py."""

from __future__ import annotations

from cli_support import home, run

__all__ = ["home", "run"]
