"""Exports (issue 16): the queue, published fact-checks, an article's claims and the audit log
as CSV or JSON, and the ClaimReview DataFeed, all streamed in batches."""
