"""a revised contract can carry the pacing state over (issue 17)

Revision ID: 0017_pacing
Revises: 0014_accesslog

`start_hard_minutes`: the hard minutes block 0 starts with (0 for a new assessment);
`carried_over`: block 0 continues the previous version's pacing instead of starting at 80 %
of the capable minutes. Existing contracts are neither.
"""
from alembic import op
import sqlalchemy as sa

revision = "0017_pacing"
down_revision = "0014_accesslog"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("training_contracts") as batch:
        batch.add_column(sa.Column("start_hard_minutes", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("carried_over", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("training_contracts") as batch:
        batch.drop_column("carried_over")
        batch.drop_column("start_hard_minutes")
