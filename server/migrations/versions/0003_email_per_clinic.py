"""e-mail addresses are unique per clinic, not across clinics

Another clinic's staff must not learn that an address has an account elsewhere (a 409 told
them); each care provider keeps its own record of a person.

Revision ID: 0003_email_per_clinic
Revises: 0002_proms_push
"""
from alembic import op

revision = "0003_email_per_clinic"
down_revision = "0002_proms_push"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users") as batch:
        batch.drop_constraint("uq_users_email", type_="unique")
        batch.create_unique_constraint("uq_users_clinic_id_email", ["clinic_id", "email"])
        batch.create_index("ix_users_email", ["email"])


def downgrade():
    with op.batch_alter_table("users") as batch:
        batch.drop_index("ix_users_email")
        batch.drop_constraint("uq_users_clinic_id_email", type_="unique")
        batch.create_unique_constraint("uq_users_email", ["email"])
