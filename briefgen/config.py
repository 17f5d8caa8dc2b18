"""Load the effective settings: command line over environment over briefgen.toml over defaults.

A `briefgen.toml` may sit in the current folder and in the user config folder (the current
folder's wins, key by key). Its layout:

    db = "corpus/briefgen.db"        # paths are relative to the file's own folder
    cluster = "tcp://scheduler:8786" # ingest and extract on this Dask cluster ("local": here)
    style = "letterhead.toml"        # a packaged style name, or a path
    out = "briefings"
    email_from = "Briefing Desk <desk@example.org>"
    organization = "Regional Desk"   # the byline, footer and file properties (over the style's)
    author = "J. Analyst"
    footer = "Regional Desk - for official use"
    source_url = "https://wikileaks.org/plusd/cables/{id}_a.html"   # Sources link each cable
    reference_docx = "office.docx"   # the office's Word template for DOCX output

    [smtp]
    host = "mail.example.org"
    port = 587
    security = "starttls"            # starttls, tls or none
    username = "desk"
    password = "..."                 # or $BRIEFGEN_SMTP_PASSWORD; never on the command line
    timeout = 30
    cafile = "corporate-ca.pem"
"""

from __future__ import annotations

import contextlib
import math
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from briefgen.errors import BriefgenError, ConfigError
from briefgen.locations import is_postgres_url, without_password

if TYPE_CHECKING:
    from briefgen.deliver.smtp import Security, SmtpSettings

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CONFIG_NAME = "briefgen.toml"
CONFIG_ENV = "BRIEFGEN_CONFIG"
"""An environment variable naming the one config file to read instead of looking for one."""
MASK = "********"
DEFAULT_DB = "briefgen.db"
TABLES = frozenset({"smtp"})
"""The TOML tables whose keys are settings (`[smtp]` holds `smtp.host`, ...)."""


@dataclass(frozen=True, slots=True)
class Settings:
    """The effective defaults of every command, and where each one came from."""

    db: Path | str = Path(DEFAULT_DB)
    """The corpus database (`--db`, $BRIEFGEN_DB, `db`; default `briefgen.db`): a SQLite
    file's Path, or a `postgresql://` URL."""
    cluster: str | None = None
    """The Dask scheduler `ingest` and `extract` run on, or `local` for a cluster started on
    this machine (`--cluster`, $BRIEFGEN_CLUSTER, `cluster`); None: the process pool."""
    style: str | None = None
    """A packaged style name or a style file path (`--style`, $BRIEFGEN_STYLE, `style`)."""
    out: Path = Path(".")
    """The folder briefings are written to (`--out`, $BRIEFGEN_OUT, `out`)."""
    email_from: str | None = None
    """The sender of e-mailed briefings (`--email-from`, $BRIEFGEN_EMAIL_FROM, `email_from`)."""
    organization: str | None = None
    """The office named on the byline, in the footer and file properties ($BRIEFGEN_ORGANIZATION,
    `organization`); None: the style's."""
    author: str | None = None
    """The author in the file properties ($BRIEFGEN_AUTHOR, `author`); None: the style's."""
    footer: str | None = None
    """The office's footer text ($BRIEFGEN_FOOTER, `footer`); None: the style's."""
    source_url: str | None = None
    """The public address of a cable, a pattern with `{id}` ($BRIEFGEN_SOURCE_URL,
    `source_url`); None: the style's (none by default)."""
    reference_docx: Path | None = None
    """An office's Word template for DOCX output (`--reference-docx`, $BRIEFGEN_REFERENCE_DOCX,
    `reference_docx`); None: the style's."""
    smtp_host: str | None = None
    """The SMTP server (`--smtp HOST[:PORT]`, $BRIEFGEN_SMTP_HOST, `smtp.host`)."""
    smtp_port: int | None = None
    """The SMTP port ($BRIEFGEN_SMTP_PORT, `smtp.port`); None: 587, 465 or 25 by security."""
    smtp_security: Security = "starttls"
    """`starttls`, `tls` (implicit) or `none` ($BRIEFGEN_SMTP_SECURITY, `smtp.security`)."""
    smtp_username: str | None = None
    """The SMTP login ($BRIEFGEN_SMTP_USER, `smtp.username`); never from the command line."""
    smtp_password: str | None = field(default=None, repr=False)
    """The SMTP password ($BRIEFGEN_SMTP_PASSWORD, `smtp.password`); never shown or echoed."""
    smtp_timeout: float = 30.0
    """Seconds to wait for the SMTP server ($BRIEFGEN_SMTP_TIMEOUT, `smtp.timeout`)."""
    smtp_cafile: Path | None = None
    """CA certificates to trust for SMTP TLS ($BRIEFGEN_SMTP_CAFILE, `smtp.cafile`)."""
    sources: tuple[tuple[str, str], ...] = ()
    """(setting, origin) pairs: `cli`, `env:BRIEFGEN_DB`, `file:/path/briefgen.toml`, `default`."""
    files: tuple[Path, ...] = ()
    """The config files read, lowest precedence first."""

    def source(self, name: str) -> str:
        """Return where setting `name` came from (`default` when not recorded)."""
        return dict(self.sources).get(name, "default")

    def as_dict(self) -> dict[str, Any]:
        """Return every setting as JSON-ready data, the password masked, with its source."""
        values: dict[str, Any] = {}
        for name in SETTING_NAMES:
            value = getattr(self, name)
            if name == "smtp_password" and value is not None:
                value = MASK
            if name == "db" and isinstance(value, str):
                value = without_password(value, MASK)
            values[name] = str(value) if isinstance(value, Path) else value
        return {
            "settings": values,
            "sources": {name: self.source(name) for name in SETTING_NAMES},
            "files": [str(path) for path in self.files],
        }

    def smtp(self) -> SmtpSettings:
        """Return the SMTP settings, or raise ConfigError if no server is configured."""
        if self.smtp_host is None:
            raise ConfigError(
                "no SMTP server configured (use --smtp HOST:PORT, $BRIEFGEN_SMTP_HOST "
                "or smtp.host in briefgen.toml)"
            )
        from briefgen.deliver.smtp import SmtpSettings

        return SmtpSettings(
            host=self.smtp_host,
            port=self.smtp_port,
            security=self.smtp_security,
            username=self.smtp_username,
            password=self.smtp_password,
            timeout=self.smtp_timeout,
            cafile=self.smtp_cafile,
        )


