"""Claims: segmentation, which units become claims, their kind, score and parts; and the CLI."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.extraction import __main__ as extraction_cli, extract_document
from factcheck.extraction.pipeline import LIMIT, STATEMENT_MIN
from factcheck.extraction.segment import clauses, paragraphs, sentences

REPO = Path(__file__).resolve().parents[2]
PUB = dt.date(2021, 12, 10)

ARTICLE = """\
World / Europe / Energy

Germany shuts its last three nuclear plants after 60 years

By Anna Berg and Tom Hill

Updated 9:12 AM GMT, Sun April 16, 2023

Cooling towers at the Isar 2 plant near Essenbach. (Photo by dpa)

Germany switched off its last three nuclear reactors on Saturday, ending six decades of \
atomic power in Europe's largest economy.

"This is a historic day for the climate. We are leaving a risky technology behind," \
Environment Minister Steffi Lemke told reporters in Berlin.

The three plants supplied about 6% of the country's electricity last year, according to \
the federal statistics office.

Critics argue that the shutdown will raise emissions because coal plants will run longer.

Will the lights stay on next winter?

Sign up for our Energy Briefing newsletter.

© 2023 The Example Times. All rights reserved.
"""


def claims_of(text: str, published: dt.date | None = PUB) -> list[dict]:
    return extract_document(text, published)["claims"]


def claim_with(claims: list[dict], fragment: str) -> dict:
    found = [c for c in claims if fragment in c["text"]]
    assert len(found) == 1, (fragment, [c["text"] for c in claims])
    return found[0]


# --- which units become claims ---------------------------------------------------------


def test_article_claims_skip_furniture_and_keep_every_part():
    claims = claims_of(ARTICLE)
    texts = " ".join(c["text"] for c in claims)
    for furniture in (
        "World / Europe",
        "By Anna Berg",
        "Updated 9:12",
        "Photo by dpa",
        "Cooling towers",
        "Sign up",
        "All rights reserved",
        "© 2023",
    ):
        assert furniture not in texts
    for fact in (
        "Germany shuts its last three nuclear plants",
        "switched off its last three",
        "historic day for the climate",
        "about 6% of the country's electricity",
        "Critics argue that the shutdown",
    ):
        assert fact in texts
    # A question with a date is kept (nothing is dropped) but scored as not check-worthy.
    assert claim_with(claims, "Will the lights stay on")["score"] < 0.5


def test_every_sentence_with_a_part_is_a_claim_even_when_weak():
    text = "Well, maybe we could go there on Tuesday?"
    (claim,) = claims_of(text)
    assert claim["dates"] and claim["kind"] == "date"
    assert claim["score"] < 0.5


def test_multi_sentence_quote_is_one_claim_with_its_cue():
    claims = claims_of(ARTICLE)
    quote = claim_with(claims, "historic day")
    assert quote["text"].startswith('"This is a historic day')
    assert quote["text"].endswith("told reporters in Berlin.")
    assert "We are leaving a risky technology behind" in quote["text"]
    assert quote["kind"] == "quote"
    (att,) = quote["attributions"]
    assert "Lemke" in att["speaker"] and att["direct"] is True
    assert quote["start"] <= att["content_start"] < att["content_end"] <= quote["end"]


def test_long_quote_stays_split_below_the_limit():
    body = " ".join(
        f"Sentence number {i} of the statement covers another topic at length." for i in range(12)
    )
    text = f'"{body}" the minister said on Monday.'
    claims = claims_of(text)
    assert all(c["end"] - c["start"] <= LIMIT for c in claims)
    assert sum(len(c["attributions"]) for c in claims) <= 1


def test_oversized_sentence_is_cut_into_clauses_with_parts_in_place():
    parts = [
        f"the agency counted {n},000 new cases in region {n} during the winter"
        for n in range(2, 20)
    ]
    text = "Officials said that " + "; ".join(parts) + "."
    assert len(text) > 2 * LIMIT
    claims = claims_of(text)
    assert len(claims) >= 2
    assert all(c["end"] - c["start"] <= LIMIT for c in claims)
    for c in claims:
        assert text[c["start"] : c["end"]] == c["text"]
        for q in c["quantities"]:
            assert c["start"] <= q["start"] < c["end"]
    values = {q["value"] for c in claims for q in c["quantities"]}
    assert values >= {n * 1000 for n in range(2, 20)}


def test_statement_claims_need_check_worthiness():
    text = (
        "The central bank raised interest rates because inflation reached the highest "
        "level recorded by the statistics office.\n\n"
        "It was nice.\n\n"
        "We should all just relax and enjoy the nice weather!"
    )
    claims = claims_of(text)
    assert [c["kind"] for c in claims] == ["statement"]
    assert claims[0]["score"] >= STATEMENT_MIN
    assert claims[0]["text"].startswith("The central bank raised")


def test_kind_precedence_quote_quantity_date():
    claims = claims_of(
        "The ministry said that 2,500 troops left on Tuesday.\n\n"
        "About 2,500 troops left on Tuesday.\n\n"
        "The troops left on Tuesday."
    )
    assert [c["kind"] for c in claims] == ["quote", "quantity", "date"]


def test_scores_rank_statistics_above_hedged_opinion():
    strong = claim_with(
        claims_of(
            "Unemployment fell to 3.9% in March, the lowest rate in two years, the Labor "
            "Department reported on Friday."
        ),
        "Unemployment",
    )
    weak = claim_with(
        claims_of("I think prices might perhaps rise a little in 2022, which would be terrible."),
        "prices",
    )
    assert 0.0 <= weak["score"] < 0.5 < strong["score"] <= 1.0


def test_claims_are_ordered_disjoint_and_exact_with_crlf_bom_and_nbsp():
    text = "\ufeffThe army\u00a0kept 2,500 troops.\r\nIt left on July 26, 2021.\r\n\r\n\tDone."
    claims = claims_of(text)
    assert [c["text"] for c in claims] == [
        "The army\u00a0kept 2,500 troops.",
        "It left on July 26, 2021.",
    ]
    for c in claims:
        assert text[c["start"] : c["end"]] == c["text"]


def test_empty_and_blank_text():
    assert extract_document("") == {"claims": []}
    assert extract_document(" \n\n\t ") == {"claims": []}


# --- segmentation ----------------------------------------------------------------------


def split(text: str) -> list[str]:
    return [text[s:e] for s, e in sentences(text)]


def test_sentences_keep_abbreviations_initials_and_decimals_together():
    text = (
        "Mr. Smith met Gen. Qassem Soleimani in the U.S. Army base on Jan. 3 at 9 a.m. "
        "with John F. Kennedy Jr. present. Growth was 3.5 per cent. No. 10 agreed."
    )
    assert split(text) == [
        "Mr. Smith met Gen. Qassem Soleimani in the U.S. Army base on Jan. 3 at 9 a.m. with "
        "John F. Kennedy Jr. present.",
        "Growth was 3.5 per cent.",
        "No. 10 agreed.",
    ]


def test_abbreviations_that_can_end_a_sentence_split_before_a_sentence_starter():
    text = "Troops stayed in the U.S. The president met the U.S. Army at 9 a.m. Tuesday. It ended."
    assert split(text) == [
        "Troops stayed in the U.S.",
        "The president met the U.S. Army at 9 a.m. Tuesday.",
        "It ended.",
    ]


def test_sentences_keep_closing_quotes_and_split_after_them():
    text = "“We will not leave.” The general said so. “Never!” “Why?” he asked."
    assert split(text) == [
        "“We will not leave.”",
        "The general said so.",
        "“Never!”",
        "“Why?” he asked.",
    ]


def test_sentences_split_after_ellipsis_and_never_cross_lines():
    text = "It ended… Then came 2021.\nHeadline without a stop\nNext line."
    assert split(text) == ["It ended…", "Then came 2021.", "Headline without a stop", "Next line."]
    assert [text[s:e] for s, e in paragraphs(text)] == text.split("\n")


def test_lowercase_after_full_stop_does_not_split():
    assert split("He paid $3.5bn vs. the expected sum, i.e. more. Then it ended.") == [
        "He paid $3.5bn vs. the expected sum, i.e. more.",
        "Then it ended.",
    ]


def test_clauses_cut_at_the_best_break():
    text = "First part of a long claim; second part, and a third part that goes on and on."
    pieces = [text[s:e] for s, e in clauses(text, 0, len(text), limit=40)]
    assert pieces[0] == "First part of a long claim;"
    assert all(len(p) <= 40 for p in pieces)
    assert " ".join(pieces).replace(" ", "") == text.replace(" ", "")


def test_clauses_hard_cut_a_single_huge_token():
    text = "x" * 1500
    pieces = clauses(text, 0, len(text), limit=600)
    assert pieces == [(0, 600), (600, 1200), (1200, 1500)]


# --- the command line ------------------------------------------------------------------


class Ran:
    """What a run of the CLI returned and printed."""

    def __init__(self, returncode: int, stdout: bytes, stderr: bytes):
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


def cli(*args: str, stdin: bytes | None = None) -> Ran:
    """Run `python -m factcheck.extraction ARGS` in-process (fast); see the subprocess test."""
    out, err = io.BytesIO(), io.StringIO()
    real = sys.stdin, sys.stdout, sys.stderr
    wrapped = io.TextIOWrapper(io.BytesIO(stdin or b"")), io.TextIOWrapper(out, encoding="utf-8")
    sys.stdin, sys.stdout = wrapped
    sys.stderr = err
    try:
        try:
            code = extraction_cli.main(list(args))
        except SystemExit as e:  # argparse errors
            code = e.code
        sys.stdout.flush()
    finally:
        sys.stdin, sys.stdout, sys.stderr = real
    printed = out.getvalue()  # before the wrappers are collected, which closes `out`
    for w in wrapped:
        w.detach()
    return Ran(code, printed, err.getvalue().encode())


def test_python_dash_m_prints_the_same_dict_as_the_function(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "factcheck.extraction", str(path), "--published", "2021-12-10"],
        check=False,
        capture_output=True,
        cwd=REPO,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    expected = json.loads(json.dumps(extract_document(ARTICLE, PUB)))
    assert json.loads(proc.stdout.decode("utf-8")) == expected
    assert cli(str(path), "--published", "2021-12-10").stdout == proc.stdout


def test_cli_reads_standard_input():
    proc = cli("-", stdin=b"The army kept 2,500 troops.")
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["claims"][0]["quantities"][0]["value"] == 2500


def test_cli_reduces_html_to_article_text(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>T</title><script>var n = '9 troops';</script></head>"
        "<body><nav>News / Iraq / Military</nav><article><h1>Army keeps 2,500 "
        "troops</h1><div class='share-tools'>Share on Facebook</div><p>The army "
        "said on Tuesday it keeps 2,500 troops.</p><figure><figcaption>File photo "
        "from 2019</figcaption></figure></article></body></html>",
        encoding="utf-8",
    )
    proc = cli(str(page), "--published", "2021-12-10")
    assert proc.returncode == 0, proc.stderr
    texts = [c["text"] for c in json.loads(proc.stdout)["claims"]]
    assert texts == ["Army keeps 2,500 troops", "The army said on Tuesday it keeps 2,500 troops."]
    shown = cli(str(page), "--text").stdout.decode()
    assert shown == "Army keeps 2,500 troops\n\nThe army said on Tuesday it keeps 2,500 troops.\n"


def test_cli_rejects_non_utf8_with_a_clear_error(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("The café kept 25 troops.".encode("latin-1"))
    proc = cli(str(path))
    assert proc.returncode == 2 and proc.stdout == b""
    assert b"not valid utf-8" in proc.stderr and b"--encoding" in proc.stderr
    ok = cli(str(path), "--encoding", "latin-1")
    assert ok.returncode == 0
    assert json.loads(ok.stdout)["claims"][0]["text"] == "The café kept 25 troops."


def test_cli_rejects_binary_and_missing_files(tmp_path):
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    proc = cli(str(binary))
    assert proc.returncode == 2 and b"binary" in proc.stderr
    missing = cli(str(tmp_path / "nope.txt"))
    assert missing.returncode == 2 and b"cannot read" in missing.stderr
    bad_date = cli(str(binary), "--published", "2021-02-30")
    assert bad_date.returncode == 2 and b"YYYY-MM-DD" in bad_date.stderr


@pytest.mark.parametrize("charset", ["windows-1252", "iso-8859-1"])
def test_cli_html_uses_the_declared_charset(tmp_path, charset):
    page = tmp_path / "page.htm"
    page.write_bytes(
        f'<html><head><meta charset="{charset}"></head><body><p>The café '
        f"kept 25 troops.</p></body></html>".encode(charset)
    )
    proc = cli(str(page))
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["claims"][0]["text"] == "The café kept 25 troops."
