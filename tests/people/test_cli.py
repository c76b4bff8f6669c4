"""The `ripple` command: user add, token create, import-people; failures are one line, non-zero."""

from __future__ import annotations

import pytest

from ripple.__main__ import main
from ripple.people.models import ApiToken, Department, Team, User

pytestmark = pytest.mark.django_db(transaction=True)


def run(capsys, *args: str) -> tuple[int, str, str]:
    try:
        main(list(args))
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


def test_user_add_creates_department_and_team(capsys):
    code, out, _ = run(
        capsys,
        "user",
        "add",
        "Jo@Example.org",
        "--name",
        "Jo Lee",
        "--department",
        "Legal",
        "--team",
        "Compliance",
        "--title",
        "Counsel",
        "--role",
        "facilitator",
        "--password",
        "s3cret-pass-123",
    )
    assert code == 0 and "Added Jo Lee" in out
    jo = User.objects.get(email="jo@example.org")
    assert jo.department.name == "Legal" and jo.team.name == "Compliance" and jo.role == "facilitator"
    assert jo.check_password("s3cret-pass-123")
    code, _, _ = run(
        capsys,
        "user",
        "add",
        "kim@example.org",
        "--name",
        "Kim",
        "--department",
        "legal",
        "--team",
        "compliance",
    )
    assert code == 0 and Department.objects.count() == 1 and Team.objects.count() == 1


@pytest.mark.parametrize(
    "args, message",
    [
        (["user", "add", "not-an-email", "--name", "X"], "valid email"),
        (["user", "add", "a@example.org", "--name", "X" * 200], "at most 120"),
        (["user", "add", "a@example.org", "--name", "X", "--team", "Solo"], "needs a department"),
        (["user", "add", "a@example.org", "--name", "X", "--role", "king"], "invalid choice"),
        (["token", "create", "ghost@example.org"], "No person"),
    ],
)
def test_cli_failures_are_one_line_and_non_zero(capsys, args, message):
    code, _, err = run(capsys, *args)
    assert code != 0
    assert message in err
    assert "Traceback" not in err
    reasons = [line for line in err.splitlines() if message in line]
    assert len(reasons) == 1  # one line says why (argparse also prints its usage above it)
    assert User.objects.count() == 0


def test_user_add_duplicate_is_refused(capsys, member):
    code, _, err = run(capsys, "user", "add", member.email.upper(), "--name", "Again")
    assert code == 1 and "already has an account" in err
    assert User.objects.count() == 1


def test_token_create_prints_only_the_token_on_its_last_line(capsys, member):
    code, out, _ = run(capsys, "token", "create", member.email, "--name", "CI")
    assert code == 0
    raw = out.strip().splitlines()[-1]
    assert raw.startswith("rpl_") and " " not in raw
    assert ApiToken.objects.get(user=member).name == "CI"


def _csv(tmp_path, text: str, name: str = "people.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


GOOD = """email,name,department,team,title,manager_email
boss@example.org,Bea Boss,Sales,Enterprise,Head of Sales,
ann@example.org,Ann Ames,Sales,Enterprise,AE,boss@example.org
"""


def test_import_people_with_managers(capsys, tmp_path):
    code, out, _ = run(capsys, "import-people", _csv(tmp_path, GOOD))
    assert code == 0 and "Imported 2 people" in out
    ann = User.objects.get(email="ann@example.org")
    assert ann.manager.email == "boss@example.org" and ann.team.name == "Enterprise"


def test_import_people_all_or_nothing_with_row_errors(capsys, tmp_path, member):
    text = (
        GOOD
        + "bad-email,No Mail,Sales,,,\n"
        + f"{member.email},Dup,Sales,,,\n"
        + "ann@example.org,Twice,Sales,,,\n,,,,,\nz@example.org,Zed,,Loose,,\n"
    )
    code, _, err = run(capsys, "import-people", _csv(tmp_path, text))
    assert code == 1
    assert "row 4" in err and "not a valid email" in err
    assert "already has an account" in err
    assert "duplicate of row 3" in err
    assert "needs a department" in err
    assert "nothing was imported" in err
    assert User.objects.count() == 1


def test_import_people_skip_invalid(capsys, tmp_path):
    text = GOOD + "bad-email,No Mail,Sales,,,\n"
    code, out, err = run(capsys, "import-people", _csv(tmp_path, text), "--skip-invalid")
    assert code == 0 and "Imported 2 people, skipped 1" in out and "row 4" in err
    assert User.objects.count() == 2


@pytest.mark.parametrize(
    "content, message",
    [
        (b"name,department\nAnn,Sales\n", "Missing column(s): email"),
        (b"email,name\n", "no people"),
        (b"", "Missing column"),
        (b"email,name\n\xff\xfe\x00bad,x\n", "not UTF-8"),
        (b'email,name\n"unterminated,x\n', "cannot be read"),
        (b"email,name\na@example.org,A,extra\n", "more fields than the header"),
    ],
)
def test_import_people_bad_files(capsys, tmp_path, content, message):
    path = tmp_path / "x.csv"
    path.write_bytes(content)
    code, _, err = run(capsys, "import-people", str(path))
    assert code == 1 and message in err and "Traceback" not in err
    assert User.objects.count() == 0


def test_import_people_missing_file_and_over_long_field(capsys, tmp_path):
    code, _, err = run(capsys, "import-people", str(tmp_path / "nope.csv"))
    assert code == 1 and "is not a file" in err
    code, _, err = run(capsys, "import-people", _csv(tmp_path, f"email,name\na@example.org,{'N' * 300}\n"))
    assert code == 1 and "name is longer than 120" in err


def test_unknown_command_is_one_line(capsys):
    code, _, err = run(capsys, "frobnicate")
    assert code != 0 and "Unknown command" in err


def test_cli_without_secret_key_or_database_fails_in_one_line(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    ripple = str(Path(sys.executable).with_name("ripple"))
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DATABASE_URL"}
    }
    env["RIPPLE_HOME"] = str(tmp_path)
    result = subprocess.run(
        [ripple, "user", "add", "a@example.org", "--name", "A"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert result.stderr.strip().startswith("ripple: SECRET_KEY is not set")
    assert len(result.stderr.strip().splitlines()) == 1
    env.update(SECRET_KEY="x" * 50, DATABASE_URL="postgres://nobody@127.0.0.1:1/none")
    result = subprocess.run(
        [ripple, "token", "create", "a@example.org"], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
