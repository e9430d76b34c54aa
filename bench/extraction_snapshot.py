"""Record the extraction engine's output over a corpus, or compare it with a recording.

A refactoring of `factcheck/extraction` should change no output at all. This runs
`extract_document` over every text it can find (the shared evaluation documents, ClaimBuster's
sentences in blocks, the CheckThat! tweets and verified claims in blocks, the demo article and a
set of awkward inputs) and writes one JSON file, or compares a run with one and lists every
document whose output differs. The corpus stays outside the repository: the shared texts are
not ours to copy.

    python bench/extraction_snapshot.py record /tmp/before.json
    python bench/extraction_snapshot.py compare /tmp/before.json   # exit 1 on any difference
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.extraction import SHARED, documents  # noqa: E402 (after the path is set)

# Shapes that have broken extractors before: long runs without spaces, stray quotes, lone
# punctuation, numbers in every notation, dates at the edges of the calendar.
AWKWARD = [
    "",
    " ",
    "\n\n\n",
    "A-" * 300,
    "a." * 300,
    '"' * 50,
    "“Unclosed quote, he said. And then nothing.",
    "He said: “",
    "The ministry said 1,2,3,4,5,6,7,8,9 and 1.2.3.4 and 12.5.2020 and 3/4 and ½ and 10-15%.",
    "On 29 February 2023 and 31/12/1999 and Q5 2020 and the 1990s and the 21st century.",
    "She told reporters: 'We will leave by 2030,' the minister said. 'Not before.'",
    "€5bn, $3.2 trillion, 40°C, 5 km/h, 1e9, 0.000001, -12, +7, 100k, 2m, three-quarters.",
    "According to officials, who spoke on condition of anonymity, about 2,500 troops remain.",
]


def _blocks(lines: list[str], size: int) -> list[str]:
    return ["\n\n".join(lines[i : i + size]) for i in range(0, len(lines), size)]


def _tsv_texts(path: Path, column: str) -> list[str]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [row[column] for row in csv.DictReader(fh, delimiter="\t") if row.get(column)]


def shared_documents() -> list[tuple[str, str, dt.date | None]]:
    """The shared evaluation documents, as the extraction benchmark reads them."""
    source, docs = documents()
    return docs if source == "shared/eval" else []


def corpus() -> list[tuple[str, str, dt.date | None]]:
    """(name, text, published) for every document of the snapshot, in a fixed order."""
    docs: list[tuple[str, str, dt.date | None]] = []
    if SHARED.is_dir():
        docs += shared_documents()
        sources = [
            ("checkworthy/dev.tsv", "text", 20),
            ("checkworthy/train.tsv", "text", 40),
            ("matching/queries-dev.tsv", "text", 10),
            ("matching/queries-train.tsv", "text", 10),
            ("matching/vclaims.tsv", "text", 40),
        ]
        for name, column, size in sources:
            path = SHARED / name
            if path.is_file():
                for i, block in enumerate(_blocks(_tsv_texts(path, column), size)):
                    docs.append((f"{name}#{i}", block, dt.date(2020, 6, 15)))
    from factcheck.commands.demo import BODY, PUBLISHED

    docs.append(("demo", BODY, PUBLISHED))
    for i, text in enumerate(AWKWARD):
        docs.append((f"awkward#{i}", text, dt.date(2021, 12, 10)))
    return docs


def run() -> dict[str, object]:
    from factcheck.extraction import extract_document

    return {
        name: json.loads(json.dumps(extract_document(text, published=pub)))
        for name, text, pub in corpus()
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", choices=("record", "compare"))
    parser.add_argument("path", type=Path)
    parser.add_argument("--show", type=int, default=5, help="differences to print in full")
    args = parser.parse_args()
    outputs = run()
    if args.mode == "record":
        args.path.write_text(json.dumps(outputs, sort_keys=True), encoding="utf-8")
        print(f"recorded {len(outputs)} documents to {args.path}")
        return 0
    recorded = json.loads(args.path.read_text(encoding="utf-8"))
    differ = [name for name in recorded if recorded[name] != outputs.get(name)]
    missing = sorted(set(outputs) ^ set(recorded))
    for name in differ[: args.show]:
        print(f"--- {name}")
        print("recorded:", json.dumps(recorded[name])[:2000])
        print("now:     ", json.dumps(outputs.get(name))[:2000])
    print(f"{len(recorded)} documents recorded, {len(differ)} differ, {len(missing)} not in both")
    return 1 if differ or missing else 0


if __name__ == "__main__":
    sys.exit(main())
