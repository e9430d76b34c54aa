"""article_fetches: requests to ingest an article by its web address (the "ingest_url" job)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 17:30:00

A new table only: nothing to carry over.
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'article_fetches',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('url', sa.String(length=2000), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('article_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['article_id'], ['articles.id'],
                                name=op.f('fk_article_fetches_article_id_articles'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'],
                                name=op.f('fk_article_fetches_created_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_article_fetches')),
    )


def downgrade():
    op.drop_table('article_fetches')
