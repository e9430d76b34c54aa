"""Is this edit to a published verdict really a typo fix? A pure judge: no database, no Flask.

A typo fix goes out without a public correction, so it must not change what the verdict says.
The change is measured against the text a second editor approved, not the text now public, so
chained small fixes add up. Within that, each changed word must read as a spelling fix of the
word it replaces (or differ only in case, punctuation or spacing), and no number, amount,
negation, negating prefix or opposite may come or go: those are corrections.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Literal

from ..extraction.lexicon.numbers import FRACTIONS, SCALES, SMALL, TEENS, TENS

# A typo fix changes at most this many words in the summary and rationale together, counted
# from the approved text. Anything bigger is substance, and substance goes through a correction.
TYPO_MAX_WORDS = 3

# A number is one token with its sign and what is glued to it: "-5", "2,500", "3.5", "10th".
_NUMBER = re.compile(r"(?:(?<!\w)[-−+])?\d+(?:[.,]\d+)*(?:['’]?\w+)?")
_TOKEN = re.compile(rf"{_NUMBER.pattern}|\w+(?:['’]\w+)*|[^\w\s]")

_NEGATIONS = frozenset(
    """not no never nobody none nothing neither nor nowhere noone cannot without non
    dont doesnt didnt isnt arent wasnt werent hasnt havent hadnt cant couldnt shouldnt wouldnt
    wont mustnt neednt aint hardly scarcely barely seldom rarely""".split()
)

_ORDINALS = (
    {"first", "second", "eleventh", "twelfth", "hundredth", "thousandth", "millionth"}
    | {"billionth", "trillionth", "zeroth"}
    | {word + "th" for word in TEENS if word.endswith("teen")}
    | {word[:-1] + "ieth" for word in TENS}
)
# Words that state an amount: number words, ordinals, multiples and percentages.
_AMOUNT_WORDS = frozenset(
    {*SMALL, *SCALES, *FRACTIONS, *_ORDINALS}
    | {word + "s" for word in (*SMALL, *SCALES)}
    | set(
        """zero nil dozen dozens twice double doubled triple tripled treble quadruple
        quadrupled halved percent cent percentage pct bn mn tn""".split()
    )
)
# Signs that state or qualify an amount (currency symbols are found by their Unicode class).
_AMOUNT_SIGNS = frozenset("%‰‱+−±<>≤≥~≈=×°")

# Opposites a near-identical spelling can hide, and the commoner ones of fact-check prose, in
# base forms: inflections ("decreased", "rising") are reduced to these before comparing.
_OPPOSITE_PAIRS = """
right/wrong right/left true/false correct/wrong increase/decrease rise/fall rose/fell
risen/fallen more/less more/fewer most/least many/few high/low above/below before/after
everybody/nobody everyone/nobody everything/nothing all/none always/never win/lose won/lost
winner/loser support/oppose allow/ban allow/forbid permit/ban confirm/deny majority/minority
over/under up/down upper/lower upward/downward gain/loss gain/lose profit/loss
maximum/minimum first/last same/different similar/different with/without include/exclude
can/cannot import/export inflow/outflow internal/external inbound/outbound ascend/descend
inhale/exhale emigrate/immigrate emigrant/immigrant male/female man/woman men/women
accept/reject pass/fail success/failure succeed/fail positive/negative good/bad better/worse
best/worst rich/poor strong/weak large/small big/small long/short fast/slow cheap/expensive
old/new old/young early/late begin/end start/stop open/close add/remove buy/sell bought/sold
lend/borrow guilty/innocent present/absent inside/outside yes/no for/against public/private
expand/shrink grow/shrink strengthen/weaken entry/exit birth/death alive/dead
"""
_NEGATING_PREFIXES = ("non", "dis", "mis", "in", "un", "im", "il", "ir", "a")

Kind = Literal["number", "negation", "opposite", "prefix", "spelling", "added", "removed"]
_LABELS: dict[str, str] = {
    "number": "Numbers changed",
    "negation": "A negation was added or removed",
    "opposite": "An opposite replaces a word",
    "prefix": "A negating prefix reverses a word",
    "spelling": "Not a spelling fix",
    "added": "A word was added",
    "removed": "A word was removed",
}

Texts = str | Mapping[str, str]


def _pairs(table: str) -> dict[str, frozenset[str]]:
    opposites: dict[str, set[str]] = {}
    for pair in table.split():
        a, b = pair.split("/")
        opposites.setdefault(a, set()).add(b)
        opposites.setdefault(b, set()).add(a)
    return {word: frozenset(others) for word, others in opposites.items()}


_OPPOSITES = _pairs(_OPPOSITE_PAIRS)


@dataclass(frozen=True)
class TypoProblem:
    """One reason an edit is not a typo fix, naming the words (as approved and as proposed)."""

    kind: Kind
    old: str = ""
    new: str = ""
    field: str = ""
    prefix: str = ""  # for kind "prefix": the one added or removed ("in", "un", ...)

    def __str__(self) -> str:
        if self.old and self.new:
            words = f"“{self.old}” → “{self.new}”"
        elif self.kind in ("added", "removed"):
            words = f"“{self.old or self.new}”"
        else:
            words = f"“{self.old or self.new}”" + (" removed" if self.old else " added")
        label = _LABELS[self.kind]
        if self.prefix:
            label = f"A negating prefix ({self.prefix}-) reverses a word"
        where = f" in the {self.field}" if self.field else ""
        return f"{label}: {words}{where}."


@dataclass(frozen=True)
class TypoVerdict:
    """The judge's answer: accepted, or the reasons a person reads, each naming the words."""

    words_changed: int  # by this fix: from the current text to the proposed one
    words_since_approval: int  # from the approved text: what TYPO_MAX_WORDS limits
    problems: tuple[TypoProblem, ...] = ()

    @property
    def over_budget(self) -> bool:
        return self.words_since_approval > TYPO_MAX_WORDS

    @property
    def accepted(self) -> bool:
        return not self.problems and not self.over_budget

    @property
    def reasons(self) -> tuple[str, ...]:
        budget = (
            f"{self.words_since_approval} words changed since the approved text (earlier "
            f"typo fixes count too); a typo fix may change at most {TYPO_MAX_WORDS}."
        )
        return ((budget,) if self.over_budget else ()) + tuple(str(p) for p in self.problems)

    @property
    def message(self) -> str:
        """One paragraph for the editor; empty when the fix is accepted."""
        if self.accepted:
            return ""
        shown, more = self.reasons[:4], len(self.reasons) - 4
        extra = f" And {more} more." if more > 0 else ""
        return (
            f"This is not a typo fix. {' '.join(shown)}{extra} Publish a correction "
            "instead, so readers see what changed and why."
        )


