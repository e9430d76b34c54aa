"""flask worker: run the job queue's consumer; flask run-all: the web app and a worker in one
command (what `make run` uses), both stopped by Ctrl+C."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading

import click
from flask import current_app
from flask.cli import with_appcontext

from ..extensions import db
from ..jobs import queue_of


@click.command("worker")
@with_appcontext
@click.option("--workers", "-w", default=2, show_default=True, help="Jobs run at once.")
@click.option(
    "--kind",
    type=click.Choice(["process", "thread"]),
    default="process",
    show_default=True,
    help="Process workers stop a job at its time limit; thread workers cannot.",
)
def worker_command(workers: int, kind: str) -> None:
    """Run queued jobs until stopped (SIGINT finishes the jobs under way, SIGTERM stops now)."""
    queue = queue_of(current_app._get_current_object())  # type: ignore[attr-defined]
    if queue.huey.immediate:
        raise click.ClickException("JOBS_IMMEDIATE is set: jobs run where they are queued.")
    queue.register_all()
    recovered = queue.recover()
    if recovered:
        click.echo(f"Queued again {recovered} job(s) whose worker had stopped.")
    # Forked workers must not share the parent's database connections.
    db.engine.dispose()
    consumer = queue.huey.create_consumer(workers=workers, worker_type=kind, periodic=True)
    consumer.run()


@click.command("run-all")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True)
@click.option("--workers", "-w", default=2, show_default=True)
def run_all_command(host: str, port: int, workers: int) -> None:
    """The development server and a job worker; Ctrl+C (or SIGTERM) stops both."""
    flask = [sys.executable, "-m", "flask"]
    children = [
        subprocess.Popen([*flask, "worker", "--workers", str(workers)]),  # noqa: S603
        subprocess.Popen([*flask, "run", "--host", host, "--port", str(port)]),  # noqa: S603
    ]
    stopping = threading.Event()

    def stop(signum: int, frame: object) -> None:
        stopping.set()

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    while not stopping.is_set() and all(child.poll() is None for child in children):
        stopping.wait(0.5)
    # The worker finishes the jobs under way on SIGINT; the development server ends on SIGTERM.
    for child, how in zip(children, (signal.SIGINT, signal.SIGTERM), strict=True):
        if child.poll() is None:
            child.send_signal(how)
    for child in children:
        try:
            child.wait(timeout=30)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
    if not stopping.is_set():  # one of them ended on its own: say so
        raise click.ClickException("The web server or the worker stopped; both are stopped now.")