Convert = Callable[[Any, Path | None], Any]
"""Check and convert one raw value; the Path is the folder relative paths start from."""


def _database(value: Any, base: Path | None) -> Path | str:
    """Return a PostgreSQL URL as given, or a SQLite file's path (relative to `base`)."""
    if isinstance(value, str) and is_postgres_url(value):
        return value.strip()
    return _path(value, base)


def _path(value: Any, base: Path | None) -> Path:
    if isinstance(value, Path):
        path = value
    elif isinstance(value, str) and value.strip():
        path = Path(value.strip())
    else:
        raise ValueError(f"expected a path, got {value!r}")
    path = path.expanduser()
    return base / path if base is not None and not path.is_absolute() else path


def _style(value: Any, base: Path | None) -> str:
    if isinstance(value, Path):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"expected a style name or a path, got {value!r}")
    # A bare name (`default`) is a packaged style; anything path-like is a file.
    if "/" in value or "\\" in value or value.endswith(".toml"):
        return str(_path(value, base))
    return value.strip()


def _text(value: Any, base: Path | None) -> str:
    if not isinstance(value, str) or not value.strip() or any(c.isspace() for c in value):
        raise ValueError(f"expected a host name, got {value!r}")
    return value


def _cluster(value: Any, base: Path | None) -> str:
    if not isinstance(value, str) or not value.strip() or any(c.isspace() for c in value):
        raise ValueError(f"expected a scheduler address (tcp://host:8786) or local, got {value!r}")
    return value


def _line(value: Any, base: Path | None) -> str:
    if not isinstance(value, str) or "\n" in value or "\r" in value:
        raise ValueError(f"expected one line of text, got {value!r}")
    return value.strip()


def _url_pattern(value: Any, base: Path | None) -> str:
    text = _line(value, base)
    if text and "{id}" not in text:
        raise ValueError(f"expected a URL pattern holding {{id}}, got {value!r}")
    return text


def _secret(value: Any, base: Path | None) -> str:
    if not isinstance(value, str) or not value:
        raise ValueError("expected a non-empty string")
    return value


