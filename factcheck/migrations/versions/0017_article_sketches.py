"""article_sketches: bottom-k shingle sketches that find near-duplicate articles

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03 20:40:00

The sketch of each existing article is computed here, in batches, from its text.
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None

BATCH = 200


def upgrade():
    sketches = op.create_table(
        'article_sketches',
        sa.Column('article_id', sa.Integer(), nullable=False),
        sa.Column('value', sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(['article_id'], ['articles.id'],
                                name=op.f('fk_article_sketches_article_id_articles'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('article_id', 'value', name=op.f('pk_article_sketches')),
    )
    op.create_index(op.f('ix_article_sketches_value'), 'article_sketches', ['value'])
    _backfill(sketches)


def _backfill(sketches):
    # The function the app uses, so old and new articles are sketched alike.
    from factcheck.articles.near_duplicates import sketch

    bind = op.get_bind()
    articles = sa.table('articles', sa.column('id', sa.Integer), sa.column('body', sa.Text))
    last = 0
    while True:
        rows = bind.execute(
            sa.select(articles.c.id, articles.c.body)
            .where(articles.c.id > last).order_by(articles.c.id).limit(BATCH)
        ).all()
        if not rows:
            return
        values = [{'article_id': i, 'value': v} for i, body in rows for v in sketch(body or '')]
        if values:
            bind.execute(sketches.insert(), values)
        last = rows[-1][0]


def downgrade():
    op.drop_index(op.f('ix_article_sketches_value'), table_name='article_sketches')
    op.drop_table('article_sketches')
