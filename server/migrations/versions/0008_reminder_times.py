"""each reminder kind's time, chosen by the patient (NULL: the default time)

Revision ID: 0003_reminder_times
Revises: 0002_proms_push
"""
from alembic import op
import sqlalchemy as sa

revision = "0003_reminder_times"
down_revision = "0003_staff_workspace"
branch_labels = None
depends_on = None

COLUMNS = ("training_minute", "part1_minute", "questionnaire_minute")


def upgrade() -> None:
    with op.batch_alter_table("reminder_preferences") as batch:
        for name in COLUMNS:
            batch.add_column(sa.Column(name, sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("reminder_preferences") as batch:
        for name in reversed(COLUMNS):
            batch.drop_column(name)
