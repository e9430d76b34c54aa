"""Claim extraction: split an article into check-worthy claims and their checkable parts.

Plain Python with no Flask or database imports, so the web app, the command line and the
evaluation all call the same engine: `extract` returns typed results (types.py), and
`extract_document` their JSON, the contract the command line prints and the scorer reads.
`checkworthiness` scores sentences with the score each candidate gets (worthiness/).
"""

from .pipeline import extract, extract_document
from .types import Attribution, Candidate, DateMention, Extraction, Kind, Quantity
from .worthiness import checkworthiness

__all__ = [
    "Attribution",
    "Candidate",
    "DateMention",
    "Extraction",
    "Kind",
    "Quantity",
    "checkworthiness",
    "extract",
    "extract_document",
]
