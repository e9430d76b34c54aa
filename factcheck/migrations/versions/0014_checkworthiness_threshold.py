"""site_settings.checkworthiness_threshold: the score from which triage pre-selects a candidate

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03 20:30:00

One column with its default and its range check. Written as one ALTER TABLE that SQLite and
PostgreSQL both accept, so SQLite adds it in place (no batch copy of the table) with the check
attached to the column, and can drop it again.
"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade():
    op.execute(
        "ALTER TABLE site_settings ADD COLUMN checkworthiness_threshold FLOAT DEFAULT 0.5 "
        "NOT NULL CONSTRAINT ck_site_settings_checkworthiness_threshold_range "
        "CHECK (checkworthiness_threshold >= 0 AND checkworthiness_threshold <= 1)"
    )


def downgrade():
    op.drop_column('site_settings', 'checkworthiness_threshold')
