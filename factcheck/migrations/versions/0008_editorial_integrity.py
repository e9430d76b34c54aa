"""editorial integrity: revisions of what a fact-check shows, proposals, several speakers

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 13:00:00

- claim_revisions keeps every version of what a claim's public page shows (append-only,
  with the same triggers as the audit table);
- verdicts remember the digest and revision an approval covered;
- corrections keep the old and new rationale and wording, and who approved them;
- proposals hold corrections and republications waiting for a second editor;
- claim_speakers lists every speaker of a claim (existing claims get their one speaker).
"""
from alembic import op
import sqlalchemy as sa

from factcheck.db.triggers import audit_trigger_sql, drop_audit_trigger_sql
from factcheck.models._types import UTCDateTime

# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "claim_revisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("snapshot", sa.JSON(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["actor_id"], ["users.id"]),
        sa.ForeignKeyConstraint(["claim_id"], ["claims.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("claim_id", "number", name="uq_claim_revisions_number"),
    )
    bind = op.get_bind()
    for statement in audit_trigger_sql(bind.dialect.name, "claim_revisions"):
        op.execute(statement)

    op.create_table(
        "proposals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.Enum("correction", "republish", name="proposal_kind",
                                  native_enum=False, create_constraint=True, length=20),
                  nullable=False),
        sa.Column("status", sa.Enum("pending", "approved", "rejected", name="proposal_status",
                                    native_enum=False, create_constraint=True, length=20),
                  nullable=False),
        sa.Column("proposer_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("rating_id", sa.Integer(), nullable=True),
        sa.Column("summary", sa.String(length=280), nullable=True),
        sa.Column("rationale", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", UTCDateTime(), nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["claim_id"], ["claims.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["decided_by_id"], ["users.id"]),
        sa.ForeignKeyConstraint(["proposer_id"], ["users.id"]),
        sa.ForeignKeyConstraint(["rating_id"], ["ratings.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_proposals_claim_id", "proposals", ["claim_id"])
    op.create_index("uq_proposals_pending", "proposals", ["claim_id"], unique=True,
                    sqlite_where=sa.text("status = 'pending'"),
                    postgresql_where=sa.text("status = 'pending'"))

    op.create_table(
        "claim_speakers",
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("speaker_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["claim_id"], ["claims.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["speaker_id"], ["speakers.id"]),
        sa.PrimaryKeyConstraint("claim_id", "speaker_id"),
    )
    op.create_index("ix_claim_speakers_speaker_id", "claim_speakers", ["speaker_id"])
    op.execute("INSERT INTO claim_speakers (claim_id, speaker_id, position) "
               "SELECT id, speaker_id, 0 FROM claims WHERE speaker_id IS NOT NULL")

    with op.batch_alter_table("verdicts") as batch:
        batch.add_column(sa.Column("approved_digest", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("approved_revision", sa.Integer(), nullable=True))
    with op.batch_alter_table("corrections") as batch:
        batch.add_column(sa.Column("old_rationale", sa.Text(), nullable=True))
        batch.add_column(sa.Column("new_rationale", sa.Text(), nullable=True))
        batch.add_column(sa.Column("old_text", sa.Text(), nullable=True))
        batch.add_column(sa.Column("new_text", sa.Text(), nullable=True))
        batch.add_column(sa.Column("approved_by_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_corrections_approved_by_id_users", "users",
                                 ["approved_by_id"], ["id"])


def downgrade():
    with op.batch_alter_table("corrections") as batch:
        batch.drop_constraint("fk_corrections_approved_by_id_users", type_="foreignkey")
        for name in ("approved_by_id", "new_text", "old_text", "new_rationale",
                     "old_rationale"):
            batch.drop_column(name)
    with op.batch_alter_table("verdicts") as batch:
        batch.drop_column("approved_revision")
        batch.drop_column("approved_digest")
    op.drop_index("ix_claim_speakers_speaker_id", table_name="claim_speakers")
    op.drop_table("claim_speakers")
    op.drop_index("uq_proposals_pending", table_name="proposals")
    op.drop_index("ix_proposals_claim_id", table_name="proposals")
    op.drop_table("proposals")
    bind = op.get_bind()
    for statement in drop_audit_trigger_sql(bind.dialect.name, "claim_revisions"):
        op.execute(statement)
    op.drop_table("claim_revisions")
