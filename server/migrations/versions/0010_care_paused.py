"""care stops where the protocol says stop: red-flag records with outcomes, resumes, considerations

Revision ID: 0010_care_paused
Revises: 0003_diary_plan_triggers

Existing data: pregnancy, psychiatric and multimodal move from the red-flag list to the new
`considerations` list; every red flag still ticked becomes a record without an outcome (a free-text
action never cleared a flag: the therapist records a structured outcome); every existing episode
counts as screened (the old form always sent the full checklist), at its last change.
"""
import json

from alembic import op
import sqlalchemy as sa
import server.models.types


revision = "0010_care_paused"
down_revision = "0003_diary_plan_triggers"
branch_labels = None
depends_on = None

MOVED = ("pregnancy", "psychiatric", "multimodal")


def upgrade() -> None:
    with op.batch_alter_table("care_episodes") as batch:
        batch.add_column(sa.Column("screened_at", server.models.types.UTCDateTime(), nullable=True))
        batch.add_column(sa.Column("screened_by_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("considerations", sa.JSON(), nullable=False, server_default="[]"))
        batch.add_column(sa.Column("discharged_at", server.models.types.UTCDateTime(), nullable=True))
        batch.create_foreign_key(batch.f("fk_care_episodes_screened_by_id_users"), "users", ["screened_by_id"],
                                 ["id"])
    with op.batch_alter_table("care_episodes") as batch:
        batch.alter_column("considerations", server_default=None)
    op.create_table(
        "red_flag_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("episode_id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("flag", sa.String(length=32), nullable=False),
        sa.Column("ticked_at", server.models.types.UTCDateTime(), nullable=False),
        sa.Column("ticked_by_id", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("outcome_at", server.models.types.UTCDateTime(), nullable=True),
        sa.Column("outcome_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["episode_id"], ["care_episodes.id"],
                                name=op.f("fk_red_flag_records_episode_id_care_episodes"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["patient_id"], ["patients.user_id"],
                                name=op.f("fk_red_flag_records_patient_id_patients"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["ticked_by_id"], ["users.id"], name=op.f("fk_red_flag_records_ticked_by_id_users")),
        sa.ForeignKeyConstraint(["outcome_by_id"], ["users.id"], name=op.f("fk_red_flag_records_outcome_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_red_flag_records")),
    )
    op.create_index(op.f("ix_red_flag_records_episode_id"), "red_flag_records", ["episode_id"], unique=False)
    op.create_index(op.f("ix_red_flag_records_patient_id"), "red_flag_records", ["patient_id"], unique=False)
    op.create_table(
        "care_resumes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("episode_id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("resumed_at", server.models.types.UTCDateTime(), nullable=False),
        sa.Column("resumed_by_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["episode_id"], ["care_episodes.id"],
                                name=op.f("fk_care_resumes_episode_id_care_episodes"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["patient_id"], ["patients.user_id"],
                                name=op.f("fk_care_resumes_patient_id_patients"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["resumed_by_id"], ["users.id"], name=op.f("fk_care_resumes_resumed_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_care_resumes")),
    )
    op.create_index(op.f("ix_care_resumes_episode_id"), "care_resumes", ["episode_id"], unique=False)
    op.create_index(op.f("ix_care_resumes_patient_id"), "care_resumes", ["patient_id"], unique=False)
    _move_data()


def _move_data() -> None:
    connection = op.get_bind()
    episodes = sa.table("care_episodes", sa.column("id", sa.Integer), sa.column("patient_id", sa.Integer),
                        sa.column("opened_by_id", sa.Integer), sa.column("red_flags", sa.JSON),
                        sa.column("considerations", sa.JSON), sa.column("updated_at", server.models.types.UTCDateTime()),
                        sa.column("screened_at", server.models.types.UTCDateTime()),
                        sa.column("screened_by_id", sa.Integer))
    records = sa.table("red_flag_records", sa.column("episode_id", sa.Integer), sa.column("patient_id", sa.Integer),
                       sa.column("flag", sa.String), sa.column("ticked_at", server.models.types.UTCDateTime()),
                       sa.column("ticked_by_id", sa.Integer))
    for row in connection.execute(sa.select(episodes)).mappings().all():
        flags = row["red_flags"] if isinstance(row["red_flags"], list) else json.loads(row["red_flags"] or "[]")
        kept = [f for f in flags if f not in MOVED]
        connection.execute(episodes.update().where(episodes.c.id == row["id"]).values(
            red_flags=kept, considerations=[f for f in flags if f in MOVED], screened_at=row["updated_at"],
            screened_by_id=row["opened_by_id"]))
        for flag in kept:
            connection.execute(records.insert().values(episode_id=row["id"], patient_id=row["patient_id"], flag=flag,
                                                       ticked_at=row["updated_at"], ticked_by_id=row["opened_by_id"]))


def downgrade() -> None:
    connection = op.get_bind()
    episodes = sa.table("care_episodes", sa.column("id", sa.Integer), sa.column("red_flags", sa.JSON),
                        sa.column("considerations", sa.JSON))
    for row in connection.execute(sa.select(episodes)).mappings().all():
        load = lambda v: v if isinstance(v, list) else json.loads(v or "[]")  # noqa: E731
        connection.execute(episodes.update().where(episodes.c.id == row["id"]).values(
            red_flags=load(row["red_flags"]) + [c for c in load(row["considerations"]) if c in MOVED]))
    op.drop_table("care_resumes")
    op.drop_table("red_flag_records")
    with op.batch_alter_table("care_episodes") as batch:
        batch.drop_constraint("fk_care_episodes_screened_by_id_users", type_="foreignkey")
        batch.drop_column("discharged_at")
        batch.drop_column("considerations")
        batch.drop_column("screened_by_id")
        batch.drop_column("screened_at")
