"""Rapport's version: the one place it is written (pyproject.toml and the bundle read it here)."""

__version__ = "0.1.0"
