"""each questionnaire answer records its wording; the paper STarT Back result in the episode

Revision ID: 0011_wording
Revises: 0010_care_paused

Answers stored before this revision were given in whatever the app showed then, which nobody
recorded: they are marked "not recorded" rather than guessed.
"""
from alembic import op
import sqlalchemy as sa

import server.models.types

revision = "0011_wording"
down_revision = "0010_care_paused"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('assessment_responses') as batch:
        batch.add_column(sa.Column('wording', sa.JSON(), nullable=True))
    op.execute("""UPDATE assessment_responses SET wording = '{"source": "not recorded", "version": null}'""")
    with op.batch_alter_table('assessment_responses') as batch:
        batch.alter_column('wording', existing_type=sa.JSON(), nullable=False)
    with op.batch_alter_table('care_episodes') as batch:
        batch.add_column(sa.Column('startback_total', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('startback_psychosocial', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('startback_recorded_at', server.models.types.UTCDateTime(), nullable=True))
        batch.add_column(sa.Column('startback_recorded_by_id', sa.Integer(), nullable=True))
        batch.create_foreign_key(op.f('fk_care_episodes_startback_recorded_by_id_users'), 'users',
                                 ['startback_recorded_by_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('care_episodes') as batch:
        batch.drop_constraint(op.f('fk_care_episodes_startback_recorded_by_id_users'), type_='foreignkey')
        batch.drop_column('startback_recorded_by_id')
        batch.drop_column('startback_recorded_at')
        batch.drop_column('startback_psychosocial')
        batch.drop_column('startback_total')
    with op.batch_alter_table('assessment_responses') as batch:
        batch.drop_column('wording')
