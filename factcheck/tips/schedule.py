"""The nightly deletion of readers' contact details older than TIP_CONTACT_DAYS."""

from __future__ import annotations

from ..jobs.registry import every
from .services import purge_contacts_nightly

every("purge-tip-contacts", purge_contacts_nightly, minute="45", hour="3")
