from tests.api.conftest import care, contracted, today  # noqa: F401 (shared fixtures)
