from __future__ import annotations

from flask_wtf.file import FileField
from wtforms import BooleanField, URLField
from wtforms.validators import Length, Optional

from ..models import ClaimReviewImport
from ..web.forms import Form, http_url


class ImportForm(Form):
    """A ClaimReview file to upload, or the address of a feed to fetch: one of the two."""

    upload = FileField(
        "ClaimReview file",
        description="JSON or JSON-LD: ClaimReview objects, a list or @graph of them, or a "
        "DataCommons / Fact Check Tools DataFeed. An HTML page with JSON-LD blocks works too.",
    )
    url = URLField(
        "…or a feed's address",
        validators=[Optional(), Length(max=ClaimReviewImport.ORIGIN_MAX), http_url],
        description="Fetched by the job through the same guard as every outside fetch.",
    )
    prune = BooleanField(
        "Remove what this file or feed no longer has",
        description="Fact-checks last imported from the same file name or address that are "
        "not in this one are taken off the list (kept for links already made to them).",
    )
