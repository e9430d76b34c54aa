"""imported_factchecks and claimreview_imports: other publishers' ClaimReviews (issue 15)

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-04 10:00:00

New tables only, with their word search (an FTS5 table and its triggers on SQLite, a GIN
expression index on PostgreSQL).
"""
from alembic import op
import sqlalchemy as sa

from factcheck.db.search import imported_drop_ddl, imported_search_ddl

# revision identifiers, used by Alembic.
revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'claimreview_imports',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.Enum('file', 'feed', 'command', name='import_kind',
                                  native_enum=False, create_constraint=True, length=20),
                  nullable=False),
        sa.Column('origin', sa.String(length=2000), nullable=False),
        sa.Column('payload', sa.LargeBinary(), nullable=True),
        sa.Column('prune', sa.Boolean(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('created', sa.Integer(), nullable=True),
        sa.Column('updated', sa.Integer(), nullable=True),
        sa.Column('unchanged', sa.Integer(), nullable=True),
        sa.Column('removed', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'],
                                name=op.f('fk_claimreview_imports_created_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_claimreview_imports')),
    )
    op.create_table(
        'imported_factchecks',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('key', sa.String(length=64), nullable=False),
        sa.Column('review_url', sa.String(length=2000), nullable=False),
        sa.Column('claim_text', sa.Text(), nullable=False),
        sa.Column('title', sa.String(length=500), nullable=True),
        sa.Column('publisher_name', sa.String(length=300), nullable=False),
        sa.Column('publisher_url', sa.String(length=2000), nullable=True),
        sa.Column('claimant', sa.String(length=300), nullable=True),
        sa.Column('claim_date', sa.Date(), nullable=True),
        sa.Column('review_date', sa.Date(), nullable=True),
        sa.Column('rating_text', sa.String(length=200), nullable=True),
        sa.Column('rating_value', sa.Float(), nullable=True),
        sa.Column('best_rating', sa.Float(), nullable=True),
        sa.Column('worst_rating', sa.Float(), nullable=True),
        sa.Column('language', sa.String(length=35), nullable=True),
        sa.Column('origin', sa.String(length=2000), nullable=False),
        sa.Column('import_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('removed_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['import_id'], ['claimreview_imports.id'],
                                name=op.f('fk_imported_factchecks_import_id_claimreview_imports'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_imported_factchecks')),
        sa.UniqueConstraint('key', name=op.f('uq_imported_factchecks_key')),
    )
    op.create_index('ix_imported_factchecks_import_id', 'imported_factchecks', ['import_id'])
    op.create_index('ix_imported_factchecks_review_date_id', 'imported_factchecks',
                    ['review_date', 'id'])
    op.create_index('ix_imported_factchecks_updated_at_id', 'imported_factchecks',
                    ['updated_at', 'id'])
    for statement in imported_search_ddl(op.get_bind().dialect.name):
        op.execute(statement)


def downgrade():
    for statement in imported_drop_ddl(op.get_bind().dialect.name):
        op.execute(statement)
    op.drop_table('imported_factchecks')
    op.drop_table('claimreview_imports')
