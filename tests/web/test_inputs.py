"""Numbers in URLs and forms: only ASCII digits count (str.isdigit() also accepts "²")."""

from __future__ import annotations

import pytest

from factcheck.models import Role
from factcheck.web.inputs import as_id, is_digits


@pytest.mark.parametrize(
    "value,expected",
    [
        ("12", 12),
        ("0", None),
        ("-3", None),
        ("²", None),
        ("١٢", None),
        ("", None),
        (None, None),
        ("12a", None),
        (str(2**31), None),
        (" 7", None),
    ],
)
def test_as_id(value, expected):
    assert as_id(value) == expected


def test_is_digits():
    assert is_digits("007") and not is_digits("³") and not is_digits("")


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/claimreviews/²",
        "/api/v1/claimreviews?page=²",
        "/factchecks/?speaker=²",
        "/desk/claims/?speaker=²&assignee=³&article=¹",
        "/desk/admin/audit?who=²&before=²",
    ],
)
def test_superscript_digits_never_crash(client, as_role, path):
    as_role(Role.ADMIN)
    assert client.get(path).status_code < 500
