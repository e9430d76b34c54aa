"""Property-based tests: any text gives well-formed output with exact offsets and never raises."""

from __future__ import annotations

import datetime as dt
import string

from hypothesis import HealthCheck, example, given, settings, strategies as st

from factcheck.extraction import extract_document
from factcheck.extraction.html import html_to_text
from factcheck.extraction.segment import clauses, is_furniture, paragraphs, sentences

# Bounded so the whole suite stays fast; deadline off because a slow shared CI core is no bug.
FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

NEWSY = [
    "The",
    "ministry",
    "said",
    "on",
    "Tuesday",
    "that",
    "2,500",
    "troops",
    "would",
    "remain",
    "until",
    "December",
    "31,",
    "2021.",
    '"We',
    "will",
    "not",
    'leave,"',
    "the",
    "general",
    "told",
    "reporters.",
    "“",
    "”",
    "‘",
    "’",
    "'",
    '"',
    "nearly",
    "$3bn",
    "40%",
    "1.5",
    "million",
    "last",
    "summer",
    "Kirby",
    "insisted",
    "according",
    "to",
    "Mr.",
    "U.S.",
    "Jan.",
    "—",
    "-",
    "(",
    ")",
    ";",
    ":",
    "?",
    "!",
    "\n",
    "\n\n",
    "  ",
    "By",
    "Photo",
    "Share",
    "©",
    "/",
    "|",
    "...",
    "…",
    "two",
    "dozen",
    "thousands",
    "of",
    "2017",
    "in",
    "October",
]
newsy_text = st.lists(st.sampled_from(NEWSY), max_size=80).map(" ".join)
any_text = st.one_of(
    st.text(max_size=400),
    st.text(alphabet=string.punctuation + " \n", max_size=300),
    st.text(alphabet=string.digits + ",.%$ -\n", max_size=300),
    st.text(alphabet="\"'“”‘’«» .,\nAaBb", max_size=300),
    st.binary(max_size=300).map(lambda b: b.decode("latin-1")),
    newsy_text,
)
published = st.one_of(st.none(), st.dates())

PART_KEYS = {
    "quantities": {"text", "start", "end", "value", "unit", "approximate", "qualifier"},
    "dates": {"text", "start", "end", "value", "relative"},
    "attributions": {
        "speaker",
        "speaker_text",
        "speaker_start",
        "speaker_end",
        "role",
        "cue",
        "direct",
        "content",
        "content_start",
        "content_end",
    },
}


def check_span(text: str, item: dict, start: str, end: str, key: str) -> None:
    s, e = item[start], item[end]
    assert isinstance(s, int) and isinstance(e, int)
    assert 0 <= s <= e <= len(text), (s, e, len(text))
    assert text[s:e] == item[key]


def check_document(text: str, result: dict) -> None:
    """Every invariant of the extractor's contract."""
    assert set(result) == {"claims"}
    last_end = -1
    for claim in result["claims"]:
        check_span(text, claim, "start", "end", "text")
        assert claim["start"] < claim["end"], "a claim is never empty"
        assert claim["start"] >= last_end, "claims are ordered and do not overlap"
        last_end = claim["end"]
        assert isinstance(claim["score"], float) and 0.0 <= claim["score"] <= 1.0
        assert claim["kind"] in ("quantity", "date", "quote", "statement")
        for key, keys in PART_KEYS.items():
            assert isinstance(claim[key], list)
            for item in claim[key]:
                assert keys <= set(item), (key, item)
        for q in claim["quantities"]:
            check_span(text, q, "start", "end", "text")
            assert q["value"] is None or isinstance(q["value"], (int, float))
            assert q["unit"] is None or isinstance(q["unit"], str)
            assert isinstance(q["approximate"], bool)
            assert q["qualifier"] is None or isinstance(q["qualifier"], str)
        for d in claim["dates"]:
            check_span(text, d, "start", "end", "text")
            assert d["value"] is None or isinstance(d["value"], str)
            assert isinstance(d["relative"], bool)
        for a in claim["attributions"]:
            check_span(text, a, "content_start", "content_end", "content")
            if a["speaker_start"] is not None:
                check_span(text, a, "speaker_start", "speaker_end", "speaker_text")
            assert a["speaker"] is None or isinstance(a["speaker"], str)
            assert isinstance(a["direct"], bool)
            assert a["cue"] is None or isinstance(a["cue"], str)
        if claim["kind"] == "quote":
            assert claim["attributions"]


@FAST
@given(any_text, published)
@example("", None)
@example("\x00\x01\x02\xff" * 50, None)
@example('"' * 200 + "“" * 200, None)
@example("9" * 5000, None)
@example("a" * 5000 + ".", None)
@example("He said: “We will never leave. Never. ", dt.date(2021, 12, 10))
@example("... ... !!! ??? ;;; ---", None)
def test_any_text_gives_a_valid_document(text: str, pub: dt.date | None) -> None:
    check_document(text, extract_document(text, pub))


@FAST
@given(any_text)
def test_segments_are_exact_and_ordered(text: str) -> None:
    last = 0
    for s, e in sentences(text):
        assert last <= s < e <= len(text)
        assert text[s:e] == text[s:e].strip()
        assert "\n" not in text[s:e], "sentences never cross a line break"
        last = e
    for s, e in paragraphs(text):
        assert 0 <= s < e <= len(text)
    for s, e in sentences(text):
        pieces = clauses(text, s, e, limit=60)
        assert pieces and pieces[0][0] == s and pieces[-1][1] == e
        assert all(a < b and b - a <= 60 and text[a:b] == text[a:b].strip() for a, b in pieces)
    assert isinstance(is_furniture(text), bool)


markup = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "<p>",
                "</p>",
                "<br>",
                "<div class='share'>",
                "</div>",
                "<article>",
                "<script>",
                "</script>",
                "<h1>",
                "<!--",
                "-->",
                "<?xml version='1.0'?>",
                "&amp;",
                "&#0;",
                "<figcaption>",
                "<",
                ">",
                "\ue000",
            ]
        ),
        st.text(max_size=30),
    ),
    max_size=60,
).map("".join)


@FAST
@given(markup)
def test_any_markup_reduces_to_text(page: str) -> None:
    text = html_to_text(page)
    assert isinstance(text, str)
    assert "\ue000" not in text
    check_document(text, extract_document(text))


def test_huge_inputs_stay_bounded() -> None:
    """Pathological shapes that make naive regexes backtrack finish in well under the limit."""
    shapes = [
        "A. " * 20000,  # abbreviation-like initials with no sentence end
        "Mr. " * 20000,
        "1," * 30000 + "5",
        "x" * 200000,
        '"' + "word " * 30000,  # an unbalanced quote running to the end
        ("(" * 5000) + ("said " * 5000),
        "\u200b\ufeff " * 30000,
        "/ " * 30000,
    ]
    for text in shapes:
        check_document(text, extract_document(text))
