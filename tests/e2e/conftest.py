from tests.jobs.conftest import fake_push, ready  # noqa: F401  (shared fixtures)