def _address(value: Any, base: Path | None) -> str:
    from briefgen.deliver.headers import parse_address

    if not isinstance(value, str):
        raise ValueError("expected an e-mail address")
    try:
        return str(parse_address(value, "address"))
    except BriefgenError as exc:
        raise ValueError(str(exc)) from None


def _port(value: Any, base: Path | None) -> int:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 65535:
        raise ValueError(f"expected a port number from 1 to 65535, got {value!r}")
    return value


def _security(value: Any, base: Path | None) -> str:
    from briefgen.deliver.smtp import SECURITY_MODES

    if value not in SECURITY_MODES:
        raise ValueError(f"expected one of {', '.join(SECURITY_MODES)}, got {value!r}")
    return str(value)


def _seconds(value: Any, base: Path | None) -> float:
    number: float | None = None
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            number = float(value)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    if number is None or not 0 < number < math.inf:
        raise ValueError(f"expected a number of seconds > 0, got {value!r}")
    return number


class _TomlType(NamedTuple):
    """The TOML value types a setting accepts, and their name for error messages."""

    types: tuple[type, ...]
    kind: str


_STRING = _TomlType((str,), "a string")
_INTEGER = _TomlType((int,), "an integer")
_NUMBER = _TomlType((int, float), "a number")


@dataclass(frozen=True, slots=True)
class _Spec:
    """How one setting is read: its TOML key, environment variable and converter."""

    name: str
    key: str
    env: str
    convert: Convert
    from_cli: bool = True
    toml: _TomlType = _STRING
    """What a config file must give (env values are always strings, converted)."""


SPECS: tuple[_Spec, ...] = (
    _Spec("db", "db", "BRIEFGEN_DB", _database),
    _Spec("cluster", "cluster", "BRIEFGEN_CLUSTER", _cluster),
    _Spec("style", "style", "BRIEFGEN_STYLE", _style),
    _Spec("out", "out", "BRIEFGEN_OUT", _path),
    _Spec("email_from", "email_from", "BRIEFGEN_EMAIL_FROM", _address),
    _Spec("organization", "organization", "BRIEFGEN_ORGANIZATION", _line),
    _Spec("author", "author", "BRIEFGEN_AUTHOR", _line),
    _Spec("footer", "footer", "BRIEFGEN_FOOTER", _line),
    _Spec("source_url", "source_url", "BRIEFGEN_SOURCE_URL", _url_pattern),
    _Spec("reference_docx", "reference_docx", "BRIEFGEN_REFERENCE_DOCX", _path),
    _Spec("smtp_host", "smtp.host", "BRIEFGEN_SMTP_HOST", _text),
    _Spec("smtp_port", "smtp.port", "BRIEFGEN_SMTP_PORT", _port, toml=_INTEGER),
    _Spec("smtp_security", "smtp.security", "BRIEFGEN_SMTP_SECURITY", _security),
    _Spec("smtp_username", "smtp.username", "BRIEFGEN_SMTP_USER", _secret, from_cli=False),
    _Spec("smtp_password", "smtp.password", "BRIEFGEN_SMTP_PASSWORD", _secret, from_cli=False),
    _Spec("smtp_timeout", "smtp.timeout", "BRIEFGEN_SMTP_TIMEOUT", _seconds, toml=_NUMBER),
    _Spec("smtp_cafile", "smtp.cafile", "BRIEFGEN_SMTP_CAFILE", _path),
)
"""Every setting, in the order `config show` prints them."""
SETTING_NAMES = tuple(spec.name for spec in SPECS)
_BY_KEY = {spec.key: spec for spec in SPECS}
_BY_NAME = {spec.name: spec for spec in SPECS}
assert set(SETTING_NAMES) == {f.name for f in fields(Settings)} - {"sources", "files"}


