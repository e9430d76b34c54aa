"""jobs: work done off the request path, as people see it

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 17:00:00

One row per queued job (an article's extraction, later captures and notifications): its
state, progress and error, which the job page and the article's panel show. The queue itself
(Huey) keeps its messages elsewhere (instance/jobs.sqlite or Redis).

Audit events no longer hold foreign keys to claims and articles: an editor may now delete an
article nobody worked on, and the append-only audit log must keep the record of it (its
"article_deleted" event among them) with the ids it names. On SQLite the events table is
rebuilt for that, which drops its append-only triggers; they are installed again.
"""
from alembic import op
import sqlalchemy as sa

from factcheck.db.triggers import install_audit_triggers

# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'jobs',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=40), nullable=False),
        sa.Column('subject_id', sa.Integer(), nullable=True),
        sa.Column(
            'state',
            sa.Enum('queued', 'running', 'done', 'failed', name='job_state',
                    native_enum=False, create_constraint=True, length=20),
            nullable=False,
        ),
        sa.Column('progress', sa.Integer(), nullable=False),
        sa.Column('message', sa.String(length=300), nullable=True),
        sa.Column('error', sa.Text(), nullable=True),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('runner', sa.String(length=120), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('started_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.CheckConstraint('progress >= 0 AND progress <= 100',
                           name=op.f('ck_jobs_progress_range')),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'],
                                name=op.f('fk_jobs_created_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_jobs')),
    )
    op.create_index('ix_jobs_kind_subject', 'jobs', ['kind', 'subject_id'])
    op.create_index('ix_jobs_state', 'jobs', ['state'])
    with op.batch_alter_table('events') as batch:
        batch.drop_constraint('fk_events_claim_id_claims', type_='foreignkey')
        batch.drop_constraint('fk_events_article_id_articles', type_='foreignkey')
    install_audit_triggers(op.get_bind(), ('events',))


def downgrade():
    # Events of deleted articles name ids that no longer exist: the keys cannot come back
    # over them, and the audit log is append-only. Only an install with no deletions goes back.
    with op.batch_alter_table('events') as batch:
        batch.create_foreign_key('fk_events_article_id_articles', 'articles', ['article_id'], ['id'])
        batch.create_foreign_key('fk_events_claim_id_claims', 'claims', ['claim_id'], ['id'])
    install_audit_triggers(op.get_bind(), ('events',))
    op.drop_index('ix_jobs_state', table_name='jobs')
    op.drop_index('ix_jobs_kind_subject', table_name='jobs')
    op.drop_table('jobs')
