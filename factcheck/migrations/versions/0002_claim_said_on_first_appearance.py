"""claims: when the claim was made and where it first appeared (ClaimReview)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 10:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    # Plain ADD COLUMN (no batch table copy): on SQLite a copy would drop the claims trigger.
    op.add_column('claims', sa.Column('said_on', sa.Date(), nullable=True))
    op.add_column('claims', sa.Column('first_appearance_url', sa.String(length=2000),
                                      nullable=True))


def downgrade():
    # Plain DROP COLUMN (SQLite 3.35+ and PostgreSQL) keeps the claims trigger in place.
    op.drop_column('claims', 'first_appearance_url')
    op.drop_column('claims', 'said_on')
