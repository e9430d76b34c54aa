"""Attributions: who said what, in direct quotes and reported speech."""

from .finder import find_attributions

__all__ = ["find_attributions"]
