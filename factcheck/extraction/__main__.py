"""python -m factcheck.extraction FILE [--published YYYY-MM-DD]: print the extraction as JSON."""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from . import extract_document
from .html import html_to_text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m factcheck.extraction", description=__doc__)
    parser.add_argument("file", type=Path)
    parser.add_argument("--published", type=dt.date.fromisoformat, default=None)
    args = parser.parse_args(argv)
    text = args.file.read_bytes().decode("utf-8", errors="replace")
    if args.file.suffix.lower() in (".html", ".htm"):
        text = html_to_text(text)
    json.dump(extract_document(text, args.published), sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
