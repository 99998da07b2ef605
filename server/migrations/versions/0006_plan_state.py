"""stored pacing state per contract block, the day's plan response per patient, the plan generation

Revision ID: 0003_plan_state
Revises: 0002_proms_push
"""
from alembic import op
import sqlalchemy as sa


revision = "0003_plan_state"
down_revision = "0003_access_log"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("patients") as batch:
        batch.add_column(sa.Column("plan_generation", sa.Integer(), nullable=False, server_default="0"))
    op.create_table(
        "pacing_blocks",
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("rules", sa.String(length=16), nullable=False),
        sa.Column("block", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("block_start", sa.Date(), nullable=False),
        sa.Column("state", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["contract_id"], ["training_contracts.id"],
                                name=op.f("fk_pacing_blocks_contract_id_training_contracts"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["patient_id"], ["patients.user_id"],
                                name=op.f("fk_pacing_blocks_patient_id_patients"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("contract_id", "rules", "block", name=op.f("pk_pacing_blocks")),
    )
    op.create_index("ix_pacing_blocks_patient_start", "pacing_blocks", ["patient_id", "block_start"])
    op.create_table(
        "plan_responses",
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("locale", sa.String(length=8), nullable=False),
        sa.Column("bad_day", sa.Boolean(), nullable=False),
        sa.Column("generation", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(length=16), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["patient_id"], ["patients.user_id"],
                                name=op.f("fk_plan_responses_patient_id_patients"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("patient_id", "day", "locale", "bad_day", name=op.f("pk_plan_responses")),
    )


def downgrade() -> None:
    op.drop_table("plan_responses")
    op.drop_index("ix_pacing_blocks_patient_start", table_name="pacing_blocks")
    op.drop_table("pacing_blocks")
    with op.batch_alter_table("patients") as batch:
        batch.drop_column("plan_generation")
