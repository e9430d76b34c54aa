"""two-factor secrets sealed at rest

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24 23:30:00

Secrets stored in the clear by 0004 are sealed under the install's secret key (see
factcheck.security.totp). The sealed form fits the same 64-character column. Downgrading opens
them again, so the older code can read them.
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

users = sa.table("users", sa.column("id", sa.Integer), sa.column("totp_secret", sa.String))


def _rewrite(change) -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.select(users.c.id, users.c.totp_secret)
                        .where(users.c.totp_secret.is_not(None))).all()
    for user_id, stored in rows:
        new = change(stored)
        if new != stored:
            bind.execute(users.update().where(users.c.id == user_id).values(totp_secret=new))


def upgrade():
    from factcheck.security import totp
    _rewrite(lambda stored: totp.seal(stored) if totp.is_plain(stored) else stored)


def downgrade():
    from factcheck.security import totp
    _rewrite(totp.unseal)
