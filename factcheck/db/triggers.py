"""Database triggers, on SQLite and PostgreSQL alike, so the rules hold for any writer (a
script, a bulk job, a second app version), not only for the services:

- claims_state_transition refuses claim state changes the workflow table does not allow;
- events_append_only refuses UPDATE and DELETE (and TRUNCATE on PostgreSQL) of audit events,
  and the same triggers keep claim_revisions (every version of what a fact-check shows) whole.
"""

from __future__ import annotations

import re

from sqlalchemy import event

from ..models import Claim, Event, Revision
from ..workflow import pairs_sql

MESSAGE = "claim state transition not allowed by the workflow"
AUDIT_MESSAGE = "audit events are append-only"
# The append-only tables; each gets <table>_no_update, _no_delete (and _no_truncate).
APPEND_ONLY = ("events", "claim_revisions")


def trigger_sql(dialect: str) -> list[str]:
    """DDL creating the transition trigger for `dialect` (sqlite or postgresql)."""
    allowed = pairs_sql("OLD.state", "NEW.state")
    if dialect == "sqlite":
        return [
            "DROP TRIGGER IF EXISTS claims_state_transition",
            f"""CREATE TRIGGER claims_state_transition BEFORE UPDATE OF state ON claims
            FOR EACH ROW WHEN NEW.state != OLD.state AND NOT {allowed}
            BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
        ]
    if dialect == "postgresql":
        return [
            f"""CREATE OR REPLACE FUNCTION claims_state_transition() RETURNS trigger AS $$
            BEGIN
              IF NEW.state IS DISTINCT FROM OLD.state AND NOT {allowed} THEN
                RAISE EXCEPTION USING ERRCODE = 'check_violation',
                  MESSAGE = '{MESSAGE}: ' || OLD.state || ' to ' || NEW.state;
              END IF;
              RETURN NEW;
            END $$ LANGUAGE plpgsql""",
            "DROP TRIGGER IF EXISTS claims_state_transition ON claims",
            """CREATE TRIGGER claims_state_transition BEFORE UPDATE OF state ON claims
            FOR EACH ROW EXECUTE FUNCTION claims_state_transition()""",
        ]
    return []


def audit_trigger_sql(dialect: str, table: str = "events") -> list[str]:
    """DDL making `table` append-only on `dialect` (sqlite or postgresql)."""
    if dialect == "sqlite":
        return [*drop_audit_trigger_sql(dialect, table)] + [
            f"""CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table}
            BEGIN SELECT RAISE(ABORT, '{AUDIT_MESSAGE}'); END"""
            for verb in ("UPDATE", "DELETE")
        ]
    if dialect == "postgresql":
        # One function serves every append-only table (the name stays from the first one).
        return [
            f"""CREATE OR REPLACE FUNCTION events_append_only() RETURNS trigger AS $$
            BEGIN
              RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
                MESSAGE = '{AUDIT_MESSAGE}: ' || TG_OP || ' refused';
            END $$ LANGUAGE plpgsql""",
            *drop_audit_trigger_sql(dialect, table),
            f"""CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
            FOR EACH ROW EXECUTE FUNCTION events_append_only()""",
            f"""CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
            FOR EACH ROW EXECUTE FUNCTION events_append_only()""",
            f"""CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table}
            FOR EACH STATEMENT EXECUTE FUNCTION events_append_only()""",
        ]
    return []


def drop_audit_trigger_sql(dialect: str, table: str = "events") -> list[str]:
    """DDL removing the append-only triggers (migrations and the test suite's table reset)."""
    names = [f"{table}_no_{verb}" for verb in ("update", "delete", "truncate")]
    if dialect == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {name}" for name in names[:2]]
    if dialect == "postgresql":
        return [f"DROP TRIGGER IF EXISTS {name} ON {table}" for name in names]
    return []


def expected_triggers(dialect: str) -> dict[str, str]:
    """{trigger name: table} of every trigger this module installs on `dialect`, read from
    the DDL above so the description cannot drift from what is installed."""
    ddl = trigger_sql(dialect) + [
        statement for table in APPEND_ONLY for statement in audit_trigger_sql(dialect, table)
    ]
    found = {}
    for statement in ddl:
        match = re.search(r"CREATE TRIGGER (\w+) .*? ON (\w+)", statement, re.DOTALL)
        if match:
            found[match[1]] = match[2]
    return found


def expected_functions(dialect: str) -> dict[str, str]:
    """{function name: body, whitespace collapsed} of the trigger functions on `dialect`."""
    ddl = trigger_sql(dialect) + audit_trigger_sql(dialect)
    found = {}
    for statement in ddl:
        match = re.search(
            r"FUNCTION (\w+)\(\) RETURNS trigger AS \$\$(.*)\$\$", statement, re.DOTALL
        )
        if match:
            found[match[1]] = " ".join(match[2].split())
    return found


def install_triggers(connection) -> None:
    """Create the workflow triggers on `connection`'s database."""
    for statement in trigger_sql(connection.dialect.name):
        connection.exec_driver_sql(statement)


def install_audit_triggers(connection, tables: tuple[str, ...] = APPEND_ONLY) -> None:
    """Make the append-only tables so on `connection`'s database."""
    for table in tables:
        for statement in audit_trigger_sql(connection.dialect.name, table):
            connection.exec_driver_sql(statement)


def drop_audit_triggers(connection, tables: tuple[str, ...] = APPEND_ONLY) -> None:
    for table in tables:
        for statement in drop_audit_trigger_sql(connection.dialect.name, table):
            connection.exec_driver_sql(statement)


def _after_create(target, connection, **kw) -> None:
    install_triggers(connection)


def _after_create_events(target, connection, **kw) -> None:
    install_audit_triggers(connection, (target.name,))


def register() -> None:
    """Install the triggers whenever their tables are created (tests, create_all)."""
    pairs = (
        (Claim.__table__, _after_create),
        (Event.__table__, _after_create_events),
        (Revision.__table__, _after_create_events),
    )
    for table, listener in pairs:
        if not event.contains(table, "after_create", listener):
            event.listen(table, "after_create", listener)
