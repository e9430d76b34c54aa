"""What a fact-check shows, version by version: the snapshot an approval covers, and the
session hook that keeps a revision of it for every change (see ARCHITECTURE.md)."""

from .hook import (
    AUTOSAVE,
    PublicChangeRefused,
    allow_public_change,
    attribute_to,
    label_next_revision,
    latest,
    register,
    revisions_of,
    settle,
    sync,
)
from .snapshot import digest_of, snapshot_of

__all__ = [
    "AUTOSAVE",
    "PublicChangeRefused",
    "allow_public_change",
    "attribute_to",
    "digest_of",
    "label_next_revision",
    "latest",
    "register",
    "revisions_of",
    "settle",
    "snapshot_of",
    "sync",
]
