"""claim_suggestions: each candidate's top earlier fact-check, cached for triage (issue 15)

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-05 10:00:00

A new table only. Candidates already stored are checked with `flask rescore-candidates` after
the upgrade. (Another branch adds 0018; on merge this revision follows it.)
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'claim_suggestions',
        sa.Column('claim_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.Enum('ours', 'imported', name='match_kind', native_enum=False,
                                  create_constraint=True, length=20), nullable=True),
        sa.Column('ref_id', sa.Integer(), nullable=True),
        sa.Column('similarity', sa.Float(), nullable=False),
        sa.Column('computed_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint('(kind IS NULL) = (ref_id IS NULL)',
                           name=op.f('ck_claim_suggestions_match_whole')),
        sa.CheckConstraint('similarity >= 0 AND similarity <= 1',
                           name=op.f('ck_claim_suggestions_similarity_range')),
        sa.ForeignKeyConstraint(['claim_id'], ['claims.id'],
                                name=op.f('fk_claim_suggestions_claim_id_claims'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('claim_id', name=op.f('pk_claim_suggestions')),
    )


def downgrade():
    op.drop_table('claim_suggestions')
