"""the access log keeps refused attempts too: the answer's status and error code

Revision ID: 0014_accesslog
Revises: 0012_session_log

Both columns are empty for a granted access. Adding a nullable column rewrites no row, so the
append-only guards stay as they are (no table copy, no trigger dropped).
"""
from alembic import op
import sqlalchemy as sa


revision = "0014_accesslog"
down_revision = "0012_session_log"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("access_log", sa.Column("refused_status", sa.SmallInteger(), nullable=True))
    op.add_column("access_log", sa.Column("refused_reason", sa.String(length=40), nullable=True))


def downgrade() -> None:
    # SQLite (3.35+) drops a column in place; a batch copy would lose the append-only triggers.
    op.execute("ALTER TABLE access_log DROP COLUMN refused_reason")
    op.execute("ALTER TABLE access_log DROP COLUMN refused_status")
