"""queue indexes for keyset pagination, and full-text search on claims and articles

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 18:00:00

"""
from alembic import op

from factcheck.db.search import drop_ddl, search_ddl

# revision identifiers, used by Alembic.
revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    op.drop_index('ix_claims_state_score', table_name='claims')
    op.create_index('ix_claims_score_id', 'claims', ['score', 'id'])
    op.create_index('ix_claims_state_score_id', 'claims', ['state', 'score', 'id'])
    op.create_index('ix_claims_created_at_id', 'claims', ['created_at', 'id'])
    op.create_index('ix_claims_due_on_id', 'claims', ['due_on', 'id'])
    op.create_index('ix_claims_state_published_at', 'claims', ['state', 'published_at'])
    # FTS5 tables and triggers on SQLite, GIN expression indexes on PostgreSQL; existing rows
    # are indexed as part of the upgrade.
    for statement in search_ddl(op.get_bind().dialect.name):
        op.execute(statement)


def downgrade():
    for statement in drop_ddl(op.get_bind().dialect.name):
        op.execute(statement)
    op.drop_index('ix_claims_state_published_at', table_name='claims')
    op.drop_index('ix_claims_due_on_id', table_name='claims')
    op.drop_index('ix_claims_created_at_id', table_name='claims')
    op.drop_index('ix_claims_state_score_id', table_name='claims')
    op.drop_index('ix_claims_score_id', table_name='claims')
    op.create_index('ix_claims_state_score', 'claims', ['state', 'score'])
