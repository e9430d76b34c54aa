"""match_documents and match_terms: "already checked?" matching (issue 15)

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03 20:30:00

New tables and their full-text index (FTS5 table and triggers on SQLite, a stored tsvector with
a GIN index on PostgreSQL). Our fact-checks already published are put in with
`flask reindex-matches` after the upgrade.
"""
from alembic import op
import sqlalchemy as sa

from factcheck.matching.schema import drop_ddl, index_ddl

# revision identifiers, used by Alembic.
revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'match_documents',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.Enum('ours', 'imported', name='match_kind', native_enum=False,
                                  create_constraint=True, length=20), nullable=False),
        sa.Column('ref_id', sa.Integer(), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('title', sa.String(length=500), nullable=False),
        sa.Column('embedding', sa.LargeBinary(), nullable=True),
        sa.Column('embedding_model', sa.String(length=60), nullable=True),
        sa.Column('indexed_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_match_documents')),
        sa.UniqueConstraint('kind', 'ref_id', name=op.f('uq_match_documents_kind')),
    )
    op.create_table(
        'match_terms',
        sa.Column('term', sa.String(length=100), nullable=False),
        sa.Column('documents', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('term', name=op.f('pk_match_terms')),
    )
    dialect = op.get_bind().dialect.name
    for statement in index_ddl(dialect):
        op.execute(statement)


def downgrade():
    dialect = op.get_bind().dialect.name
    for statement in drop_ddl(dialect):
        op.execute(statement)
    op.drop_table('match_terms')
    op.drop_table('match_documents')
