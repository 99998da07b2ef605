"""the database keeps the plan's derived state right on every diary write

Revision ID: 0003_diary_plan_triggers
Revises: 0003_reminder_times

A diary entry added, edited or deleted bumps its patient's plan generation and deletes the stored
pacing blocks that start after the earliest day it touched (its old day too, if an edit moved it),
in the same statement as the write. Until now the server did this with two more statements after
each diary write (server/services/training/plan_state.py); the database now does it for every path that
writes the table, Core and ORM alike, so none can forget it. Bump first, then delete: the order
plan_state's race guard relies on.
"""
from alembic import op


revision = "0003_diary_plan_triggers"
down_revision = "0003_reminder_times"
branch_labels = None
depends_on = None

POSTGRES = [
    """CREATE FUNCTION diary_plan_changed() RETURNS trigger LANGUAGE plpgsql AS $$
       DECLARE
         who integer;
         since date;
       BEGIN
         IF TG_OP = 'INSERT' THEN
           who := NEW.patient_id; since := NEW.day;
         ELSIF TG_OP = 'DELETE' THEN
           who := OLD.patient_id; since := OLD.day;
         ELSE
           who := NEW.patient_id; since := LEAST(OLD.day, NEW.day);
         END IF;
         UPDATE patients SET plan_generation = plan_generation + 1 WHERE user_id = who;
         DELETE FROM pacing_blocks WHERE patient_id = who AND block_start > since;
         RETURN NULL;
       END $$""",
    """CREATE TRIGGER diary_entries_plan_write AFTER INSERT OR DELETE ON diary_entries
       FOR EACH ROW EXECUTE FUNCTION diary_plan_changed()""",
    """CREATE TRIGGER diary_entries_plan_edit AFTER UPDATE ON diary_entries
       FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION diary_plan_changed()""",
]
SQLITE = [
    """CREATE TRIGGER diary_entries_plan_insert AFTER INSERT ON diary_entries BEGIN
         UPDATE patients SET plan_generation = plan_generation + 1 WHERE user_id = NEW.patient_id;
         DELETE FROM pacing_blocks WHERE patient_id = NEW.patient_id AND block_start > NEW.day;
       END""",
    """CREATE TRIGGER diary_entries_plan_update AFTER UPDATE ON diary_entries BEGIN
         UPDATE patients SET plan_generation = plan_generation + 1 WHERE user_id = NEW.patient_id;
         DELETE FROM pacing_blocks WHERE patient_id = NEW.patient_id AND block_start > min(OLD.day, NEW.day);
       END""",
    """CREATE TRIGGER diary_entries_plan_delete AFTER DELETE ON diary_entries BEGIN
         UPDATE patients SET plan_generation = plan_generation + 1 WHERE user_id = OLD.patient_id;
         DELETE FROM pacing_blocks WHERE patient_id = OLD.patient_id AND block_start > OLD.day;
       END""",
]
DROP_POSTGRES = ["DROP TRIGGER diary_entries_plan_edit ON diary_entries",
                 "DROP TRIGGER diary_entries_plan_write ON diary_entries",
                 "DROP FUNCTION diary_plan_changed()"]
DROP_SQLITE = ["DROP TRIGGER diary_entries_plan_delete", "DROP TRIGGER diary_entries_plan_update",
               "DROP TRIGGER diary_entries_plan_insert"]


def _postgres() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    for statement in POSTGRES if _postgres() else SQLITE:
        op.execute(statement)


def downgrade() -> None:
    for statement in DROP_POSTGRES if _postgres() else DROP_SQLITE:
        op.execute(statement)
