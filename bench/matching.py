""" "Already checked?" matching at scale: suggest() against 100,000 stored fact-checks.

    python bench/matching.py [--documents 100000] [--queries 200] [--pg URL] [--no-pg]

For SQLite (a file) and PostgreSQL (a database of its own, created and dropped here), the
match tables are filled with synthetic fact-checks through index_documents (documents/s), then
timed queries (paraphrases: a stored claim's words thinned, reordered and padded) go through
suggest(): queries/s, p50/p95 in ms and recall@5 of the paraphrased claim, lexical, with the
first stage's postings budget and without it (taking turns). Where the embeddings extra is
installed: the model's load time and memory, passages/s and one query's embedding, and
suggest() with the semantic model. Embedding 100,000 documents here would take hours on 2
cores, so every stored document gets one of 256 real passage vectors: the cost of a semantic
suggestion does not depend on which vectors they are. Goals (issue 15): p95 <= 100 ms
lexical, <= 250 ms with embeddings. One JSON line at the end.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, text, update  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from factcheck.matching import NewDocument, embedding, index_documents, schema, services, suggest  # noqa: E402
from factcheck.models import MatchDocument, MatchKind, MatchTerm  # noqa: E402

DEFAULT_BUDGET = services.POSTINGS_BUDGET

WHO = "mayor senator minister council governor police union company hospital school".split()
DID = "cut raised banned closed doubled tripled funded sold hid approved".split()
WHAT = (
    "taxes bridges libraries pensions wages vaccines trains fares rents schools water masks "
    "hospitals roads farms bread petrol jobs prisons forests ferries clinics visas"
).split()
PLACES = "Riverton Northfield Tamber Eastport Lowmoor Ashby Kelling Dunmore Harrow Selby".split()
FILLER = "wow really unbelievable look share everyone now folks breaking".split()
# Names of people, places and things: real fact-checks each carry a few rare words.
SYLLABLES = "ka lo mi ser tan vo ri del un pa gor zi be ol fen tra mu sa ven dro".split()
NAMES = sorted({a + b + c for a in SYLLABLES for b in SYLLABLES for c in SYLLABLES})


def fact_check(rng: random.Random) -> tuple[str, str]:
    """A synthetic claim and headline: a few thousand distinct topics, many near each other."""
    who, did, what, place = (
        rng.choice(WHO),
        rng.choice(DID),
        rng.sample(WHAT, 2),
        rng.choice(PLACES),
    )
    number = rng.choice([rng.randint(2, 99), rng.randint(100, 5000)])
    year = rng.randint(1990, 2026)
    claim = f"The {place} {who} {did} {what[0]} and {what[1]} by {number} percent in {year}."
    name, thing = rng.choice(NAMES).title(), rng.choice(NAMES)
    claim = claim.replace(f"The {place} {who}", f"{name}, the {place} {who},", 1)
    return f"{claim[:-1]} for the {thing} plan.", f"Did {name} {did.rstrip('ed')} {what[0]}?"


def paraphrase(claim: str, rng: random.Random) -> str:
    kept = [w for w in claim.rstrip(".").split() if rng.random() < 0.75]
    rng.shuffle(kept)
    return " ".join(kept + rng.sample(FILLER, 3))


def _fill(session: Session, docs: list[tuple[str, str]]) -> float:
    start = time.perf_counter()
    for at in range(0, len(docs), 2000):
        batch = docs[at : at + 2000]
        new = [NewDocument(MatchKind.IMPORTED, at + i, t, h) for i, (t, h) in enumerate(batch)]
        index_documents(session, new)
        session.commit()
    return len(docs) / (time.perf_counter() - start)


def _timed(session: Session, queries: list[tuple[int, str]], budgets=(None,)) -> dict:
    """Each query through suggest() once per first-stage budget, the budgets taking turns query
    by query (so both see the same machine): per budget queries/s, p50/p95 and how often the
    fact-check a query paraphrases comes back in the top 5."""
    times: dict = {b: [] for b in budgets}
    found: dict = dict.fromkeys(budgets, 0)
    for turn, (source, q) in enumerate(queries):
        order = budgets if turn % 2 == 0 else tuple(reversed(budgets))
        for budget in order:
            services.POSTINGS_BUDGET = budget
            start = time.perf_counter()
            top = suggest(session, q, k=5)
            times[budget].append((time.perf_counter() - start) * 1000)
            found[budget] += any(m.ref_id == source for m in top)
    services.POSTINGS_BUDGET = DEFAULT_BUDGET
    out = {}
    for budget in budgets:
        t = times[budget]
        out["no budget" if budget is None else f"budget {budget}"] = {
            "queries_per_s": round(len(t) / (sum(t) / 1000), 1),
            "p50_ms": round(statistics.median(t), 1),
            "p95_ms": round(statistics.quantiles(t, n=20)[18], 1),
            "recall_at_5": round(found[budget] / len(t), 3),
        }
    return out


def _vectors(session: Session, docs: list[tuple[str, str]], embedder) -> None:
    pool = embedder.passages([f"{t} {h}" for t, h in docs[:256]])
    for i, vector in enumerate(pool):
        session.execute(
            update(MatchDocument)
            .where(text(f"id % 256 = {i}"))
            .values(embedding=vector, embedding_model=embedder.name)
        )
    session.commit()


def run_on(url: str, docs, queries, embedder) -> dict:
    """Fill a fresh database at `url` and time suggestions on it."""
    engine = create_engine(url)
    schema.register()
    tables = [MatchDocument.__table__, MatchTerm.__table__]
    MatchDocument.metadata.drop_all(engine, tables=tables)
    MatchDocument.metadata.create_all(engine, tables=tables)
    out: dict = {}
    with Session(engine) as session:
        out["index_documents_per_s"] = round(_fill(session, docs))
        if engine.dialect.name == "postgresql":
            session.execute(text("ANALYZE match_documents"))
            session.commit()
        suggest(session, queries[0][1])  # warm caches
        out["lexical"] = _timed(session, queries, (DEFAULT_BUDGET, None))
        if embedder is not None:
            _vectors(session, docs, embedder)
            out["semantic"] = _timed(session, queries, (DEFAULT_BUDGET,))
    engine.dispose()
    return out


def model_figures() -> tuple[object, dict]:
    """The embedder (None without the extra) and its load time, memory and speed."""
    if not embedding.installed():
        return None, {"installed": False}
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    embedder = embedding.load()
    load_s = time.perf_counter() - start
    start = time.perf_counter()
    embedder.passages([f"Passage number {i} about the council and its budget." for i in range(64)])
    passages_s = 64 / (time.perf_counter() - start)
    start = time.perf_counter()
    for i in range(20):
        embedder.query(f"did the council cut the budget by {i} percent")
    figures = {
        "installed": True,
        "model": embedder.name,
        "load_s": round(load_s, 2),
        "rss_growth_mb": round(
            (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
        ),
        "passages_per_s": round(passages_s, 1),
        "query_ms": round((time.perf_counter() - start) * 1000 / 20, 1),
    }
    return embedder, figures


def _postgres(base: str, docs, queries, embedder) -> dict:
    name = "factcheck_bench_matching"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name}"))
        conn.execute(text(f"CREATE DATABASE {name}"))
    try:
        return run_on(str(make_url(base).set(database=name)), docs, queries, embedder)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name}"))
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--pg", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    parser.add_argument("--no-pg", action="store_true")
    args = parser.parse_args()
    rng = random.Random(15)
    docs = [fact_check(rng) for _ in range(args.documents)]
    sources = [rng.randrange(len(docs)) for _ in range(args.queries)]
    queries = [(i, paraphrase(docs[i][0], rng)) for i in sources]
    embedder, model = model_figures()
    result: dict = {"documents": args.documents, "queries": args.queries, "model": model}
    with tempfile.TemporaryDirectory(prefix="bench-matching-") as folder:
        url = f"sqlite:///{Path(folder) / 'match.db'}"
        result["sqlite"] = run_on(url, docs, queries, embedder)
    print("sqlite", result["sqlite"], flush=True)
    if not args.no_pg:
        result["postgresql"] = _postgres(args.pg, docs, queries, embedder)
        print("postgresql", result["postgresql"], flush=True)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
