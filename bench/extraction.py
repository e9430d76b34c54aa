"""Benchmark the claim extraction engine against dateparser.search_dates + quantulum3.

Both pipelines run in this one process on the same documents: the shared evaluation texts when
../shared/eval exists, else the demo article. Printed: words per second for each and the ratio
(target: ours >= 10x the peer's), peak memory for 1 MB articles measured in fresh subprocesses
(target: < 300 MB), and the import and first-call time of factcheck.extraction (target: < 1 s).
The last line of output is one JSON object with every number.

Run it through bench/run-extraction.sh, which builds .venv-bench with the peer packages (they are
never part of requirements.txt). quantulum3 runs without its optional scikit-learn classifier, so
nothing is trained or downloaded at run time (and the peer is at its fastest).
"""

from __future__ import annotations

import argparse
import ast
import datetime as dt
import json
import os
import subprocess
import sys
import time
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "eval"
sys.path.insert(0, str(REPO))

# The dense news text of issue #3's speed report, and the 1 MB target size.
DENSE = (
    "The ministry said on Tuesday that 2,500 troops would remain in the country until "
    'December 31, 2021. "We will not leave," the general told reporters. '
)
MB = 1_000_000
# Adversarial shapes (issue 13): runs without spaces, repeated punctuation, digits with
# separators, quotes, capitalised words, sentences with no full stop, brackets. Each is extracted
# at ADVERSARIAL_BYTES; before the fix "A-" took 17.5 s per 100 kB.
ADVERSARIAL = [
    "A-",
    "A.",
    "a.",
    "a+",
    "...",
    "1,",
    "1 ",
    "-1",
    "said ",
    '"a" ',
    "“",
    "((a)",
    "Ab Cd ",
    "the word ",
    "2021 ",
    "a@",
    "a\n",
]
ADVERSARIAL_BYTES = 100_000
TARGETS = {"ratio_min": 10.0, "peak_mb_max": 300.0, "import_s_max": 1.0}

Doc = tuple[str, str, dt.date | None]


