"""The betterback command: demo data, staff accounts, migrations."""
from click.testing import CliRunner

from server.cli import main
from tests.conftest import ApiClient

def test_demo_creates_every_role_once_and_prints_working_passwords(app):
    result = app.test_cli_runner().invoke(main, ["demo"])
    assert result.exit_code == 0, result.output
    rows = [line.split()[:3] for line in result.output.splitlines() if "@demo.betterback.se" in line]
    assert sorted(r[0] for r in rows) == ["admin", "patient", "patient", "supervisor", "therapist"]
    # each row names whose account it is, so "Pia" in the README can be found in the output
    assert any(line.split()[1].startswith("patient1@") and line.rstrip().endswith("Pia Patient")
               for line in result.output.splitlines() if "@demo" in line)
    for role, email, password in rows:
        client = ApiClient(app).login(email, password)
        assert client.user["role"] == role
    therapist = next(r for r in rows if r[0] == "therapist")
    patients = ApiClient(app).login(therapist[1], therapist[2]).get("/api/v1/patients").get_json()
    assert len(patients) == 8 and all(p["status"] == "active" for p in patients)
    pia = next(r for r in rows if r[1].startswith("patient1"))
    plan = ApiClient(app).login(pia[1], pia[2]).get("/api/v1/patients/me/progress").get_json()
    assert plan["contract"]["accepted"] and plan["totals"]["sessions"] >= 6
    supervisor = next(r for r in rows if r[0] == "supervisor")
    assert len(ApiClient(app).login(supervisor[1], supervisor[2]).get("/api/v1/groups").get_json()) == 1
    again = app.test_cli_runner().invoke(main, ["demo"])
    assert again.exit_code == 0 and "nothing added" in again.output

def test_user_create_and_set_password(app):
    runner = app.test_cli_runner()
    created = runner.invoke(main, ["user", "create", "--role", "admin", "--email", "Boss@Example.org",
                                  "--password", "a long admin passphrase", "--clinic", "Norrköping", "--new-clinic"])
    assert created.exit_code == 0, created.output
    ApiClient(app).login("boss@example.org", "a long admin passphrase")
    duplicate = runner.invoke(main, ["user", "create", "--role", "therapist", "--email", "boss@example.org",
                                    "--clinic", "Norrköping"])
    assert duplicate.exit_code != 0 and "cannot be used for a new account" in duplicate.output
    weak = runner.invoke(main, ["user", "create", "--role", "therapist", "--email", "t@example.org",
                               "--password", "short", "--clinic", "Norrköping"])
    assert weak.exit_code != 0 and "10 to 128 characters" in weak.output
    reset = runner.invoke(main, ["user", "set-password", "--email", "boss@example.org"])
    assert reset.exit_code == 0
    ApiClient(app).login("boss@example.org", reset.output.strip().split(": ")[1])

def test_the_command_lists_its_commands():
    result = CliRunner().invoke(main, ["--help"])
    for command in ("run", "db", "user", "content", "demo"):
        assert command in result.output


def test_user_create_refuses_a_clinic_that_does_not_exist_unless_asked_to_create_it(app):
    runner = app.test_cli_runner()
    first = runner.invoke(main, ["user", "create", "--role", "admin", "--email", "a@example.org", "--clinic", "Linköping"])
    assert first.exit_code == 0, first.output          # the installation's first clinic: nothing to mistype
    typo = runner.invoke(main, ["user", "create", "--role", "therapist", "--email", "t@example.org",
                                "--clinic", "Linkoping"])
    assert typo.exit_code != 0
    assert 'No clinic is named "Linkoping"' in typo.output and '"Linköping"' in typo.output
    assert "--new-clinic" in typo.output
    same = runner.invoke(main, ["user", "create", "--role", "therapist", "--email", "t@example.org",
                                "--clinic", "Linköping"])
    assert same.exit_code == 0 and "in Linköping" in same.output
    second = runner.invoke(main, ["user", "create", "--role", "admin", "--email", "n@example.org",
                                  "--clinic", "Norrköping", "--new-clinic"])
    assert second.exit_code == 0, second.output
    from server.extensions import db
    from server.models import Clinic
    with app.app_context():
        assert sorted(c.name for c in db.session.query(Clinic)) == ["Linköping", "Norrköping"]
