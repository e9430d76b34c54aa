"""Speakers as records people fix: name, person or organisation, role; merge and split."""
