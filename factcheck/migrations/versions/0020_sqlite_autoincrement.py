"""ids never reused on SQLite: articles, claims, sources and speakers get AUTOINCREMENT

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-04 10:00:00

Without AUTOINCREMENT, SQLite gives a new row the highest id in the table plus one, so after the
newest article (and its candidates) is deleted, the next ingest takes their ids again, and the
audit events, jobs and links that name the deleted rows then name the new ones. PostgreSQL's
sequences never go back, so this revision changes nothing there.

These four tables are the ones whose rows are deleted while something else keeps their ids
(events.article_id and claim_id, the ids in events' data, jobs.subject_id, links): articles
and their candidates, sources, speakers merged away. Verdicts, comments, corrections and
proposals only go with their claim (and a claim that has any is never deleted), users are
deactivated, never deleted.

SQLite cannot add AUTOINCREMENT to a table, so each is rebuilt as its documented procedure says
(https://www.sqlite.org/lang_altertable.html#otheralter): a new table made from the old one's
own CREATE statement with the key changed, the rows copied with their ids, the old table
dropped, the new one renamed, its indexes made again from their stored SQL and its triggers
from the modules that define them (db/triggers.py, db/search.py). Foreign keys are off for the
whole migration (migrations/env.py), so dropping a parent cascades into nothing; the keys are
checked at the end. sqlite_sequence then starts each table after the highest id it has, or any
audit event or job names, so ids deleted before this upgrade are not handed out again either.

Any other trigger found on these tables stops the upgrade: a later revision that adds one must
say here how to make it again.
"""
import re
from typing import NamedTuple

from alembic import op
import sqlalchemy as sa

from factcheck.commands.database import describe_schema
from factcheck.db.search import search_ddl
from factcheck.db.triggers import trigger_sql

# revision identifiers, used by Alembic.
revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None


class Rebuild(NamedTuple):
    """One table's statements, written out in full (no SQL is assembled from names)."""
    create: str  # the start of the new table's CREATE statement
    copy: str
    drop: str
    rename: str
    primary_key: str  # the table-level key of revision 0017, for the downgrade
    highest: str  # the highest id the table or anything naming it has used


TABLES = {
    'articles': Rebuild(
        'CREATE TABLE articles_rebuilt (',
        'INSERT INTO articles_rebuilt SELECT * FROM articles',
        'DROP TABLE articles',
        'ALTER TABLE articles_rebuilt RENAME TO articles',
        'CONSTRAINT pk_articles PRIMARY KEY (id), ',
        "SELECT max(n) FROM (SELECT max(id) AS n FROM articles "
        "UNION ALL SELECT max(article_id) FROM events "
        "UNION ALL SELECT max(subject_id) FROM jobs WHERE kind = 'ingest')",
    ),
    'claims': Rebuild(
        'CREATE TABLE claims_rebuilt (',
        'INSERT INTO claims_rebuilt SELECT * FROM claims',
        'DROP TABLE claims',
        'ALTER TABLE claims_rebuilt RENAME TO claims',
        'CONSTRAINT pk_claims PRIMARY KEY (id), ',
        "SELECT max(n) FROM (SELECT max(id) AS n FROM claims "
        "UNION ALL SELECT max(claim_id) FROM events "
        "UNION ALL SELECT max(ids.value) FROM events, json_each(events.data, '$.claim_ids') AS ids "
        "WHERE events.action = 'article_deleted' AND ids.type = 'integer')",
    ),
    'sources': Rebuild(
        'CREATE TABLE sources_rebuilt (',
        'INSERT INTO sources_rebuilt SELECT * FROM sources',
        'DROP TABLE sources',
        'ALTER TABLE sources_rebuilt RENAME TO sources',
        'CONSTRAINT pk_sources PRIMARY KEY (id), ',
        "SELECT max(n) FROM (SELECT max(id) AS n FROM sources "
        "UNION ALL SELECT max(json_extract(data, '$.source')) FROM events "
        "WHERE action IN ('source_added', 'source_removed') "
        "AND json_type(data, '$.source') = 'integer' "
        "UNION ALL SELECT max(subject_id) FROM jobs WHERE kind = 'capture_source')",
    ),
    'speakers': Rebuild(
        'CREATE TABLE speakers_rebuilt (',
        'INSERT INTO speakers_rebuilt SELECT * FROM speakers',
        'DROP TABLE speakers',
        'ALTER TABLE speakers_rebuilt RENAME TO speakers',
        'CONSTRAINT pk_speakers PRIMARY KEY (id), ',
        # A merge records the speaker merged away as "from": its id, or [id, name].
        "SELECT max(n) FROM (SELECT max(id) AS n FROM speakers "
        "UNION ALL SELECT max(json_extract(data, '$.from')) FROM events "
        "WHERE action = 'speakers_merged' AND json_type(data, '$.from') = 'integer' "
        "UNION ALL SELECT max(json_extract(data, '$.from[0]')) FROM events "
        "WHERE action = 'speakers_merged' AND json_type(data, '$.from[0]') = 'integer')",
    ),
}

