"""care episodes (red flags, visits, discharge) and the symptom response of a range-of-movement log

Revision ID: 0003_care_episodes
Revises: 0002_proms_push
"""
from alembic import op
import sqlalchemy as sa
import server.models.types


revision = '0003_care_episodes'
down_revision = '0003_email_per_clinic'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('care_episodes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('patient_id', sa.Integer(), nullable=False),
    sa.Column('opened_on', sa.Date(), nullable=False),
    sa.Column('opened_by_id', sa.Integer(), nullable=False),
    sa.Column('red_flags', sa.JSON(), nullable=False),
    sa.Column('red_flag_action', sa.Text(), nullable=True),
    sa.Column('red_flag_action_at', server.models.types.UTCDateTime(), nullable=True),
    sa.Column('planned_visits', sa.Integer(), nullable=True),
    sa.Column('discharged_on', sa.Date(), nullable=True),
    sa.Column('discharge_reason', sa.String(length=32), nullable=True),
    sa.Column('referred', sa.Boolean(), nullable=True),
    sa.Column('discharge_note', sa.Text(), nullable=True),
    sa.Column('updated_at', server.models.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['opened_by_id'], ['users.id'], name=op.f('fk_care_episodes_opened_by_id_users')),
    sa.ForeignKeyConstraint(['patient_id'], ['patients.user_id'], name=op.f('fk_care_episodes_patient_id_patients'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_care_episodes'))
    )
    op.create_index(op.f('ix_care_episodes_patient_id'), 'care_episodes', ['patient_id'], unique=False)
    op.create_table('episode_visits',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('episode_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', server.models.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_episode_visits_created_by_id_users')),
    sa.ForeignKeyConstraint(['episode_id'], ['care_episodes.id'], name=op.f('fk_episode_visits_episode_id_care_episodes'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_episode_visits'))
    )
    op.create_index(op.f('ix_episode_visits_episode_id'), 'episode_visits', ['episode_id'], unique=False)
    with op.batch_alter_table('diary_exercises') as batch:
        batch.add_column(sa.Column('symptom_response', sa.String(length=8), nullable=True))
    # ODI bands get neutral names (issue 9); stored scores follow
    op.execute("UPDATE assessment_responses SET band = 'very-severe' WHERE instrument = 'odi' AND band = 'crippled'")
    op.execute("UPDATE assessment_responses SET band = 'extreme' WHERE instrument = 'odi' AND band = 'bed-bound'")


def downgrade() -> None:
    op.execute("UPDATE assessment_responses SET band = 'crippled' WHERE instrument = 'odi' AND band = 'very-severe'")
    op.execute("UPDATE assessment_responses SET band = 'bed-bound' WHERE instrument = 'odi' AND band = 'extreme'")
    with op.batch_alter_table('diary_exercises') as batch:
        batch.drop_column('symptom_response')
    op.drop_index(op.f('ix_episode_visits_episode_id'), table_name='episode_visits')
    op.drop_table('episode_visits')
    op.drop_index(op.f('ix_care_episodes_patient_id'), table_name='care_episodes')
    op.drop_table('care_episodes')
