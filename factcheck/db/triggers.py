"""Database triggers, on SQLite and PostgreSQL alike, so the rules hold for any writer (a
script, a bulk job, a second app version), not only for the services:

- claims_state_transition refuses claim state changes the workflow table does not allow;
- events_append_only refuses UPDATE and DELETE (and TRUNCATE on PostgreSQL) of audit events.
"""

from __future__ import annotations

from sqlalchemy import event

from ..models import Claim, Event
from ..workflow import pairs_sql

MESSAGE = "claim state transition not allowed by the workflow"
AUDIT_MESSAGE = "audit events are append-only"
AUDIT_TRIGGERS = ("events_no_update", "events_no_delete", "events_no_truncate")


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


def audit_trigger_sql(dialect: str) -> list[str]:
    """DDL making the events table append-only on `dialect` (sqlite or postgresql)."""
    if dialect == "sqlite":
        return [*drop_audit_trigger_sql(dialect)] + [
            f"""CREATE TRIGGER events_no_{verb.lower()} BEFORE {verb} ON events
            BEGIN SELECT RAISE(ABORT, '{AUDIT_MESSAGE}'); END"""
            for verb in ("UPDATE", "DELETE")
        ]
    if dialect == "postgresql":
        return [
            f"""CREATE OR REPLACE FUNCTION events_append_only() RETURNS trigger AS $$
            BEGIN
              RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
                MESSAGE = '{AUDIT_MESSAGE}: ' || TG_OP || ' refused';
            END $$ LANGUAGE plpgsql""",
            *drop_audit_trigger_sql(dialect),
            """CREATE TRIGGER events_no_update BEFORE UPDATE ON events
            FOR EACH ROW EXECUTE FUNCTION events_append_only()""",
            """CREATE TRIGGER events_no_delete BEFORE DELETE ON events
            FOR EACH ROW EXECUTE FUNCTION events_append_only()""",
            """CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
            FOR EACH STATEMENT EXECUTE FUNCTION events_append_only()""",
        ]
    return []


def drop_audit_trigger_sql(dialect: str) -> list[str]:
    """DDL removing the append-only triggers (migrations and the test suite's table reset)."""
    if dialect == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {name}" for name in AUDIT_TRIGGERS[:2]]
    if dialect == "postgresql":
        return [f"DROP TRIGGER IF EXISTS {name} ON events" for name in AUDIT_TRIGGERS]
    return []


def install_triggers(connection) -> None:
    """Create the workflow triggers on `connection`'s database."""
    for statement in trigger_sql(connection.dialect.name):
        connection.exec_driver_sql(statement)


def install_audit_triggers(connection) -> None:
    """Make the events table append-only on `connection`'s database."""
    for statement in audit_trigger_sql(connection.dialect.name):
        connection.exec_driver_sql(statement)


def drop_audit_triggers(connection) -> None:
    for statement in drop_audit_trigger_sql(connection.dialect.name):
        connection.exec_driver_sql(statement)


def _after_create(target, connection, **kw) -> None:
    install_triggers(connection)


def _after_create_events(target, connection, **kw) -> None:
    install_audit_triggers(connection)


def register() -> None:
    """Install the triggers whenever their tables are created (tests, create_all)."""
    pairs = ((Claim.__table__, _after_create), (Event.__table__, _after_create_events))
    for table, listener in pairs:
        if not event.contains(table, "after_create", listener):
            event.listen(table, "after_create", listener)