def demo_body() -> str:
    """The demo article's BODY, read without importing the web app."""
    tree = ast.parse((REPO / "factcheck" / "commands" / "demo.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            getattr(t, "id", None) == "BODY" for t in node.targets
        ):
            return ast.literal_eval(node.value)
    raise SystemExit("factcheck/commands/demo.py has no BODY")


def documents(every: int = 1) -> tuple[str, list[Doc]]:
    """(source, [(name, text, published)]): the shared eval texts, or the demo article."""
    if SHARED.is_dir():
        docs: list[Doc] = []
        for folder in sorted({p.parent for p in SHARED.rglob("*.json")}):
            golds = sorted(folder.glob("*.json"))[::every]
            for gold_path in golds:
                gold = json.loads(gold_path.read_text(encoding="utf-8"))
                if "document" not in gold:
                    continue
                text = (gold_path.parent / gold["document"]).read_text(encoding="utf-8")
                pub = gold.get("published")
                docs.append(
                    (
                        str(gold_path.relative_to(SHARED)),
                        text,
                        dt.date.fromisoformat(pub) if pub else None,
                    )
                )
        if docs:
            return "shared/eval", docs
    body = demo_body()
    return "factcheck/commands/demo.py BODY x 40", [
        (f"demo-{i}", body, dt.date(2021, 12, 10)) for i in range(40)
    ]


def words(docs: list[Doc]) -> int:
    return sum(len(text.split()) for _, text, _ in docs)


def load_peer() -> tuple[float, object, object]:
    """Import dateparser and quantulum3 and make their first (loading) calls; return the time."""
    t0 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # quantulum3 warns that its optional classifier is absent
        from dateparser.search import search_dates
        from quantulum3 import parser

        search_dates("on Tuesday, December 31, 2021", languages=["en"])
        parser.parse("nearly 2,500 troops and 40% more")
    return time.perf_counter() - t0, search_dates, parser


def time_all(docs: list[Doc], repeat: int, peer: tuple | None) -> dict[str, float]:
    """Seconds per pipeline, interleaved document by document so that both see the same load
    on a shared machine; each document's best of `repeat` runs counts."""
    from factcheck.extraction import extract_document

    extract_document(docs[0][1], docs[0][2])  # warm-up, like the peer's loading calls
    totals = {"ours": 0.0, "dateparser": 0.0, "quantulum3": 0.0}
    search_dates, parser = peer or (None, None)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # quantulum3 warns that its optional classifier is absent
        for _, text, pub in docs:
            base = dt.datetime(pub.year, pub.month, pub.day) if pub else None  # noqa: DTZ001 (the peer's reference date, naive as it expects)
            runs = [("ours", lambda t=text, p=pub: extract_document(t, p))]
            if peer:
                runs += [
                    (
                        "dateparser",
                        lambda t=text, b=base: search_dates(
                            t, languages=["en"], settings={"RELATIVE_BASE": b} if b else None
                        ),
                    ),
                    ("quantulum3", lambda t=text: parser.parse(t)),
                ]
            for name, call in runs:
                best = float("inf")
                for _ in range(repeat):
                    t0 = time.perf_counter()
                    call()
                    best = min(best, time.perf_counter() - t0)
                totals[name] += best
    return totals


def spacy_blank(docs: list[Doc]) -> dict | None:
    """spaCy's blank English pipeline, if installed here: load time and tokenizer speed."""
    try:
        t0 = time.perf_counter()
        import spacy

        nlp = spacy.blank("en")
        load = time.perf_counter() - t0
    except ImportError:
        return None
    t0 = time.perf_counter()
    for _, text, _ in docs:
        nlp.tokenizer(text)
    seconds = time.perf_counter() - t0
    return {
        "version": spacy.__version__,
        "load_seconds": round(load, 3),
        "tokenizer_words_per_second": round(words(docs) / seconds),
    }


# ----------------------------------------------------------------------------- subprocesses


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB (VmHWM: unlike ru_maxrss, reset by exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def child(mode: str) -> None:
    """Measurements that need a fresh interpreter; prints one JSON object."""
    if mode == "import":
        t0 = time.perf_counter()
        from factcheck.extraction import extract_document

        t1 = time.perf_counter()
        extract_document("The army said on Tuesday that it keeps 2,500 troops in Iraq.")
        print(
            json.dumps({"import_seconds": t1 - t0, "first_call_seconds": time.perf_counter() - t1})
        )
        return
    kind, _, tool = mode.partition(":")
    text = (DENSE * (MB // len(DENSE) + 1))[:MB] if kind == "dense" else prose_megabyte()
    from factcheck.extraction import extract_document

    base_mb = peak_rss_mb()
    if tool == "tracemalloc":
        import tracemalloc

        tracemalloc.start()
    t0 = time.perf_counter()
    result = extract_document(text, dt.date(2021, 12, 10))
    seconds = time.perf_counter() - t0
    out = {
        "chars": len(text),
        "words": len(text.split()),
        "seconds": round(seconds, 2),
        "claims": len(result["claims"]),
    }
    if tool == "tracemalloc":
        out["python_peak_mb"] = round(tracemalloc.get_traced_memory()[1] / 1e6, 1)
    else:
        out["rss_peak_mb"] = peak_rss_mb()
        out["rss_before_mb"] = base_mb
    print(json.dumps(out))


def prose_megabyte() -> str:
    """1 MB of ordinary news prose: the shared texts (or the demo article) repeated."""
    _, docs = documents()
    text = "\n\n".join(t for _, t, _ in docs)
    return (text * (MB // len(text) + 1))[:MB]


def run_child(mode: str) -> dict:
    proc = subprocess.run(
        [sys.executable, __file__, "--child", mode],
        check=False,
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    if proc.returncode != 0:
        raise SystemExit(f"benchmark child {mode} failed:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# ----------------------------------------------------------------------------- main


def main() -> int:
    args = parse_args()
    if args.child:
        child(args.child)
        return 0

    source, docs = documents(max(1, args.every))
    n_words = words(docs)
    print(f"documents     {len(docs)} from {source}, {n_words} words")
    peer, peer_load = try_peer(args.no_peer)
    times = time_all(docs, max(1, args.repeat), peer)
    report = ours_report(source, docs, n_words, times["ours"])
    if peer:
        report.update(peer_report(n_words, times, peer_load))
    report["spacy_blank_en"] = spacy_report(docs)
    imp, first = import_times()
    report.update({"import_seconds": round(imp, 3), "first_call_seconds": round(first, 3)})
    for kind in ("dense", "prose"):
        report[f"megabyte_{kind}"] = megabyte_report(kind, args.tracemalloc)
    news_bytes = sum(len(t.encode("utf-8")) for _, t, _ in docs)
    report["adversarial"] = adversarial_report(news_bytes / n_words, times["ours"], news_bytes)
    ok = targets_met(report, imp + first)
    report["targets_met"] = ok
    print(json.dumps(report))
    return 1 if args.check and not all(v for v in ok.values() if v is not None) else 0


def parse_args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--every", type=int, default=1, help="use every Nth document of each set")
    ap.add_argument(
        "--repeat", type=int, default=1, help="runs per document and pipeline; the best is kept"
    )
    ap.add_argument("--no-peer", action="store_true", help="skip dateparser and quantulum3")
    ap.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    ap.add_argument(
        "--tracemalloc",
        action="store_true",
        help="also measure Python allocations with tracemalloc (slow)",
    )
    ap.add_argument("--child", help=argparse.SUPPRESS)
    return ap.parse_args()


def try_peer(skip: bool) -> tuple[tuple | None, float]:
    """((search_dates, parser), their loading time), or (None, 0.0) when skipped or when the
    peer packages are not installed here."""
    if skip:
        return None, 0.0
    try:
        peer_load, search_dates, parser = load_peer()
    except ImportError as e:
        print(f"peer          not installed ({e.name}); use bench/run-extraction.sh")
        return None, 0.0
    return (search_dates, parser), peer_load


def ours_report(source: str, docs: list[Doc], n_words: int, ours_s: float) -> dict:
    ours_wps = n_words / ours_s
    print(f"ours          {ours_s:.2f} s = {ours_wps:,.0f} words/s")
    return {
        "documents": len(docs),
        "source": source,
        "words": n_words,
        "ours_seconds": round(ours_s, 3),
        "ours_words_per_second": round(ours_wps),
    }


def peer_report(n_words: int, times: dict[str, float], peer_load: float) -> dict:
    """The peer's speed and our speed as a multiple of it."""
    ours_wps = n_words / times["ours"]
    d_s, q_s = times["dateparser"], times["quantulum3"]
    peer_wps = n_words / (d_s + q_s)
    ratio = ours_wps / peer_wps
    print(
        f"peer          {d_s + q_s:.2f} s = {peer_wps:,.0f} words/s "
        f"(dateparser {n_words / d_s:,.0f} words/s, quantulum3 {n_words / q_s:,.0f} "
        f"words/s; loading {peer_load:.2f} s)"
    )
    print(f"ratio         {ratio:.1f}x (target >= {TARGETS['ratio_min']:.0f}x)")
    import dateparser
    import quantulum3

    return {
        "peer": f"dateparser {dateparser.__version__} search_dates(languages=['en']) + "
        f"quantulum3 {getattr(quantulum3, '__version__', '?')} parser.parse",
        "peer_seconds": round(d_s + q_s, 3),
        "peer_words_per_second": round(peer_wps),
        "dateparser_words_per_second": round(n_words / d_s),
        "quantulum3_words_per_second": round(n_words / q_s),
        "peer_load_seconds": round(peer_load, 3),
        "ratio": round(ratio, 1),
    }


def spacy_report(docs: list[Doc]) -> dict | None:
    spacy_info = spacy_blank(docs)
    if spacy_info:
        print(
            f"spacy blank   load {spacy_info['load_seconds']} s, tokenizer "
            f"{spacy_info['tokenizer_words_per_second']:,} words/s (for comparison only)"
        )
    return spacy_info


def import_times() -> tuple[float, float]:
    """(import, first call) of factcheck.extraction: the best of three fresh interpreters."""
    imports = [run_child("import") for _ in range(3)]
    imp = min(i["import_seconds"] for i in imports)
    first = min(i["first_call_seconds"] for i in imports)
    print(
        f"import        {imp:.3f} s, first call {first:.3f} s "
        f"(target < {TARGETS['import_s_max']:.0f} s)"
    )
    return imp, first


def megabyte_report(kind: str, tracemalloc: bool) -> dict:
    """Time and peak memory of one 1 MB article of `kind` (dense or prose)."""
    rss = run_child(kind)
    line = (
        f"1 MB {kind:6s}  {rss['seconds']} s ({rss['words'] / rss['seconds']:,.0f} "
        f"words/s), peak RSS {rss['rss_peak_mb']} MB (before the call "
        f"{rss['rss_before_mb']} MB)"
    )
    if tracemalloc:
        rss["python_peak_mb"] = run_child(f"{kind}:tracemalloc")["python_peak_mb"]
        line += f", Python allocations peak {rss['python_peak_mb']} MB"
    print(line)
    return rss


def adversarial_report(bytes_per_word: float, news_seconds: float, news_bytes: int) -> dict:
    """Speed on each adversarial shape, as bytes/s and as news words/s (its bytes divided by
    the news texts' bytes per word, since a run without spaces has no words), the worst next to
    the news texts' own."""
    from factcheck.extraction import extract

    speeds = {}
    for unit in ADVERSARIAL:
        text = unit * (ADVERSARIAL_BYTES // len(unit.encode("utf-8")))
        t0 = time.perf_counter()
        extract(text)
        speeds[unit] = len(text.encode("utf-8")) / (time.perf_counter() - t0)
    worst = min(speeds, key=speeds.__getitem__)
    news_bps = news_bytes / news_seconds
    out = {
        "bytes": ADVERSARIAL_BYTES,
        "news_bytes_per_second": round(news_bps),
        "news_words_per_second": round(news_bps / bytes_per_word),
        "worst_shape": worst,
        "worst_bytes_per_second": round(speeds[worst]),
        "worst_words_per_second": round(speeds[worst] / bytes_per_word),
        "bytes_per_second": {k: round(v) for k, v in speeds.items()},
    }
    print(
        f"adversarial   worst {worst!r} x {ADVERSARIAL_BYTES // 1000} kB: "
        f"{out['worst_words_per_second']:,} words/s ({speeds[worst] / 1000:,.0f} kB/s) against "
        f"news {out['news_words_per_second']:,} words/s ({news_bps / 1000:,.0f} kB/s)"
    )
    return out


def targets_met(report: dict, import_and_first_call: float) -> dict[str, bool | None]:
    """Each target met or not; None for the ratio when the peer did not run."""
    peak = max(report[f"megabyte_{k}"]["rss_peak_mb"] for k in ("dense", "prose"))
    return {
        "ratio": report.get("ratio", 0) >= TARGETS["ratio_min"] if "ratio" in report else None,
        "peak_memory": peak < TARGETS["peak_mb_max"],
        "import": import_and_first_call < TARGETS["import_s_max"],
    }


if __name__ == "__main__":
    sys.exit(main())
