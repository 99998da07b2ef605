"""The migrations build exactly the schema the models describe, and can be undone."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from server.db import Base
from server.migrate import downgrade, upgrade


def test_migrations_match_the_models(backend):
    engine = create_engine(backend)
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True}), Base.metadata)
    engine.dispose()
    assert diff == []


def test_downgrade_to_base_and_up_again(tmp_path):
    url = f"sqlite:///{tmp_path / 'm.db'}"
    upgrade(url)
    downgrade(url, "base")
    engine = create_engine(url)
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    engine.dispose()
    upgrade(url)
    engine = create_engine(url)
    assert {"users", "patients", "clinics"} <= set(inspect(engine).get_table_names())
    engine.dispose()


def test_sqlite_runs_with_foreign_keys_and_wal(app):
    from sqlalchemy import text

    from server.extensions import db

    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            return
        with db.engine.connect() as connection:
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_0010_moves_considerations_out_of_the_red_flags_and_leaves_every_flag_awaiting_its_outcome(tmp_path):
    """Stored flags become records without an outcome (free text never cleared one); pregnancy,
    psychiatric and multimodal become considerations; the episode counts as screened."""
    from datetime import date, datetime, timezone

    import sqlalchemy as sa

    from server.models.types import UTCDateTime

    url = f"sqlite:///{tmp_path / 'm.db'}"
    upgrade(url, "0003_diary_plan_triggers")
    engine = create_engine(url)
    when = datetime(2026, 3, 2, 9, 30, tzinfo=timezone.utc)
    with engine.begin() as c:
        c.execute(sa.text("INSERT INTO clinics (id, name, created_at, retention_years) VALUES (1, 'C', :t, 10)"),
                  {"t": when.isoformat()})
        for user_id, role in ((1, "therapist"), (2, "patient")):
            c.execute(sa.text("INSERT INTO users (id, clinic_id, email, name, role, active, locale, timezone, created_at) "
                              "VALUES (:id, 1, :e, 'N', :r, 1, 'sv', 'Europe/Stockholm', :t)"),
                      {"id": user_id, "e": f"{role}@example.org", "r": role, "t": when.isoformat()})
        c.execute(sa.text("INSERT INTO patients (user_id, therapist_id, created_at) VALUES (2, 1, :t)"),
                  {"t": when.isoformat()})
        episodes = sa.table("care_episodes", sa.column("id"), sa.column("patient_id"), sa.column("opened_on"),
                            sa.column("opened_by_id"), sa.column("red_flags", sa.JSON), sa.column("red_flag_action"),
                            sa.column("updated_at", UTCDateTime()))
        c.execute(episodes.insert().values(id=1, patient_id=2, opened_on=date(2026, 3, 2), opened_by_id=1,
                                           red_flags=["weight_loss", "pregnancy", "multimodal"],
                                           red_flag_action="Seen by the GP.", updated_at=when))
    upgrade(url)
    with engine.connect() as c:
        episode = c.execute(sa.text("SELECT red_flags, considerations, screened_at FROM care_episodes")).one()
        records = c.execute(sa.text("SELECT flag, outcome, ticked_by_id FROM red_flag_records")).all()
    engine.dispose()
    assert (episode[0], episode[1]) in ((["weight_loss"], ["pregnancy", "multimodal"]),
                                        ('["weight_loss"]', '["pregnancy", "multimodal"]'))
    assert episode[2] is not None
    assert [tuple(r) for r in records] == [("weight_loss", None, 1)]
