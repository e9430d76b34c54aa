"""The structure's rules, checked on the source itself (ARCHITECTURE.md, "What keeps the shape").

Short functions, an extraction engine of small rules, one home for each named state set and
for the words the extractor knows. A rule that only lived in review comments would drift.
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from pathlib import Path

import pytest
from radon.complexity import cc_visit

from factcheck.extraction.lexicon.calendar import MONTH_ABBREVIATIONS, MONTHS
from factcheck.extraction.lexicon.organisations import ORGANISATION_WORDS

ROOT = Path(__file__).resolve().parents[2]
MAX_LINES = 60
MAX_EXTRACTION_COMPLEXITY = 40


def sources(*folders: str) -> list[Path]:
    """Python files under `folders`, migrations aside (they are history: never edited)."""
    return sorted(
        path
        for folder in folders
        for path in (ROOT / folder).rglob("*.py")
        if "migrations" not in path.parts and ".venv" not in path.parts
    )


def functions(path: Path) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]


def test_no_function_is_longer_than_sixty_lines():
    long = [
        f"{path.relative_to(ROOT)}:{fn.lineno} {fn.name} ({fn.end_lineno - fn.lineno + 1} lines)"
        for path in sources("factcheck", "tests", "bench", ".ci", "training")
        for fn in functions(path)
        if fn.end_lineno is not None and fn.end_lineno - fn.lineno + 1 > MAX_LINES
    ]
    assert long == [], "split these into named steps (data tables go in module constants)"


def test_no_extraction_function_is_a_rule_soup():
    tangled = [
        f"{path.relative_to(ROOT)}:{block.lineno} {block.name} (complexity {block.complexity})"
        for path in sources("factcheck/extraction")
        for block in cc_visit(path.read_text(encoding="utf-8"))
        if block.complexity > MAX_EXTRACTION_COMPLEXITY
    ]
    assert tangled == []


def test_each_named_state_set_is_defined_once_in_the_workflow():
    definitions = Counter()
    places = {}
    for path in sources("factcheck", "tests"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = node.targets if isinstance(node, ast.Assign) else []
            for target in targets:
                if isinstance(target, ast.Name) and target.id.endswith("_STATES"):
                    definitions[target.id] += 1
                    places[target.id] = path.relative_to(ROOT).as_posix()
    assert definitions, "no state sets found: has workflow.py moved?"
    assert [name for name, n in definitions.items() if n > 1] == []
    assert set(places.values()) == {"factcheck/workflow.py"}


def test_views_never_commit():
    """One commit per request, kept by the structure: views end with web.respond.done() or
    kept(), the only places that commit."""
    committing = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path in sources("factcheck")
        if path.name in ("views.py", "pages.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Attribute) and node.attr == "commit"
    ]
    assert committing == []


WORD = re.compile(r"[a-zé]+")


def _listed(words: list[str], vocabulary: set[str]) -> bool:
    """A string that is a word list of `vocabulary` (not prose that mentions a few)."""
    hits = sum(w in vocabulary for w in words)
    return hits >= 3 and hits * 2 >= len(words)


@pytest.mark.parametrize(
    "vocabulary",
    [set(MONTHS) | set(MONTH_ABBREVIATIONS), set(ORGANISATION_WORDS)],
    ids=["month names", "organisation words"],
)
def test_word_lists_live_only_in_the_lexicon(vocabulary):
    found = []
    for path in sources("factcheck"):
        if "lexicon" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            is_text = isinstance(node, ast.Constant) and isinstance(node.value, str)
            if is_text and _listed(WORD.findall(node.value.lower()), vocabulary):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == [], "take these words from factcheck/extraction/lexicon/"


def test_the_word_list_check_finds_a_list_and_passes_prose():
    months = set(MONTHS) | set(MONTH_ABBREVIATIONS)
    assert _listed(["jan", "feb", "mar", "apr", "may"], months)
    assert _listed(WORD.findall("(?:january|february|march)"), months)
    prose = "On January 3, 2020, a strike killed a general; in October the group warned again."
    assert not _listed(WORD.findall(prose.lower()), months)
