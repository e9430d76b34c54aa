"""flask worker: run the job queue's consumer; flask run-all: the web app and a worker in one
command (what `make run` uses), both stopped by Ctrl+C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

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
    """The development server and a job worker; Ctrl+C stops both."""
    flask = [sys.executable, "-m", "flask"]
    env = {**os.environ, "FLASK_APP": os.environ.get("FLASK_APP", "factcheck")}
    children = [
        subprocess.Popen([*flask, "worker", "--workers", str(workers)], env=env),  # noqa: S603
        subprocess.Popen([*flask, "run", "--host", host, "--port", str(port)], env=env),  # noqa: S603
    ]
    try:
        while all(child.poll() is None for child in children):
            try:
                children[0].wait(timeout=1)
            except subprocess.TimeoutExpired:
                pass
    except KeyboardInterrupt:
        pass
    finally:
        for child in children:
            if child.poll() is None:
                child.send_signal(signal.SIGINT)
        for child in children:
            try:
                child.wait(timeout=30)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
    codes = [child.returncode for child in children]
    sys.exit(max((abs(c) for c in codes if c), default=0) and 1)