def judge_typo_fix(approved: Texts, current: Texts, proposed: Texts) -> TypoVerdict:
    """Judge `proposed` as a typo fix of `current`, measured against `approved` (the text as
    last approved by a second editor). Each is one text, or texts by field name ("summary",
    "rationale"), judged field by field and budgeted together. Raises ValueError when the
    three name different fields."""
    before, now, after = _by_field(approved), _by_field(current), _by_field(proposed)
    if not before.keys() == now.keys() == after.keys():
        raise ValueError("approved, current and proposed must name the same fields")
    named = isinstance(proposed, Mapping) and len(after) > 1
    problems: list[TypoProblem] = []
    for field, text in after.items():
        for problem in _problems(before[field], text):
            problems.append(replace(problem, field=field if named else ""))
    return TypoVerdict(
        words_changed=sum(typo_change_size(now[f], after[f]) for f in after),
        words_since_approval=sum(typo_change_size(before[f], after[f]) for f in after),
        problems=tuple(problems),
    )


def _by_field(texts: Texts) -> dict[str, str]:
    return {"": texts} if isinstance(texts, str) else dict(texts)


def _words(text: str) -> list[str]:
    """Words, numbers and punctuation marks, in order; spacing is not a token."""
    return _TOKEN.findall(text)


def typo_change_size(old: str, new: str) -> int:
    """How many words differ between `old` and `new` (replaced, added or removed)."""
    matcher = difflib.SequenceMatcher(a=_words(old), b=_words(new), autojunk=False)
    return sum(
        max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"
    )


def _problems(old: str, new: str) -> list[TypoProblem]:
    before, after = _words(old), _words(new)
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    found: list[TypoProblem] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        gone, come = before[i1:i2], after[j1:j2]
        if _respaced(gone, come):
            found += _respacing_problems(gone, come)
        elif not come and _repeats(before, i1, i2):
            found += [p for p in map(_removal_problem, gone) if p and p.kind != "removed"]
        else:
            found += _block_problems(before, i1, gone, come)
    return found


