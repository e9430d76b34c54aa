"""Run mypy on factcheck/ and fail on any error that is not in the baseline.

The baseline (.ci/mypy-baseline.txt) lists the errors mypy still reports, one per line as
"path: message [code]" without line numbers (so unrelated edits do not invalidate it). It may
only shrink: an error fixed is reported so the line can be removed with --update; an error not
in it fails the check. An empty baseline means mypy is clean.

    python .ci/mypy-baseline.py            # check
    python .ci/mypy-baseline.py --update   # rewrite the baseline from today's errors
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / ".ci" / "mypy-baseline.txt"
LINE = re.compile(r"^(?P<path>[^:]+):\d+(?::\d+)?: error: (?P<message>.*)$")


def current_errors() -> Counter[str]:
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-error-summary", "--hide-error-context"],
        cwd=ROOT,
        check=False,
        capture_output=True,
        text=True,
    )
    if run.returncode not in (0, 1):
        sys.exit(f"mypy could not run:\n{run.stdout}{run.stderr}")
    errors: Counter[str] = Counter()
    for line in run.stdout.splitlines():
        m = LINE.match(line)
        if m:
            errors[f"{m['path']}: {m['message']}"] += 1
    return errors


def main() -> int:
    errors = current_errors()
    if "--update" in sys.argv:
        BASELINE.write_text("".join(f"{e}\n" for e in sorted(errors.elements())))
        print(f"baseline written: {sum(errors.values())} errors")
        return 0
    known = Counter(BASELINE.read_text().splitlines()) if BASELINE.exists() else Counter()
    new = errors - known
    fixed = known - errors
    for error in sorted(new.elements()):
        print(f"new mypy error: {error}")
    if fixed:
        print(
            f"{sum(fixed.values())} baseline errors are fixed: run `{Path(__file__).name} "
            "--update` to shrink the baseline."
        )
    print(
        f"mypy: {sum(errors.values())} errors, {sum(known.values())} in the baseline, "
        f"{sum(new.values())} new"
    )
    return 1 if new else 0


if __name__ == "__main__":
    sys.exit(main())
