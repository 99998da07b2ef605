"""Fixtures: one app per database backend, an API client that signs in, and account factories.

Every test that takes `app` (or anything built on it) runs on SQLite, and on PostgreSQL too
when TEST_DATABASE_URL is set (.ci/run sets it). The PostgreSQL run uses its own schema,
so it never touches other tables in that database.
"""
from __future__ import annotations

import os
import uuid
from datetime import time, timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import create_engine, text

import server.security
from server.app import create_app
from server.config import PUSH_HOSTS_DEFAULT
from server.db import Base
from server.extensions import db as database, limiter
from server.migrate import upgrade

BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])


@pytest.fixture(scope="session", autouse=True)
def fast_password_hashing():
    """Argon2 at production cost makes every account ~50 ms; the tests need correctness, not cost."""
    original = server.security._hasher
    server.security._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    yield
    server.security._hasher = original


def _postgres_url() -> str:
    url = os.environ["TEST_DATABASE_URL"]
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            url = "postgresql+psycopg://" + url[len(prefix):]
    schema = f"bb_test_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options=-csearch_path%3D{schema}", url, schema


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request, tmp_path_factory):
    """A migrated, empty database per backend; dropped at the end of the session."""
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("db") / "test.db"
        url = f"sqlite:///{path}"
        upgrade(url)
        yield url
        return
    url, admin_url, schema = _postgres_url()
    upgrade(url)
    yield url
    engine = create_engine(admin_url)
    with engine.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


def make_test_app(database_url: str, instance_path, **overrides):
    return create_app({
        "TESTING": True,
        "DATABASE_URL": database_url,
        "INSTANCE_PATH": str(instance_path),
        "SECRET_KEY": "test-secret-key",
        "RATELIMIT_STORAGE_URI": "memory://",
        # The known push services and the test's stand-in (BETTERBACK_PUSH_HOSTS in production).
        "PUSH_HOSTS": (*PUSH_HOSTS_DEFAULT, "push.example.org"),
        **overrides,
    })


@pytest.fixture(scope="session")
def app(backend, tmp_path_factory):
    application = make_test_app(backend, tmp_path_factory.mktemp("instance"))
    yield application
    with application.app_context():
        database.engine.dispose()


