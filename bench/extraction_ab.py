"""Compare the extraction speed of two source trees, side by side in one run.

Each round runs one subprocess per tree, alternating A, B, A, B, ..., and each subprocess
times `extract_document` over the same documents (bench/extraction.py's: the shared
evaluation texts, else the demo article). The median words per second of each side, the ratio
B/A and the spread of the per-round ratios are printed, so a ratio survives a noisy machine.

    python bench/extraction_ab.py OLD_CHECKOUT NEW_CHECKOUT [--rounds 7]

A checkout is a folder holding `factcheck/` (e.g. a `git worktree add /tmp/old <commit>`).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# Run inside the subprocess: import the tree's engine, warm it up, time it over the corpus.
_PROBE = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
from factcheck.extraction import extract_document
sys.path.append(sys.argv[2])
from bench.extraction import documents
_, docs = documents()
docs = [(text, pub) for _, text, pub in docs]
words = sum(len(t.split()) for t, _ in docs)
for text, pub in docs[:20]:
    extract_document(text, published=pub)
started = time.perf_counter()
for text, pub in docs:
    extract_document(text, published=pub)
print(json.dumps({"wps": words / (time.perf_counter() - started), "words": words}))
"""


def measure(tree: Path) -> float:
    out = subprocess.run(
        [sys.executable, "-c", _PROBE, str(tree), str(REPO)],
        check=True,
        capture_output=True,
        text=True,
    )
    return float(json.loads(out.stdout.strip().splitlines()[-1])["wps"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    old, new, ratios = [], [], []
    for i in range(args.rounds):
        a = measure(args.old)
        b = measure(args.new)
        old.append(a)
        new.append(b)
        ratios.append(b / a)
        print(f"round {i + 1}: old {a:,.0f} w/s, new {b:,.0f} w/s, new/old {b / a:.3f}")
    med = statistics.median(ratios)
    print(
        f"median: old {statistics.median(old):,.0f} w/s, new {statistics.median(new):,.0f} w/s; "
        f"new/old {med:.3f} (per-round ratios {min(ratios):.3f} to {max(ratios):.3f})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
