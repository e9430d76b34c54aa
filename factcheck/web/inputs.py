"""Values from request input: ids, local paths and text. str.isdigit() accepts "²" and other
digits int() refuses, so a hand-typed URL could raise; these accept ASCII digits only."""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import urlsplit

MAX_ID = 2**31 - 1


def is_digits(value: str | None) -> bool:
    """True for a non-empty string of ASCII digits."""
    return bool(value) and value.isascii() and value.isdigit()  # type: ignore[union-attr]


def as_id(value: str | None) -> int | None:
    """A positive database id from input, or None for anything else."""
    if value is None or not is_digits(value):
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None


def safe_next(target: str | None) -> str | None:
    """Return `target` if it is a local path (no scheme, no host, no control characters), else
    None. A CR or LF would reach the Location header and fail there (issue 13, finding 10)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    if any(ord(char) < 32 or ord(char) == 127 for char in target):
        return None
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc else None


def local_path(url: str | None, host_url: str) -> str | None:
    """The path and query of `url` when it is on our own site (`host_url`, scheme and host
    alike) and a safe local path, else None: a Referer from another site gives nothing."""
    if not url:
        return None
    try:
        parts, ours = urlsplit(url), urlsplit(host_url)
    except ValueError:
        return None
    if (parts.scheme, parts.netloc) != (ours.scheme, ours.netloc):
        return None
    return safe_next(parts.path + ("?" + parts.query if parts.query else ""))


MAX_PAGE = 10_000


def page_number(args: Mapping[str, str], name: str = "page") -> int:
    """The `name` argument (`page` unless a page shows two lists) as a page number from 1 to
    MAX_PAGE; 1 for anything else."""
    raw = args.get(name)
    number = int(raw) if raw and is_digits(raw) and len(raw) < 7 else 1
    return min(max(number, 1), MAX_PAGE)


# Characters XML 1.0 cannot carry: C0 controls other than tab, newline and carriage return,
# lone surrogates, U+FFFE and U+FFFF. One of them in a published summary made every Atom feed
# request fail (issue 13, finding 3), and they mean nothing in an article or a verdict anyway.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Word's manual line break (vertical tab) and the page break (form feed) still separate text.
_BREAKS = re.compile("[\x0b\x0c]")


def clean_text(text: str, *, multiline: bool = True) -> str:
    """`text` with every character XML cannot carry removed, line and page breaks kept as a
    newline (a space when `multiline` is false)."""
    if not _XML_INVALID.search(text):
        return text
    return _XML_INVALID.sub("", _BREAKS.sub("\n" if multiline else " ", text))