def wipe_database(application) -> None:
    """Empty every table and the rate-limit counters."""
    with application.app_context():
        database.session.rollback()
        with database.engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
                # The append-only guard on access_log refuses TRUNCATE; tests alone switch triggers off.
                connection.execute(text("SET LOCAL session_replication_role = replica"))
                connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
            else:
                guards = connection.execute(text(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'access_log'")).all()
                for name, _sql in guards:
                    connection.execute(text(f'DROP TRIGGER "{name}"'))
                for table in reversed(Base.metadata.sorted_tables):
                    connection.execute(table.delete())
                for _name, sql in guards:
                    connection.execute(text(sql))
        limiter.reset()


@pytest.fixture(autouse=True)
def _clean_database(request):
    """After each test that used the app, nothing it wrote is left for the next."""
    yield
    if "app" in request.fixturenames:
        wipe_database(request.getfixturevalue("app"))


class ApiClient:
    """JSON in and out over the Flask test client, with the CSRF header once signed in."""

    def __init__(self, app):
        self.app = app
        self.http = app.test_client()
        self.http.environ_base["wsgi.url_scheme"] = "https"  # Secure cookies, as in production
        self.csrf: str | None = None
        self.user: dict | None = None

    def request(self, method: str, url: str, json=None, headers=None, **kwargs):
        headers = dict(headers or {})
        if self.csrf and method in {"POST", "PUT", "PATCH", "DELETE"}:
            headers.setdefault("X-CSRF-Token", self.csrf)
        response = self.http.open(url, method=method, json=json, headers=headers, **kwargs)
        response.get_data()  # buffer the body, then release files sent with send_file
        response.close()
        return response

    def get(self, url, **kw):
        return self.request("GET", url, **kw)

    def post(self, url, json=None, **kw):
        return self.request("POST", url, json=json, **kw)

    def put(self, url, json=None, **kw):
        return self.request("PUT", url, json=json, **kw)

    def patch(self, url, json=None, **kw):
        return self.request("PATCH", url, json=json, **kw)

    def delete(self, url, **kw):
        return self.request("DELETE", url, **kw)

    def login(self, email: str, password: str):
        response = self.post("/api/v1/auth/login", json={"email": email, "password": password})
        assert response.status_code == 200, response.get_json()
        self.user = response.get_json()
        self.csrf = self.user["csrf_token"]
        return self

    def logout(self):
        response = self.post("/api/v1/auth/logout")
        self.csrf = None
        return response


def _questionnaires(app, instance_path):
    from server.content.questionnaires import load_questionnaires

    return load_questionnaires(app.config["CONTENT_PATH"], instance_path)


@pytest.fixture
def no_packs(app, tmp_path):
    """No clinic questionnaire pack installed (whatever an earlier test wrote); restored afterwards."""
    before = app.extensions["bb_questionnaires"]
    app.extensions["bb_questionnaires"] = _questionnaires(app, tmp_path / "no-packs")
    yield
    app.extensions["bb_questionnaires"] = before


@pytest.fixture
def clinic_packs(app, tmp_path):
    """A clinic pack (test wording, "Test clinic licence" version 2.1) for every licensed questionnaire in
    both languages; the questionnaires as before afterwards."""
    from server.services.demo.demo_packs import write_packs

    before = app.extensions["bb_questionnaires"]
    write_packs(app.config["CONTENT_PATH"], tmp_path / "packs", source="Test clinic licence", version="2.1")
    app.extensions["bb_questionnaires"] = _questionnaires(app, tmp_path / "packs")
    yield tmp_path / "packs"
    app.extensions["bb_questionnaires"] = before


@pytest.fixture
def client(app):
    return ApiClient(app)


@pytest.fixture
def new_client(app):
    """A factory of independent clients (separate cookie jars, like separate phones)."""
    return lambda: ApiClient(app)


PASSWORD = "correct horse battery"


class Factory:
    """Accounts made through the services, as the API would make them."""

    def __init__(self, app):
        self.app = app
        self.count = 0

    def _next(self) -> int:
        self.count += 1
        return self.count

    def clinic(self, name: str | None = None):
        from server.services.accounts.accounts import get_or_create_clinic

        with self.app.app_context():
            clinic = get_or_create_clinic(db_session=database.session, name=name or f"Clinic {self._next()}")
            database.session.commit()
            return clinic.id

    def staff(self, role: str, clinic_id: int | None = None, email: str | None = None) -> dict:
        from server.models import Clinic
        from server.services.accounts.accounts import create_staff

        clinic_id = clinic_id or self.clinic()
        with self.app.app_context():
            clinic = database.session.get(Clinic, clinic_id)
            user, _ = create_staff(db_session=database.session, clinic=clinic, role=role,
                                   email=email or f"{role}{self._next()}@example.org", name=f"{role.title()} {self.count}",
                                   password=PASSWORD)
            return {"id": user.id, "email": user.email, "password": PASSWORD, "clinic_id": clinic_id, "role": role}

    def screen(self, patient: dict, therapist: dict, *, red_flags: list[str] | None = None) -> None:
        """Open the patient's care episode with the red-flag screening done ("none of these" unless
        `red_flags`): the first program or contract needs it (409 screening_required)."""
        from server.models import User
        from server.services.clock import local_today
        from server.services.episode import episodes

        with self.app.app_context():
            session = database.session
            patient_user = session.get(User, patient["id"])
            episodes.open_episode(db_session=session, patient=patient_user, actor=session.get(User, therapist["id"]),
                                  body={"red_flags": list(red_flags or [])}, today=local_today(patient_user.timezone))

    def patient(self, therapist: dict, *, activate: bool = True, email: str | None = None,
                screened: bool = False) -> dict:
        from server.models import User
        from server.services.accounts.patients import accept_invite, create_patient

        with self.app.app_context():
            therapist_user = database.session.get(User, therapist["id"])
            created = create_patient(db_session=database.session, therapist=therapist_user,
                                     name=f"Patient {self._next()}", email=email or f"patient{self.count}@example.org",
                                     locale="sv", timezone="Europe/Stockholm", invite_ttl=timedelta(hours=72))
            if activate:
                accept_invite(db_session=database.session, code=created["invite_code"], password=PASSWORD)
        if screened:
            self.screen(created, therapist)
        return {**created, "password": PASSWORD, "role": "patient", "clinic_id": therapist["clinic_id"]}


    def training(self, patient: dict, therapist: dict, *, supervisor: dict | None = None) -> dict:
        """A contract from 20 days ago, Part 1 + a Part 2 exercise, one diary entry, an open care episode and (with a
        supervisor) a group of two weekdays that started 14 days ago."""
        from server.models import TrainingGroup, User
        from server.services.groups import groups
        from server.services.training import contracts, diary, program
        from server.services.clock import local_today

        library = self.app.extensions["bb_content"]
        with self.app.app_context():
            session = database.session
            patient_user, therapist_user = session.get(User, patient["id"]), session.get(User, therapist["id"])
            today = local_today(patient_user.timezone)
            from server.services.episode import episodes
            from server.services.proms.assessments import for_patient

            episodes.open_episode(db_session=session, patient=patient_user, actor=therapist_user,
                                  body={"red_flags": []}, today=today)
            program.record_part1(db_session=session, patient=patient_user, actor=therapist_user, achieved=True,
                                 note=None)
            program.set_program(db_session=session, patient=patient_user, actor=therapist_user, library=library,
                                body={"items": [{"exercise_id": "p1-1a"}, {"exercise_id": "p2-bridge-a"}]},
                                today=today)
            contracts.revise(db_session=session, patient=patient_user, actor=therapist_user, body={
                "training_form": "walking", "training_form_other": None, "sessions_per_week": 3,
                "capable_minutes": 25, "goal_minutes": 45, "goal_hard_minutes": 20,
                "start_date": today - timedelta(days=20), "training_days": [1, 3, 5],
                "reminder_time": time(18, 0)})
            entry, _ = diary.create(db_session=session, patient=patient_user, today=today, body={
                "client_id": str(uuid.uuid4()), "date": today - timedelta(days=1), "minutes": 20, "rpe": 12})
            part2 = next(i for i in program.active_items(session, patient["id"]) if i.part == "2")
            objects = {"entry_id": entry.id, "assessment_id": for_patient(session, patient["id"])[0].id,
                       "part2_item_id": part2.id}
            if supervisor:
                start = today - timedelta(days=14)
                group = groups.create(db_session=session, actor=therapist_user, body={
                    "name": "Tuesday group", "start_date": start, "weeks": 6, "sessions_per_week": 2,
                    "weekdays": [start.isoweekday(), (start + timedelta(days=1)).isoweekday()],
                    "time": time(17, 0), "supervisor_id": supervisor["id"]})
                groups.add_member(db_session=session, group=session.get(TrainingGroup, group["id"]),
                                  actor=therapist_user, patient_id=patient["id"])
                objects.update(group_id=group["id"], session_date=start)
            return objects


    def review_item(self, patient: dict, therapist: dict) -> int:
        """A message from the patient that the therapist has not answered: the id of its review item."""
        from server.models import User
        from server.services.messages import messages
        from server.services.workspace import review
        from server.services.clock import local_today

        with self.app.app_context():
            session = database.session
            patient_user, therapist_user = session.get(User, patient["id"]), session.get(User, therapist["id"])
            messages.send(db_session=session, patient=patient_user, sender=patient_user, body="A question.")
            items = review.queue(session, therapist_user, local_today(therapist_user.timezone))["items"]
            return next(i["id"] for i in items if i["reason"] == "unanswered_message")


@pytest.fixture
def make(app):
    return Factory(app)
