"""The public JSON API: ClaimReview objects for the fact-checking ecosystem."""