def _respaced(gone: list[str], come: list[str]) -> bool:
    """The same letters with the spaces moved: "fromt he" -> "from the", "alot" -> "a lot"."""
    if not gone or not come or _letters("".join(gone)) != _letters("".join(come)):
        return False
    return len(gone) != len(come) or any(
        _letters(a) != _letters(b) for a, b in zip(gone, come, strict=True)
    )


def _block_problems(
    before: list[str], start: int, gone: list[str], come: list[str]
) -> list[TypoProblem]:
    found: list[TypoProblem | None] = []
    for i, j in _align(gone, come):
        if i is not None and j is not None:
            found.append(_replacement_problem(gone[i], come[j]))
        elif i is not None:
            at = start + i
            problem = _removal_problem(gone[i])
            doubled = _at(before, at) in (_at(before, at - 1), _at(before, at + 1))
            found.append(None if doubled and problem and problem.kind == "removed" else problem)
        elif j is not None:
            found.append(_addition_problem(come[j]))
    return [p for p in found if p is not None]


def _at(words: list[str], i: int) -> str:
    return words[i].lower() if 0 <= i < len(words) else ""


def _repeats(words: list[str], i1: int, i2: int) -> bool:
    """True when words[i1:i2] repeats the run just before or after it ("the the")."""
    run = [w.lower() for w in words[i1:i2]]
    n = len(run)
    before = [w.lower() for w in words[max(0, i1 - n) : i1]]
    after = [w.lower() for w in words[i2 : i2 + n]]
    return run in (before, after)


def _replacement_problem(old: str, new: str) -> TypoProblem | None:
    if old == new:
        return None
    if prefix := _prefix_of(old, new):
        return TypoProblem("prefix", old, new, prefix=prefix)
    if _is_negation(old) != _is_negation(new):
        return TypoProblem("negation", old, new)
    if _opposite(old, new):
        return TypoProblem("opposite", old, new)
    if (_is_amount(old) or _is_amount(new)) and old.lower() != new.lower():
        return TypoProblem("number", old, new)
    if not _looks_like_spelling(old, new):
        return TypoProblem("spelling", old, new)
    return None


def _removal_problem(old: str) -> TypoProblem | None:
    if _is_amount(old):
        return TypoProblem("number", old=old)
    if _is_negation(old):
        return TypoProblem("negation", old=old)
    return TypoProblem("removed", old=old) if _letters(old) else None


def _addition_problem(new: str) -> TypoProblem | None:
    if _is_amount(new):
        return TypoProblem("number", new=new)
    if _is_negation(new):
        return TypoProblem("negation", new=new)
    return TypoProblem("added", new=new) if _letters(new) else None


def _respacing_problems(gone: list[str], come: list[str]) -> list[TypoProblem]:
    """Spacing moved between the same letters ("fromt he" -> "from the"): still no number,
    negation or split-off prefix ("in accurate" -> "inaccurate") may come or go."""
    old, new = " ".join(gone), " ".join(come)
    if any(_is_amount(w) for w in (*gone, *come)):
        return [TypoProblem("number", old, new)]
    negations = [[_letters(w) for w in side if _is_negation(w)] for side in (gone, come)]
    if negations[0] != negations[1]:
        return [TypoProblem("negation", old, new)]
    for split, whole in ((gone, come), (come, gone)):
        head, word = split[0].lower(), whole[0].lower()
        # "a" aside: "a lot" -> "alot" splits off no negation
        splits_off = word.startswith(head) and len(word) >= len(head) + 3
        if head != "a" and head in _NEGATING_PREFIXES and splits_off:
            return [TypoProblem("prefix", old, new, prefix=head)]
    return []


