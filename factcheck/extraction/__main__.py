"""python -m factcheck.extraction FILE [--published YYYY-MM-DD]: print the extraction as JSON.

FILE is UTF-8 text ('-' reads standard input); .html and .htm files are first reduced to the
article's text, and the offsets then index that text (--text prints it). Exit status 2 means the
input could not be read as text.
"""

from __future__ import annotations

import argparse
import codecs
import datetime as dt
import json
import re
import sys
from pathlib import Path

from . import extract_document
from .html import html_to_text

_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)


class InputError(Exception):
    """The input is missing, binary or not in the expected encoding."""


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}") from None


def _encoding(value: str) -> str:
    try:
        return codecs.lookup(value).name
    except LookupError:
        raise argparse.ArgumentTypeError(f"unknown encoding: {value!r}") from None


def read_text(raw: bytes, name: str, encoding: str | None = None, html: bool = False) -> str:
    """Decode `raw` as `encoding` (default UTF-8; an HTML page may declare its own)."""
    if b"\x00" in raw[:8192] and not (encoding or "").startswith("utf-16"):
        raise InputError(f"{name} looks like a binary file (it contains NUL bytes), not text")
    if encoding is None and html and not raw.startswith(codecs.BOM_UTF8):
        m = _CHARSET.search(raw[:4096])
        if m:
            try:
                encoding = codecs.lookup(m.group(1).decode("ascii")).name
            except (LookupError, UnicodeDecodeError):
                encoding = None
    try:
        return raw.decode(encoding or "utf-8")
    except UnicodeDecodeError as e:
        bad = raw[e.start : e.start + 1].hex()
        raise InputError(
            f"{name} is not valid {e.encoding} text (byte 0x{bad} at offset "
            f"{e.start}); convert it to UTF-8 or give --encoding"
        ) from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m factcheck.extraction", description=__doc__.split("\n", 1)[0]
    )
    parser.add_argument("file", help="text or HTML file to read, or - for standard input")
    parser.add_argument(
        "--published",
        type=_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="publication date that relative dates are resolved against",
    )
    parser.add_argument(
        "--encoding",
        type=_encoding,
        default=None,
        help="encoding of FILE (default UTF-8, or an HTML page's own charset)",
    )
    parser.add_argument("--html", action="store_true", help="treat FILE as HTML whatever its name")
    parser.add_argument(
        "--text",
        action="store_true",
        help="print the text that offsets index (after HTML reduction) instead",
    )
    args = parser.parse_args(argv)
    html = args.html or Path(args.file).suffix.lower() in (".html", ".htm", ".xhtml")
    try:
        raw = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
        text = read_text(
            raw, "standard input" if args.file == "-" else args.file, args.encoding, html
        )
    except OSError as e:
        print(f"error: cannot read {args.file}: {e.strerror or e}", file=sys.stderr)
        return 2
    except InputError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    if html:
        text = html_to_text(text)
    out = (
        text
        if args.text
        else json.dumps(extract_document(text, args.published), ensure_ascii=False, indent=1)
    )
    # Bytes, so a non-UTF-8 terminal locale cannot make the output fail half-way.
    sys.stdout.buffer.write(out.encode("utf-8", errors="surrogatepass") + b"\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
