"""Settings precedence (cli > env > ./briefgen.toml > user briefgen.toml > defaults), with files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefgen.cli import app
from briefgen.config import Settings, load_settings
from briefgen.errors import ConfigError


@pytest.fixture
def dirs(tmp_path: Path) -> tuple[Path, Path]:
    """Return (project folder, user config folder), both empty."""
    project, user = tmp_path / "project", tmp_path / "user"
    project.mkdir()
    user.mkdir()
    return project, user


def load(project: Path, user: Path, env: dict[str, str] | None = None, **cli: object) -> Settings:
    return load_settings(project, env or {}, cli, user_config_dir=user)


def test_defaults_without_any_file(dirs: tuple[Path, Path]) -> None:
    settings = load(*dirs)
    assert settings.db == Path("briefgen.db")
    assert settings.out == Path(".")
    assert settings.smtp_security == "starttls"
    assert settings.smtp_timeout == 30.0
    assert settings.files == ()
    assert {settings.source(name) for name in settings.as_dict()["sources"]} == {"default"}


def test_each_layer_overrides_the_one_below(dirs: tuple[Path, Path]) -> None:
    project, user = dirs
    (user / "briefgen.toml").write_text(
        'db = "user.db"\nstyle = "plain"\nout = "user-out"\nemail_from = "u@example.org"\n'
        '[smtp]\nhost = "user.example.org"\nport = 2525\npassword = "from-user-file"\n'
    )
    (project / "briefgen.toml").write_text(
        'db = "data/project.db"\nstyle = "letterhead.toml"\n[smtp]\nsecurity = "tls"\n'
    )
    env = {"BRIEFGEN_STYLE": "env-style", "BRIEFGEN_SMTP_PORT": "465", "BRIEFGEN_OUT": ""}
    settings = load(project, user, env, db=Path("cli.db"), out=None)

    user_file, project_file = (user / "briefgen.toml").resolve(), (project / "briefgen.toml")
    assert settings.files == (user_file, project_file.resolve())
    assert (settings.db, settings.source("db")) == (Path("cli.db"), "cli")
    assert (settings.style, settings.source("style")) == ("env-style", "env:BRIEFGEN_STYLE")
    assert settings.out == user_file.parent / "user-out"  # relative to the file's folder
    assert settings.source("out") == f"file:{user_file}"
    assert settings.email_from == "u@example.org"
    assert settings.smtp_host == "user.example.org"
    assert (settings.smtp_port, settings.source("smtp_port")) == (465, "env:BRIEFGEN_SMTP_PORT")
    assert settings.smtp_security == "tls"
    assert settings.source("smtp_security") == f"file:{project_file.resolve()}"
    assert settings.smtp_password == "from-user-file"

    without_cli = load(project, user, env)
    assert without_cli.db == project_file.resolve().parent / "data" / "project.db"
    without_env = load(project, user)
    assert without_env.style == str(project_file.resolve().parent / "letterhead.toml")


def test_smtp_option_sets_host_and_port_and_gives_smtp_settings(dirs: tuple[Path, Path]) -> None:
    env = {"BRIEFGEN_SMTP_USER": "desk", "BRIEFGEN_SMTP_PASSWORD": "pw", "BRIEFGEN_SMTP_PORT": "25"}
    settings = load(*dirs, env, smtp="127.0.0.1:2525")
    assert (settings.source("smtp_host"), settings.source("smtp_port")) == ("cli", "cli")
    smtp = settings.smtp()
    assert (smtp.host, smtp.port, smtp.username, smtp.password) == ("127.0.0.1", 2525, "desk", "pw")
    assert smtp.url == "smtp://127.0.0.1:2525"
    with pytest.raises(ConfigError, match="no SMTP server configured"):
        load(*dirs).smtp()


def test_credentials_never_come_from_the_command_line(dirs: tuple[Path, Path]) -> None:
    with pytest.raises(ConfigError, match="smtp_password cannot be given on the command line"):
        load(*dirs, smtp_password="hunter2")
    with pytest.raises(ConfigError, match="BRIEFGEN_SMTP_USER"):
        load(*dirs, smtp_username="me")


def test_briefgen_config_names_one_file(dirs: tuple[Path, Path], tmp_path: Path) -> None:
    project, user = dirs
    (project / "briefgen.toml").write_text('db = "ignored.db"\n')
    chosen = tmp_path / "elsewhere.toml"
    chosen.write_text('db = "chosen.db"\n')
    settings = load(project, user, {"BRIEFGEN_CONFIG": str(chosen)})
    assert settings.db == tmp_path / "chosen.db"
    with pytest.raises(ConfigError, match=r"BRIEFGEN_CONFIG names .*missing\.toml"):
        load(project, user, {"BRIEFGEN_CONFIG": str(tmp_path / "missing.toml")})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("db = = 1\n", r"briefgen\.toml: invalid TOML: .*line 1"),
        ('colour = "red"\n', r"briefgen\.toml: unknown key 'colour'"),
        ('[smtp]\nhots = "x"\n', r"briefgen\.toml: unknown key 'smtp\.hots'"),
        ("db = 3\n", r"briefgen\.toml: db: expected a string, got 3"),
        ('style = ""\n', r"briefgen\.toml: style: expected a style name or a path, got ''"),
        ('[smtp]\nport = "587"\n', r"briefgen\.toml: smtp\.port: expected an integer, got '587'"),
        ("[smtp]\nport = 70000\n", r"smtp\.port: expected a port number from 1 to 65535"),
        ("[smtp]\nport = true\n", r"smtp\.port: expected an integer, got True"),
        ('[smtp]\ntimeout = "5"\n', r"smtp\.timeout: expected a number, got '5'"),
        ('[smtp]\nsecurity = "ssl"\n', r"smtp\.security: expected one of starttls, tls, none"),
        ("[smtp]\ntimeout = -1\n", r"smtp\.timeout: expected a number of seconds"),
        ('smtp = "mail.example.org"\n', r"unknown key 'smtp'"),
        ('email_from = "not an address"\n', r"email_from: .*not a valid e-mail address"),
        ('email_from = "a@example.org\\nBcc: b@example.org"\n', r"email_from: .*control"),
        ("[smtp]\npassword = 42\n", r"smtp\.password: expected a string, got a value$"),
        ('[smtp]\npassword = ""\n', r"smtp\.password: invalid value$"),
    ],
)
def test_bad_files_name_the_file_and_key(dirs: tuple[Path, Path], text: str, message: str) -> None:
    project, user = dirs
    (project / "briefgen.toml").write_text(text)
    with pytest.raises(ConfigError, match=message) as caught:
        load(project, user)
    assert str(project / "briefgen.toml") in str(caught.value)


def test_bad_environment_and_options_name_their_source(dirs: tuple[Path, Path]) -> None:
    with pytest.raises(ConfigError, match=r"\$BRIEFGEN_SMTP_PORT: expected a port number"):
        load(*dirs, {"BRIEFGEN_SMTP_PORT": "smtp"})
    with pytest.raises(ConfigError, match=r"--smtp: invalid SMTP port"):
        load(*dirs, smtp="host:0")
    with pytest.raises(ConfigError, match=r"--email-from: .*not a valid"):
        load(*dirs, email_from="nobody")


def test_password_is_masked_everywhere(dirs: tuple[Path, Path]) -> None:
    settings = load(*dirs, {"BRIEFGEN_SMTP_PASSWORD": "hunter2"})
    assert "hunter2" not in repr(settings)
    assert "hunter2" not in json.dumps(settings.as_dict())
    assert settings.as_dict()["settings"]["smtp_password"] == "********"
    assert settings.smtp_password == "hunter2"


# --- briefgen config show --------------------------------------------------------------------


def cli_env(user: Path, **extra: str) -> dict[str, str]:
    """Return an environment whose user config folder is `user` (XDG, as platformdirs reads)."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFGEN_")}
    return {**clean, "XDG_CONFIG_HOME": str(user), **extra}


