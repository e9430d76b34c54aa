"""flask --app factcheck <command>: the operator's commands.

init-db, backup and restore (database.py), create-user (users.py), ingest (ingest.py),
import-claimreviews (imports.py), demo (demo.py), seed-bulk (bulk.py), capture-sources
(archive.py), notify-daily (notify.py), worker and run-all (worker.py), reindex-matches and
rescore-candidates (matching.py), purge-tip-contacts (tips.py).
"""

from __future__ import annotations

from flask import Flask

from . import archive, bulk, database, demo, imports, ingest, matching, notify, tips, users, worker


def init_app(app: Flask) -> None:
    for command in (
        database.init_db,
        database.backup_command,
        database.restore_command,
        database.check_db_command,
        users.create_user_command,
        ingest.ingest_command,
        imports.import_claimreviews_command,
        demo.demo_command,
        bulk.seed_bulk_command,
        archive.capture_sources_command,
        notify.notify_daily_command,
        worker.worker_command,
        worker.run_all_command,
        matching.reindex_matches_command,
        matching.rescore_candidates_command,
        tips.purge_tip_contacts_command,
    ):
        app.cli.add_command(command)
