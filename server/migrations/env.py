"""Alembic environment: the models' metadata, one connection, batch mode on SQLite."""
from alembic import context

from server import models  # noqa: F401  (registers every table on Base.metadata)
from server.db import Base, make_engine

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connectable = config.attributes.get("connection")
    if connectable is None:
        engine = make_engine(config.get_main_option("sqlalchemy.url"))
        with engine.connect() as connection:
            _run(connection)
        engine.dispose()
    else:
        _run(connectable)


def _run(connection) -> None:
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        # Batch mode changes a SQLite table by copying it to a new one and dropping the old: with foreign
        # keys on, the drop would cascade-delete every row that refers to it (an episode's visits and
        # red-flag records). SQLite ignores the pragma inside a transaction, so it is set before the
        # migrations' own transaction begins, and set back after it.
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.commit()
    try:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=sqlite,
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
    finally:
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()


if context.is_offline_mode():
    raise SystemExit("offline migrations are not supported; run betterback db upgrade")
run_migrations_online()
