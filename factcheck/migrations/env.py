"""Alembic environment: migrations run inside the Flask app, on its engine and metadata."""
from __future__ import annotations

from alembic import context
from flask import current_app

from factcheck.db.search import include_object

config = context.config
migrate_ext = current_app.extensions["migrate"]
metadata = migrate_ext.db.metadata


def _skip_empty(ctx, revision, directives) -> None:
    """`flask db migrate` with no model changes writes no empty revision."""
    if getattr(config.cmd_opts, "autogenerate", False) and directives[0].upgrade_ops.is_empty():
        directives[:] = []


def run_offline() -> None:
    context.configure(url=migrate_ext.db.engine.url, target_metadata=metadata,
                      literal_binds=True, **migrate_ext.configure_args)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    options = dict(migrate_ext.configure_args)
    options.setdefault("process_revision_directives", _skip_empty)
    options.setdefault("include_object", include_object)
    with migrate_ext.db.engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # Batch migrations rebuild SQLite tables; with foreign keys on, dropping the old copy
            # of a table would cascade into its children. The pragma only works outside a
            # transaction, hence the driver connection.
            connection.connection.driver_connection.execute("PRAGMA foreign_keys = OFF")
        context.configure(connection=connection, target_metadata=metadata, **options)
        with context.begin_transaction():
            context.run_migrations()
            if sqlite:
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"migration left broken foreign keys: {broken[:5]}")
        if sqlite:
            connection.connection.driver_connection.execute("PRAGMA foreign_keys = ON")


if context.is_offline_mode():
    run_offline()
else:
    run_online()
