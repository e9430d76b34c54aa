"""claim_matches: the desk's decisions on "already checked?" suggestions (issue 15)

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-05 10:00:00

A new table only. A confirmed match of one of our fact-checks may be part of the claim's
snapshot (on_page, "see also"); no existing claim has one, so no snapshot or approval changes.
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'claim_matches',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('claim_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.Enum('ours', 'imported', name='match_kind', native_enum=False,
                                  create_constraint=True, length=20), nullable=False),
        sa.Column('ref_id', sa.Integer(), nullable=False),
        sa.Column('decision', sa.Enum('confirmed', 'dismissed', name='match_decision',
                                      native_enum=False, create_constraint=True, length=20),
                  nullable=False),
        sa.Column('on_page', sa.Boolean(), nullable=False),
        sa.Column('similarity', sa.Float(), nullable=True),
        sa.Column('decided_by_id', sa.Integer(), nullable=True),
        sa.Column('decided_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("NOT on_page OR (decision = 'confirmed' AND kind = 'ours')",
                           name=op.f('ck_claim_matches_see_also_is_ours')),
        sa.ForeignKeyConstraint(['claim_id'], ['claims.id'],
                                name=op.f('fk_claim_matches_claim_id_claims'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'],
                                name=op.f('fk_claim_matches_decided_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_claim_matches')),
        sa.UniqueConstraint('claim_id', 'kind', 'ref_id', name=op.f('uq_claim_matches_claim_id')),
    )
    op.create_index(op.f('ix_claim_matches_claim_id'), 'claim_matches', ['claim_id'])


def downgrade():
    op.drop_index(op.f('ix_claim_matches_claim_id'), table_name='claim_matches')
    op.drop_table('claim_matches')