def load_settings(
    cwd: Path,
    env: Mapping[str, str],
    overrides: Mapping[str, Any],
    *,
    user_config_dir: Path | None = None,
) -> Settings:
    """Return the effective settings for a command run in `cwd`.

    Relative paths in a config file start from its folder; on the command line, in the
    environment and in the defaults they are kept relative to `cwd`, the folder of the run.
    Precedence, highest first: `overrides` (command-line options by setting name; None means
    not given; `smtp` takes `HOST[:PORT]`), `env` ($BRIEFGEN_DB, ...), `briefgen.toml` in
    `cwd`, `briefgen.toml` in `user_config_dir` (default: the platform's user config folder),
    built-in defaults. $BRIEFGEN_CONFIG names one file to read instead of looking.
    Raise ConfigError naming the file (or variable) and key for anything invalid.
    """
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    files = _config_files(cwd, env, user_config_dir)
    for path in files:
        for name, value in _read_file(path).items():
            values[name], sources[name] = value, f"file:{path}"
    for spec in SPECS:
        raw = env.get(spec.env, "").strip()
        if raw:
            values[spec.name] = _convert(spec, raw, None, f"${spec.env}")
            sources[spec.name] = f"env:{spec.env}"
    for name, value in _expand_overrides(overrides).items():
        values[name], sources[name] = value, "cli"
    return Settings(**values, sources=tuple(sources.items()), files=tuple(files))


def _config_files(cwd: Path, env: Mapping[str, str], user_dir: Path | None) -> list[Path]:
    """Return the config files to read, lowest precedence first."""
    named = env.get(CONFIG_ENV, "").strip()
    if named:
        path = cwd / Path(named).expanduser()
        if not path.is_file():
            raise ConfigError(f"${CONFIG_ENV} names {path}, which is not a file")
        return [path.resolve()]
    if user_dir is None:
        import platformdirs

        user_dir = platformdirs.user_config_path("briefgen")
    found: list[Path] = []
    for folder in (user_dir, cwd):
        path = (folder / CONFIG_NAME).resolve()
        if path.is_file() and path not in found:
            found.append(path)
    return found


def _read_file(path: Path) -> dict[str, Any]:
    """Return the settings in one briefgen.toml, by setting name, checked and converted."""
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: invalid TOML: not UTF-8 text") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror})") from None
    values: dict[str, Any] = {}
    for key, raw in _flatten(data):
        spec = _BY_KEY.get(key)
        if spec is None:
            known = ", ".join(_BY_KEY)
            raise ConfigError(f"{path}: unknown key {key!r} (known keys: {known})")
        if not isinstance(raw, spec.toml.types) or isinstance(raw, bool):
            got = "a value" if spec.name == "smtp_password" else repr(raw)
            raise ConfigError(f"{path}: {key}: expected {spec.toml.kind}, got {got}")
        values[spec.name] = _convert(spec, raw, path.parent, f"{path}: {key}")
    return values


def _flatten(data: Mapping[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    """Return (dotted key, value) pairs, tables opened up (`smtp.host`)."""
    pairs: list[tuple[str, Any]] = []
    for key, value in data.items():
        if not prefix and key in TABLES and isinstance(value, dict):
            pairs += _flatten(value, f"{key}.")
        else:
            pairs.append((f"{prefix}{key}", value))
    return pairs


def _expand_overrides(overrides: Mapping[str, Any]) -> dict[str, Any]:
    """Return the command-line overrides that were given, checked and converted."""
    values: dict[str, Any] = {}
    for name, raw in overrides.items():
        if raw is None:
            continue
        if name == "smtp":
            from briefgen.deliver.smtp import parse_endpoint

            try:
                host, port = parse_endpoint(str(raw))
            except BriefgenError as exc:
                raise ConfigError(f"--smtp: {exc}") from None
            values["smtp_host"] = _convert(_BY_NAME["smtp_host"], host, None, "--smtp")
            if port is not None:
                values["smtp_port"] = port
            continue
        spec = _BY_NAME.get(name)
        if spec is None:
            raise ConfigError(f"unknown setting {name!r}")
        if not spec.from_cli:
            raise ConfigError(
                f"{name} cannot be given on the command line; set ${spec.env} "
                f"or {spec.key} in {CONFIG_NAME}"
            )
        values[name] = _convert(spec, raw, None, f"--{name.replace('_', '-')}")
    return values


def _convert(spec: _Spec, raw: Any, base: Path | None, where: str) -> Any:
    """Return `raw` converted for `spec`, or raise ConfigError saying where it came from."""
    try:
        return spec.convert(raw, base)
    except ValueError as exc:
        # Never echo a password back, even a malformed one.
        detail = "invalid value" if spec.name == "smtp_password" else str(exc)
        raise ConfigError(f"{where}: {detail}") from None
