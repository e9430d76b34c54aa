"""Extraction does linear work on adversarial text, checked without a clock.

Every compiled pattern of the extraction package is wrapped for the test so that each call is
recorded: which pattern, which method, how many characters it was offered. Two properties follow.

- Scanning patterns, those applied unanchored (search, finditer, ...) to more than `WINDOW`
  characters, must not open with an unbounded run that can still fail after it, unless a negative
  lookbehind makes the run start only where a run starts. Otherwise every position inside a long
  run starts an attempt that reads to the end of the run: quadratic work. Both slow shapes of
  issue 13 ("A-" * 51200 in the e-mail address pattern, "..." in the sentence-end pattern) were
  of this kind.
- The number of pattern calls and of characters offered to unanchored calls grows in proportion
  to the text: doubling the text may not more than double it (with a small margin), so no Python
  loop runs a scan from every position.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import re._parser as sre_parse  # type: ignore[import-not-found]
from collections import Counter, defaultdict
from typing import Any

import pytest

import factcheck.extraction as extraction_package
from factcheck.extraction import extract

WINDOW = 1000
UNANCHORED = ("search", "finditer", "findall", "sub", "subn", "split")
ANCHORED = ("match", "fullmatch")

# One unit each, repeated to the size wanted: runs without spaces, repeated punctuation, digits
# with separators, quotes, capitalised words, sentences with no full stop, brackets.
SHAPES = [
    "A-",
    "A.",
    "a.",
    "a+",
    "...",
    "!?",
    "1,",
    "1.",
    "1 ",
    "1-",
    "-1",
    "$1,",
    "1,000 ",
    "2021 ",
    "May ",
    "said ",
    '"a" ',
    '"',
    "“",
    "'a",
    "(",
    "((a)",
    "[a",
    "A ",
    "Ab Cd ",
    "the word ",
    "a, ",
    "a:",
    "—",
    "a@",
    "@a",
    "http://a ",
    "Mr. ",
    "U.S. ",
    "a\n",
]


class _Recorder:
    def __init__(self) -> None:
        self.calls: Counter[str] = Counter()
        self.offered: Counter[str] = Counter()  # characters offered to unanchored calls
        self.widest: dict[tuple[int, str], int] = defaultdict(int)
        self.patterns: dict[int, re.Pattern] = {}

    def note(self, pattern: re.Pattern, method: str, width: int) -> None:
        self.calls[method] += 1
        if method in UNANCHORED:
            self.offered[method] += width
            key = (id(pattern), method)
            self.widest[key] = max(self.widest[key], width)
            self.patterns[id(pattern)] = pattern


class _Watched:
    """A compiled pattern that tells the recorder about every call."""

    def __init__(self, pattern: re.Pattern, recorder: _Recorder) -> None:
        self._pattern, self._recorder = pattern, recorder

    def __getattr__(self, name: str) -> Any:
        method = getattr(self._pattern, name)
        if name not in UNANCHORED + ANCHORED:
            return method

        def call(*args: Any, **kwargs: Any) -> Any:
            text = args[1] if name in ("sub", "subn") else args[0]
            pos = kwargs.get("pos", args[1] if name not in ("sub", "subn") and len(args) > 1 else 0)
            end = kwargs.get(
                "endpos", args[2] if name not in ("sub", "subn") and len(args) > 2 else len(text)
            )
            if name in ("sub", "subn", "split"):
                pos, end = 0, len(text)
            self._recorder.note(self._pattern, name, max(0, min(end, len(text)) - pos))
            return method(*args, **kwargs)

        return call


def _watched(value: Any, recorder: _Recorder) -> Any:
    if isinstance(value, re.Pattern):
        return _Watched(value, recorder)
    if isinstance(value, dict):
        items = {k: _watched(v, recorder) for k, v in value.items()}
        if any(items[k] is not v for k, v in value.items()):
            return items
    if isinstance(value, tuple | list):
        items = [_watched(v, recorder) for v in value]
        if any(a is not b for a, b in zip(items, value, strict=True)):
            return type(value)(items)
    return value


@pytest.fixture
def recorder(monkeypatch) -> _Recorder:
    rec = _Recorder()
    prefix = extraction_package.__name__ + "."
    modules = [extraction_package] + [
        importlib.import_module(info.name)
        for info in pkgutil.walk_packages(extraction_package.__path__, prefix)
    ]
    for module in modules:
        for name, value in list(vars(module).items()):
            wrapped = _watched(value, rec)
            if wrapped is not value:
                monkeypatch.setattr(module, name, wrapped)
    return rec


def _unguarded_runs(items: list, rest_width: int, guarded: bool = False) -> bool:
    """True when the pattern sequence `items` can open with an unbounded run that is not held to
    the start of a run by a negative lookbehind and may still fail after it (something of
    non-zero width must follow: `rest_width`)."""
    for i, (op, av) in enumerate(items):
        after = sum(sre_parse.SubPattern(None, items[i + 1 :]).getwidth()[:1]) + rest_width
        if op is sre_parse.AT or op is sre_parse.ASSERT:
            continue
        if op is sre_parse.ASSERT_NOT:
            guarded = guarded or av[0] < 0
            continue
        if op is sre_parse.SUBPATTERN:
            return _unguarded_runs(list(av[-1]), after, guarded)
        if op is sre_parse.BRANCH:
            return any(_unguarded_runs(list(alt), after, guarded) for alt in av[1])
        if op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, sre_parse.POSSESSIVE_REPEAT):
            unbounded = av[1] == sre_parse.MAXREPEAT
            return unbounded and not guarded and after > 0
        return False
    return False


def _scan(text: str) -> None:
    extract(text)


@pytest.mark.parametrize("unit", SHAPES)
def test_scanning_patterns_start_only_at_the_start_of_a_run(recorder, unit):
    _scan(unit * (4 * WINDOW // len(unit)))
    slow = sorted(
        {
            recorder.patterns[pid].pattern[:80]
            for (pid, _method), width in recorder.widest.items()
            if width > WINDOW
            and _unguarded_runs(list(sre_parse.parse(recorder.patterns[pid].pattern).data), 0)
        }
    )
    assert slow == []


@pytest.mark.parametrize("unit", SHAPES)
def test_pattern_work_grows_linearly(recorder, unit):
    counts = []
    for size in (8_000, 16_000):
        recorder.calls.clear()
        recorder.offered.clear()
        _scan(unit * (size // len(unit)))
        counts.append((sum(recorder.calls.values()), sum(recorder.offered.values())))
    (calls_n, chars_n), (calls_2n, chars_2n) = counts
    assert calls_2n <= 2.2 * calls_n + 50
    assert chars_2n <= 2.2 * chars_n + 5_000


def test_the_rule_finds_the_quadratic_shapes_of_issue_13():
    def unguarded(pattern: str) -> bool:
        return _unguarded_runs(list(sre_parse.parse(pattern).data), 0)

    assert unguarded(r"\b[\w.+-]+@[\w-]+\.[\w.-]+")
    assert unguarded(r"[.!?…]+[\"'”’»)\]]*\s+")
    assert not unguarded(r"(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.-]+")
    assert not unguarded(r"[^\n]+")  # nothing after the run: an attempt never fails in it
    assert not unguarded(r"\b(?:Mr|Mrs)\.?[ ]+([A-Z][\w'-]+)")
