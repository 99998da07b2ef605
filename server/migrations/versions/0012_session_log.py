"""the guided session logs what was done; the group physiotherapist's level observation

Revision ID: 0012_session_log
Revises: 0011_wording

Each exercise of a diary entry says whether it was done (with the repetitions counted per set
when the guided session counted them), skipped or not started (issue 17). A supervisor's
"performed satisfactorily, ready for the next level" is kept per program item.
"""
from alembic import op
import sqlalchemy as sa

import server.models.types

revision = "0012_session_log"
down_revision = "0011_wording"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("diary_exercises") as batch:
        batch.add_column(sa.Column("outcome", sa.String(length=12), server_default="done", nullable=False))
        batch.add_column(sa.Column("set_repetitions", sa.JSON(), nullable=True))
    op.create_table(
        "level_observations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=True),
        sa.Column("level", sa.String(length=1), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.Column("observed_by_id", sa.Integer(), nullable=False),
        sa.Column("observed_at", server.models.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["patient_id"], ["patients.user_id"],
                                name=op.f("fk_level_observations_patient_id_patients"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["item_id"], ["program_items.id"],
                                name=op.f("fk_level_observations_item_id_program_items")),
        sa.ForeignKeyConstraint(["group_id"], ["training_groups.id"],
                                name=op.f("fk_level_observations_group_id_training_groups"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["observed_by_id"], ["users.id"],
                                name=op.f("fk_level_observations_observed_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_level_observations")),
    )
    with op.batch_alter_table("level_observations") as batch:
        batch.create_index(batch.f("ix_level_observations_patient_id"), ["patient_id"], unique=False)
        batch.create_index(batch.f("ix_level_observations_item_id"), ["item_id"], unique=False)


def downgrade() -> None:
    op.drop_table("level_observations")
    with op.batch_alter_table("diary_exercises") as batch:
        batch.drop_column("set_repetitions")
        batch.drop_column("outcome")
