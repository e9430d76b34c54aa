"""claims' search vector stored in a column on PostgreSQL

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24 21:00:00

The queue's search checks claims in score order against the query (see
claims.queries.SEARCH_WINDOW); with an expression index each check recomputed the claim's
tsvector, so the vector is now stored and indexed. Nothing changes on SQLite (FTS5).
"""
from alembic import op

from factcheck.db.search import search_ddl

# revision identifiers, used by Alembic.
revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    # The expression index of 0003, or on a fresh database the column index just created.
    op.execute("DROP INDEX IF EXISTS ix_claims_fts")
    for statement in search_ddl("postgresql"):
        op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS ix_claims_fts")
    op.execute("ALTER TABLE claims DROP COLUMN IF EXISTS text_fts")
    op.execute("CREATE INDEX IF NOT EXISTS ix_claims_fts ON claims "
               "USING gin (to_tsvector('english', text))")
