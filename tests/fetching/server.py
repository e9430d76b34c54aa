"""A small HTTP server on 127.0.0.1 for fetch tests: each path answers what the test set up."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html"})
    # Seconds to wait before answering (a stalled server), and whether to stream the body in
    # small pieces with that pause between them.
    stall: float = 0.0


@dataclass(frozen=True)
class Received:
    """A POST the server got: its path, headers and body."""

    path: str
    headers: dict[str, str]
    body: bytes


class LocalServer(ThreadingHTTPServer):
    daemon_threads = True
    routes: dict[str, Route]
    posts: list[Received]
    # Set when the test wants the server gone (stalling handlers stop waiting).
    stopping: threading.Event

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def url(self, path: str) -> str:
        return self.origin + path


class _Handler(BaseHTTPRequestHandler):
    server: LocalServer

    def log_message(self, *args) -> None:  # quiet test output
        pass

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.posts.append(Received(self.path, dict(self.headers), body))
        self.do_GET()

    def do_GET(self) -> None:
        route = self.server.routes.get(self.path)
        if route is None:
            self.send_error(404)
            return
        if route.stall and self.server.stopping.wait(route.stall):
            return
        self.send_response(route.status)
        for name, value in route.headers.items():
            self.send_header(name, value)
        if "Content-Length" not in route.headers:
            self.send_header("Content-Length", str(len(route.body)))
        self.end_headers()
        try:
            self.wfile.write(route.body)
        except (BrokenPipeError, ConnectionResetError):
            pass


@contextmanager
def serving(routes: dict[str, Route] | None = None) -> Iterator[LocalServer]:
    """A server on a free port of 127.0.0.1, stopped (and its thread joined) on exit."""
    server = LocalServer(("127.0.0.1", 0), _Handler)
    server.routes = dict(routes or {})
    server.posts = []
    server.stopping = threading.Event()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.stopping.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
        time.sleep(0)
