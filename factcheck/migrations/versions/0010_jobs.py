"""jobs: work done off the request path, as people see it

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 17:00:00

One row per queued job (an article's extraction, later captures and notifications): its
state, progress and error, which the job page and the article's panel show. The queue itself
(Huey) keeps its messages elsewhere (instance/jobs.sqlite or Redis).
"""
from alembic import op
import sqlalchemy as sa

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


def downgrade():
    op.drop_index('ix_jobs_state', table_name='jobs')
    op.drop_index('ix_jobs_kind_subject', table_name='jobs')
    op.drop_table('jobs')