def test_config_show_prints_values_and_sources(
    dirs: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    project, user = dirs
    (user / "briefgen").mkdir()
    (user / "briefgen" / "briefgen.toml").write_text('[smtp]\nhost = "mail.example.org"\n')
    (project / "briefgen.toml").write_text('out = "briefings"\n[smtp]\npassword = "hunter2"\n')
    monkeypatch.chdir(project)
    env = cli_env(user, BRIEFGEN_SMTP_USER="desk")

    result = CliRunner().invoke(app, ["config", "show", "--db", "x.db"], env=env)

    assert result.exit_code == 0, result.output
    assert "hunter2" not in result.output
    rows = {line.split()[0]: line.split()[1:] for line in result.stdout.splitlines()}
    assert rows["db"] == ["x.db", "cli"]
    assert rows["out"] == [
        str(project.resolve() / "briefings"),
        f"file:{project.resolve()}/briefgen.toml",
    ]
    assert rows["smtp_host"][1] == f"file:{(user / 'briefgen' / 'briefgen.toml').resolve()}"
    assert rows["smtp_username"] == ["desk", "env:BRIEFGEN_SMTP_USER"]
    assert rows["smtp_password"][0] == "********"
    assert rows["style"] == ["(unset)", "default"]

    as_json = CliRunner().invoke(app, ["config", "show", "--json"], env=env)
    data = json.loads(as_json.stdout)
    assert data["sources"]["smtp_username"] == "env:BRIEFGEN_SMTP_USER"
    assert data["settings"]["smtp_password"] == "********"


def test_config_show_bad_file_is_one_line_and_exit_1(dirs: tuple[Path, Path]) -> None:
    project, user = dirs
    (project / "briefgen.toml").write_text("[smtp]\nport = 0\n")
    done = subprocess.run(
        [sys.executable, "-m", "briefgen", "config", "show"],
        cwd=project,
        env=cli_env(user),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        f"briefgen: error: {project.resolve()}/briefgen.toml: smtp.port: "
        "expected a port number from 1 to 65535, got 0"
    ]
