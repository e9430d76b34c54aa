"""Claim extraction: split an article into check-worthy claims and their checkable parts.

Plain Python with no Flask or database imports, so the web app, the command line and the
evaluation all call the same engine.
"""

from .pipeline import extract_document

__all__ = ["extract_document"]