_HEADER = re.compile(r'^CREATE TABLE "?\w+"? \(')
_PLAIN_ID = re.compile(r'^([ \t]*)id INTEGER NOT NULL,', re.MULTILINE)
_AUTO_ID = re.compile(r'^([ \t]*)id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,', re.MULTILINE)
_TABLE_KEY = re.compile(r'CONSTRAINT pk_\w+ PRIMARY KEY \(id\),\s*')
_FIRST_CONSTRAINT = re.compile(r'^([ \t]*)CONSTRAINT ', re.MULTILINE)


def _with_autoincrement(sql, spec):
    """The key as a column constraint with AUTOINCREMENT (SQLite takes it nowhere else)."""
    sql, ids = _PLAIN_ID.subn(r'\1id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,', sql, count=1)
    sql, keys = _TABLE_KEY.subn('', sql, count=1)
    return sql if ids == keys == 1 else None


def _without_autoincrement(sql, spec):
    """The key back as revision 0017 has it: a named table constraint before the others."""
    sql, ids = _AUTO_ID.subn(r'\1id INTEGER NOT NULL,', sql, count=1)
    sql, keys = _FIRST_CONSTRAINT.subn(
        lambda m: m[1] + spec.primary_key + '\n' + m[1] + 'CONSTRAINT ', sql, count=1
    )
    return sql if ids == keys == 1 else None


def upgrade():
    bind = op.get_bind()
    if bind.dialect.name == 'sqlite':
        _rebuild_all(bind, _with_autoincrement)
        for name, spec in TABLES.items():
            highest = bind.exec_driver_sql(spec.highest).scalar() or 0
            bind.execute(sa.text('DELETE FROM sqlite_sequence WHERE name = :name'), {'name': name})
            bind.execute(sa.text('INSERT INTO sqlite_sequence (name, seq) VALUES (:name, :seq)'),
                         {'name': name, 'seq': highest})


def downgrade():
    bind = op.get_bind()
    if bind.dialect.name == 'sqlite':
        _rebuild_all(bind, _without_autoincrement)
        bind.exec_driver_sql(
            "DELETE FROM sqlite_sequence WHERE name IN ('articles', 'claims', 'sources', 'speakers')"
        )


def _rebuild_all(bind, edit):
    if bind.exec_driver_sql('PRAGMA foreign_keys').scalar():
        raise RuntimeError('foreign keys must be off while tables are rebuilt (migrations/env.py)')
    raw = bind.connection.driver_connection
    before = describe_schema(raw)
    for name, spec in TABLES.items():
        _rebuild(bind, name, spec, edit)
    # The triggers went with the old tables; made again where they are defined. The search DDL
    # also rebuilds the full-text indexes, which still hold the same rows under the same ids.
    for statement in trigger_sql('sqlite') + search_ddl('sqlite'):
        bind.exec_driver_sql(statement)
    after = describe_schema(raw)
    _same_schema(before, after)
    broken = bind.exec_driver_sql('PRAGMA foreign_key_check').fetchall()
    if broken:
        raise RuntimeError(f'rebuilding the tables broke foreign keys: {broken[:5]}')


def _rebuild(bind, name, spec, edit):
    sql = bind.execute(
        sa.text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = :name"),
        {'name': name},
    ).scalar_one()
    indexes = bind.execute(
        sa.text("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = :name "
                "AND sql IS NOT NULL"),
        {'name': name},
    ).scalars().all()
    renamed, headers = _HEADER.subn(spec.create, sql, count=1)
    edited = edit(renamed, spec) if headers == 1 else None
    if edited is None:
        raise RuntimeError(f'{name} is not the table this migration expects: {sql}')
    bind.exec_driver_sql(edited)
    bind.exec_driver_sql(spec.copy)
    bind.exec_driver_sql(spec.drop)
    bind.exec_driver_sql(spec.rename)
    for index in indexes:
        bind.exec_driver_sql(index)


def _same_schema(before, after):
    """Every table, index and trigger is back; tables and indexes exactly as they were."""
    missing = sorted(before.keys() - after.keys())
    extra = sorted(after.keys() - before.keys())
    changed = sorted(
        key for key in before.keys() & after.keys()
        if key[0] != 'trigger' and before[key] != after[key]
    )
    if missing or extra or changed:
        raise RuntimeError(
            f'rebuilding the tables changed the schema: missing {missing}, '
            f'unexpected {extra}, changed {changed}'
        )
