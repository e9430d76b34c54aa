"""A database trigger that refuses claim state changes the workflow table does not allow.

Services check transitions first; the trigger makes the rule hold for any writer (a script, a
bulk job, a second app version), on SQLite and PostgreSQL alike.
"""
from __future__ import annotations

from sqlalchemy import event

from ..workflow import pairs_sql
from .claim import Claim

MESSAGE = "claim state transition not allowed by the workflow"


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


def install_triggers(connection) -> None:
    """Create the workflow triggers on `connection`'s database."""
    for statement in trigger_sql(connection.dialect.name):
        connection.exec_driver_sql(statement)


@event.listens_for(Claim.__table__, "after_create")
def _after_create(target, connection, **kw) -> None:
    install_triggers(connection)