def _align(gone: list[str], come: list[str]) -> list[tuple[int | None, int | None]]:
    """Pair the words of a changed block (by index) so each spelling fix meets the word it
    fixes; the rest are removals (i, None) and additions (None, j)."""
    if len(gone) * len(come) > 900:  # a rewrite, refused anyway: pair in order
        n = min(len(gone), len(come))
        return [(k, k) for k in range(n)] + [
            *((i, None) for i in range(n, len(gone))),
            *((None, j) for j in range(n, len(come))),
        ]

    def pair(i: int, j: int) -> float:
        return 0.0 if _looks_like_spelling(gone[i], come[j]) else 1.5

    rows, cols = len(gone) + 1, len(come) + 1
    cost = [[float(i + j) for j in range(cols)] for i in range(rows)]
    for i in range(1, rows):
        for j in range(1, cols):
            cost[i][j] = min(
                cost[i - 1][j] + 1, cost[i][j - 1] + 1, cost[i - 1][j - 1] + pair(i - 1, j - 1)
            )
    steps: list[tuple[int | None, int | None]] = []
    i, j = rows - 1, cols - 1
    while i or j:
        if i and j and cost[i][j] == cost[i - 1][j - 1] + pair(i - 1, j - 1):
            i, j = i - 1, j - 1
            steps.append((i, j))
        elif i and cost[i][j] == cost[i - 1][j] + 1:
            i -= 1
            steps.append((i, None))
        else:
            j -= 1
            steps.append((None, j))
    return steps[::-1]


def _letters(word: str) -> str:
    """The letters and digits of `word`, lower-cased: what case, punctuation and apostrophes
    leave unchanged."""
    return "".join(ch for ch in word.lower() if ch.isalnum())


def _looks_like_spelling(old: str, new: str) -> bool:
    """Same letters, or a few edits relative to the word's length ("recieved", "teh")."""
    a, b = _letters(old), _letters(new)
    if a == b:
        return True
    distance = _distance(a, b)
    return distance <= 2 and 3 * distance <= min(len(a), len(b))


def _distance(a: str, b: str) -> int:
    """Damerau-Levenshtein distance (optimal string alignment): insertions, deletions,
    substitutions and swaps of neighbouring letters; 3 stands for "3 or more"."""
    if abs(len(a) - len(b)) > 2:
        return 3
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], before[j - 2] + 1)
        before, previous = previous, row
    return previous[-1]


def _is_negation(word: str) -> bool:
    w = word.lower().replace("’", "'")
    return w in _NEGATIONS or w.endswith("n't")


def _is_amount(word: str) -> bool:
    if word.lower() in _AMOUNT_WORDS:
        return True
    return any(
        ch.isnumeric() or ch in _AMOUNT_SIGNS or unicodedata.category(ch) == "Sc" for ch in word
    )


def _forms(word: str) -> set[str]:
    """`word` lower-cased and the stems its common suffixes may hide ("decreased" ->
    "decrease", "winning" -> "win", "denied" -> "deny")."""
    w = word.lower()
    forms = {w}
    for suffix in ("ing", "ed", "es", "s", "ly", "er", "est", "d"):
        stem = w[: -len(suffix)]
        if not w.endswith(suffix) or len(stem) < 2:
            continue
        forms |= {stem, stem + "e"}
        if len(stem) > 2 and stem[-1] == stem[-2]:
            forms.add(stem[:-1])
        if stem.endswith("i"):
            forms.add(stem[:-1] + "y")
    return forms


def _opposite(old: str, new: str) -> bool:
    """True for a listed opposite in any cheap inflection, also when it is misspelt by one
    letter ("increased" -> "decrased") and nearer the opposite than the word it replaces."""
    apart = _distance(_letters(old), _letters(new))
    for a, b in ((_forms(old), _forms(new)), (_forms(new), _forms(old))):
        for form in a:
            others = _OPPOSITES.get(form, frozenset())
            if others & b:
                return True
            if any(len(o) >= 5 and _distance(o, f) < min(2, apart) for o in others for f in b):
                return True
    return False


def _prefix_of(old: str, new: str) -> str:
    """The negating prefix one word adds to the other ("accurate" -> "inaccurate": "in"),
    allowing one misspelt letter in the rest; "" when there is none."""
    a, b = old.lower(), new.lower()
    for plain, negated in ((a, b), (b, a)):
        for prefix in _NEGATING_PREFIXES:
            rest = negated[len(prefix) :].lstrip("-")
            if not negated.startswith(prefix) or plain.startswith(prefix) or len(rest) < 3:
                continue
            if _distance(rest, plain) <= (0 if prefix == "a" else 1):
                return prefix
    return ""
