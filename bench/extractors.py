"""trafilatura against our html.py for ingest by URL (issue 14): how much of the article each
keeps, how much boilerplate slips through, and how fast each is on a large page.

The pages are written here, in our own words: a news story, a press release, a blog post with
comments and a page whose article is split by ads and related links. Each line of ARTICLE must
be kept, each line of CHROME dropped. Run: .venv/bin/python bench/extractors.py
The last line of output is one JSON object with every number.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import trafilatura

from factcheck.extraction.html import html_to_text

CHROME = [
    "Subscribe to our newsletter for the morning briefing",
    "We use cookies to make this site work and to measure visits",
    "Most read this week",
    "Council approves new cycle lanes on the ring road",
    "Share this on social media",
    "All rights reserved by the publisher of this site",
    "Sign in to leave a comment on this story",
    "Advertisement: holidays in the sun from a low price",
    "Related: how the tram extension was paid for",
    "Great article, thanks for writing it, said a reader called Tom",
]

ARTICLE = [
    "The regional water company lost a fifth of its treated water through leaks last year.",
    "Its chief executive told the assembly committee that repairs would take a decade.",
    "The regulator fined the company four million pounds in March for missing its targets.",
    "Households in the north of the region had three supply interruptions on average.",
    "A spokesperson said investment had doubled since the previous price review.",
    "Campaigners said the company paid dividends while the leaks went unrepaired.",
]


def _paragraphs(lines: list[str]) -> str:
    return "".join(f"<p>{line}</p>" for line in lines)


def _news() -> str:
    return (
        "<html><head><title>Leaks</title></head><body>"
        f"<header><nav><a href='/'>Home</a> {CHROME[0]}</nav><div class='cookies'>{CHROME[1]}</div>"
        f"</header><main><article><h1>Water leaks</h1>{_paragraphs(ARTICLE)}</article>"
        f"<aside><h3>{CHROME[2]}</h3><ul><li>{CHROME[3]}</li></ul></aside></main>"
        f"<div class='share'>{CHROME[4]}</div><footer>{CHROME[5]}</footer></body></html>"
    )


def _release() -> str:
    return (
        "<html><body><div id='top'><ul><li>About us</li><li>Media centre</li></ul>"
        f"<p>{CHROME[0]}</p></div><div class='content'><h2>Press release</h2>"
        f"{_paragraphs(ARTICLE)}</div><div id='foot'><p>{CHROME[5]}</p><p>{CHROME[1]}</p>"
        "</div></body></html>"
    )


def _blog() -> str:
    return (
        f"<html><body><div class='post'><h1>On leaks</h1>{_paragraphs(ARTICLE)}</div>"
        f"<div id='comments'><h3>Comments</h3><p>{CHROME[6]}</p><div class='comment'>"
        f"<p>{CHROME[9]}</p></div></div><div class='sidebar'><p>{CHROME[2]}</p>"
        f"<p>{CHROME[3]}</p></div></body></html>"
    )


def _split() -> str:
    half = len(ARTICLE) // 2
    return (
        "<html><body><article><h1>Leaks</h1>"
        f"{_paragraphs(ARTICLE[:half])}<div class='ad'><p>{CHROME[7]}</p></div>"
        f"<div class='related'><p>{CHROME[8]}</p></div>{_paragraphs(ARTICLE[half:])}"
        f"</article><footer><p>{CHROME[4]}</p><p>{CHROME[5]}</p></footer></body></html>"
    )


PAGES = {"news": _news, "release": _release, "blog": _blog, "split": _split}


def _trafilatura(markup: str) -> str:
    found = trafilatura.bare_extraction(markup, with_metadata=False, favor_precision=True)
    return (found.text or "") if found else ""


EXTRACTORS = {"trafilatura": _trafilatura, "html.py": html_to_text}


def _scores() -> dict[str, dict[str, float]]:
    kept = {name: [0, 0] for name in EXTRACTORS}  # article lines kept, chrome lines kept
    chrome_total = 0
    for build in PAGES.values():
        markup = build()
        present = [c for c in CHROME if c in markup]
        chrome_total += len(present)
        for name, extract in EXTRACTORS.items():
            text = extract(markup)
            kept[name][0] += sum(line in text for line in ARTICLE)
            kept[name][1] += sum(line in text for line in present)
    article_total = len(ARTICLE) * len(PAGES)
    return {
        name: {
            "article_kept": round(a / article_total, 3),
            "boilerplate_kept": round(c / chrome_total, 3),
        }
        for name, (a, c) in kept.items()
    }


def _large_page(target_bytes: int = 1_000_000) -> str:
    body, size = [], 0
    while size < target_bytes:
        chunk = f"<section><h2>Part</h2>{_paragraphs(ARTICLE)}<aside>{CHROME[7]}</aside></section>"
        body.append(chunk)
        size += len(chunk)
    return f"<html><body><nav>{CHROME[0]}</nav><article>{''.join(body)}</article></body></html>"


def _speed(rounds: int = 5) -> dict[str, dict[str, float]]:
    page = _large_page()
    times: dict[str, list[float]] = {name: [] for name in EXTRACTORS}
    for _ in range(rounds):  # interleaved, so a busy moment hits both alike
        for name, extract in EXTRACTORS.items():
            started = time.perf_counter()
            extract(page)
            times[name].append(time.perf_counter() - started)
    return {
        name: {
            "median_s": round(statistics.median(t), 3),
            "min_s": round(min(t), 3),
            "max_s": round(max(t), 3),
            "page_bytes": len(page),
        }
        for name, t in times.items()
    }


def main() -> None:
    scores, speed = _scores(), _speed()
    for name in EXTRACTORS:
        s, t = scores[name], speed[name]
        print(
            f"{name:12} article kept {s['article_kept']:.0%}  boilerplate kept "
            f"{s['boilerplate_kept']:.0%}  1 MB page: median {t['median_s']:.2f} s "
            f"(min {t['min_s']:.2f}, max {t['max_s']:.2f})"
        )
    print(json.dumps({"quality": scores, "speed": speed}))


if __name__ == "__main__":
    main()
