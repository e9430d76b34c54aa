"""flask --app factcheck capture-sources: capture the sources waiting for it (or named ones).

A "capture_source" job captures each source as it is added; this command does the same from
the command line, for a cron fallback or to catch up after an outage.
"""

from __future__ import annotations

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from ..archive.services import run_capture
from ..extensions import db
from ..models import Capture, CaptureState


@click.command("capture-sources")
@with_appcontext
@click.option("--source", "sources", type=int, multiple=True, help="A source id (repeatable).")
@click.option("--failed", is_flag=True, help="Also retry captures that failed.")
@click.option("--force", is_flag=True, help="Capture again even if a copy exists.")
def capture_sources_command(sources: tuple[int, ...], failed: bool, force: bool) -> None:
    """Capture pending sources (and failed ones with --failed), one transaction each."""
    ids = list(sources)
    if not ids:
        states = [CaptureState.PENDING, *([CaptureState.FAILED] if failed else [])]
        ids = list(
            db.session.scalars(
                select(Capture.source_id).where(Capture.state.in_(states)).order_by(Capture.id)
            )
        )
    db.session.rollback()  # no read transaction held open while fetching
    for source_id in ids:
        capture = run_capture(source_id, force=force)
        if capture is None:
            click.echo(f"source {source_id}: no such source")
        else:
            shown = capture.error if capture.state is CaptureState.FAILED else "done"
            click.echo(f"source {source_id}: {capture.state.value} ({shown})")
