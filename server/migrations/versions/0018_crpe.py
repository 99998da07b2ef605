"""the physiotherapist's CRPE tool: first and final assessment per care episode

Revision ID: 0018_crpe
Revises: 0017_pacing
"""
from alembic import op
import sqlalchemy as sa

from server.models.types import UTCDateTime

revision = "0018_crpe"
down_revision = "0017_pacing"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "crpe_assessments",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("episode_id", sa.Integer(), sa.ForeignKey("care_episodes.id", ondelete="CASCADE"), nullable=False),
        sa.Column("patient_id", sa.Integer(), sa.ForeignKey("patients.user_id", ondelete="CASCADE"), nullable=False),
        sa.Column("which", sa.String(8), nullable=False),
        sa.Column("assessed_on", sa.Date(), nullable=False),
        sa.Column("form_version", sa.Integer(), nullable=False),
        sa.Column("impairment", sa.JSON(), nullable=False),
        sa.Column("activity", sa.JSON(), nullable=False),
        sa.Column("subgroup", sa.String(40), nullable=True),
        sa.Column("icd10", sa.JSON(), nullable=False),
        sa.Column("part1_applied", sa.Boolean(), nullable=True),
        sa.Column("part2_applied", sa.Boolean(), nullable=True),
        sa.Column("treatments", sa.JSON(), nullable=False),
        sa.Column("treatment_other", sa.JSON(), nullable=False),
        sa.Column("effect", sa.String(16), nullable=True),
        sa.Column("visits", sa.Integer(), nullable=True),
        sa.Column("recorded_by_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("recorded_at", UTCDateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("episode_id", "which"),
    )
    op.create_index("ix_crpe_assessments_patient_id", "crpe_assessments", ["patient_id"])


def downgrade() -> None:
    op.drop_index("ix_crpe_assessments_patient_id", table_name="crpe_assessments")
    op.drop_table("crpe_assessments")
