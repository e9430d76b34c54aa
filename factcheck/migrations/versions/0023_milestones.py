"""milestones: a narrow history of claim steps for the analytics page (issue 16)

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-04 12:50:00

A new table, backfilled: every claim's "ingested" from its created_at, and the other steps
from the audit log's state changes (the checker is the claim's assignee now, or the submitter
for a submission; the rating the verdict's now). Plus an index on claims for the workload chart.
(Other branches add 0021 and 0022; on merge this revision follows them.)
"""
import datetime as dt

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0023'
down_revision = '0022'
branch_labels = None
depends_on = None

KINDS = ('ingested', 'accepted', 'submitted', 'approved', 'published', 'returned', 'corrected')
STEPS = {
    ('candidate', 'queued'): 'accepted',
    ('in_progress', 'in_review'): 'submitted',
    ('returned', 'in_review'): 'submitted',
    ('in_review', 'approved'): 'approved',
    ('approved', 'published'): 'published',
    ('in_review', 'returned'): 'returned',
    ('approved', 'returned'): 'returned',
    ('published', 'corrected'): 'corrected',
    ('corrected', 'corrected'): 'corrected',
}
WAIT_FROM = {'published': 'accepted', 'approved': 'submitted'}
BATCH = 5000


def _epoch(value):
    if isinstance(value, str):  # SQLite without the type's processing
        value = dt.datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    return int(value.timestamp())


def upgrade():
    milestones = op.create_table(
        'milestones',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('claim_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.Enum(*KINDS, name='milestone_kind', native_enum=False,
                                  create_constraint=True, length=20), nullable=False),
        sa.Column('at', sa.BigInteger(), nullable=False),
        sa.Column('article_id', sa.Integer(), nullable=False),
        sa.Column('checker_id', sa.Integer(), nullable=True),
        sa.Column('rating_id', sa.Integer(), nullable=True),
        sa.Column('wait_seconds', sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_milestones')),
    )
    _backfill(milestones)
    op.create_index('ix_milestones_kind_at', 'milestones', ['kind', 'at', 'wait_seconds'])
    op.create_index('ix_milestones_article_kind_at', 'milestones', ['article_id', 'kind', 'at'])
    op.create_index('ix_milestones_checker_kind_at', 'milestones', ['checker_id', 'kind', 'at'])
    op.create_index('ix_milestones_claim_kind', 'milestones', ['claim_id', 'kind'])
    op.create_index('ix_claims_state_assignee_due', 'claims', ['state', 'assignee_id', 'due_on'])


def _backfill(milestones):
    conn = op.get_bind()
    claims = sa.table('claims', sa.column('id'), sa.column('article_id'),
                      sa.column('created_at'), sa.column('assignee_id'))
    verdicts = sa.table('verdicts', sa.column('claim_id'), sa.column('rating_id'))
    events = sa.table('events', sa.column('id'), sa.column('claim_id'), sa.column('created_at'),
                      sa.column('actor_id'), sa.column('from_state'), sa.column('to_state'))
    facts = {}  # claim id -> (article, assignee, rating)
    rows = conn.execute(
        sa.select(claims.c.id, claims.c.article_id, claims.c.created_at, claims.c.assignee_id,
                  verdicts.c.rating_id)
        .select_from(claims.outerjoin(verdicts, verdicts.c.claim_id == claims.c.id))
        .order_by(claims.c.id)
    )
    batch = []
    for claim_id, article_id, created, assignee, rating in rows:
        facts[claim_id] = (article_id, assignee, rating)
        # Every row names every column: an executemany takes its columns from the first row.
        batch.append({'claim_id': claim_id, 'kind': 'ingested', 'at': _epoch(created),
                      'article_id': article_id, 'checker_id': None, 'rating_id': None,
                      'wait_seconds': None})
        if len(batch) >= BATCH:
            conn.execute(sa.insert(milestones), batch)
            batch = []
    last = {}  # (claim id, kind) -> epoch, for the waits
    changes = conn.execute(
        sa.select(events.c.claim_id, events.c.created_at, events.c.actor_id,
                  events.c.from_state, events.c.to_state)
        .where(events.c.to_state.is_not(None), events.c.claim_id.is_not(None))
        .order_by(events.c.id)
    )
    for claim_id, created, actor, old, new in changes:
        if claim_id not in facts:  # deleted since
            continue
        article_id, assignee, rating = facts[claim_id]
        kind = 'accepted' if old is None and new == 'queued' else STEPS.get((old, new))
        if kind is None:
            continue
        at = _epoch(created)
        since = last.get((claim_id, WAIT_FROM.get(kind)))
        last[(claim_id, kind)] = at
        batch.append({
            'claim_id': claim_id, 'kind': kind, 'at': at, 'article_id': article_id,
            'checker_id': actor if kind == 'submitted' else assignee,
            'rating_id': rating if kind == 'published' else None,
            'wait_seconds': max(0, at - since) if since is not None else None,
        })
        if len(batch) >= BATCH:
            conn.execute(sa.insert(milestones), batch)
            batch = []
    if batch:
        conn.execute(sa.insert(milestones), batch)


def downgrade():
    op.drop_index('ix_claims_state_assignee_due', table_name='claims')
    op.drop_table('milestones')
