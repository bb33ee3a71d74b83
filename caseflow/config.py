"""Configuration: defaults, then the TOML file named by CASEFLOW_CONFIG, then CASEFLOW_* variables."""

import os
import secrets
import tomllib
from pathlib import Path

from flask import Flask
from sqlalchemy.engine import make_url

PACKAGE_DIR = Path(__file__).resolve().parent
# Where config/ and migrations/ live: caseflow/_data in an installed wheel (setup.py copies them there),
# else the root of the source checkout (an editable install, the tests, the benchmarks).
PROJECT_ROOT = PACKAGE_DIR / "_data" if (PACKAGE_DIR / "_data").is_dir() else PACKAGE_DIR.parent
MAX_URL_LENGTH = 8190  # the longest request line served (gunicorn's maximum); longer ones get 414
REQUIRED_KEYS = ("SECRET_KEY", "SQLALCHEMY_DATABASE_URI", "CASEFLOW_TIMEZONE")
EXPLICIT_KEY_NEEDED = (
    "caseflow on PostgreSQL needs an explicit secret key, the same on every node: set CASEFLOW_SECRET_KEY "
    "(e.g. to the output of `python3 -c 'import secrets; print(secrets.token_urlsafe(48))'`)."
)


class ConfigurationError(RuntimeError):
    """The settings cannot start caseflow; the message says what to set."""


class DefaultConfig:
    """Defaults good for one agency on one machine (SQLite)."""

    SECRET_KEY = None  # from the config file or CASEFLOW_SECRET_KEY, else instance/secret_key (SQLite only)
    SECRET_KEY_FALLBACKS: list = []  # earlier keys, still accepted for sessions and citizens' PINs
    SQLALCHEMY_DATABASE_URI = None  # set from CASEFLOW_DATABASE_URL or instance/caseflow.db
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}
    CASEFLOW_INSTANCE_DIR = "instance"  # relative to the working directory; never inside the package
    CASEFLOW_TIMEZONE = "Asia/Ho_Chi_Minh"
    CASEFLOW_LOG_FORMAT = "plain"  # or "json": one JSON object per line
    CASEFLOW_LOG_LEVEL = "INFO"
    CASEFLOW_POOL_PRE_PING = True  # test each pooled connection before use: a restarted database costs no 500
    CASEFLOW_POOL_SIZE = 5  # connections kept per worker process (PostgreSQL)
    CASEFLOW_MAX_OVERFLOW = 10  # extra connections a busy worker may open for a moment
    CASEFLOW_POOL_RECYCLE = 1800  # seconds before a pooled connection is replaced (-1: never)
    CASEFLOW_REPORTS_DATABASE_URL = ""  # a read replica for the statistical reports (empty: the primary)
    CASEFLOW_SETTINGS_CHECK_SECONDS = 1.0  # how often a process checks whether rules or calendar changed
    CASEFLOW_PROXY_HOPS = 0  # reverse proxies in front whose X-Forwarded-* headers are trusted
    CASEFLOW_TRACKING_PREFIX = "HN"
    CASEFLOW_RULES_DIR = str(PROJECT_ROOT / "config" / "rules")
    CASEFLOW_CALENDAR_DIR = str(PROJECT_ROOT / "config" / "calendar")
    CASEFLOW_DUE_SOON_WORKING_DAYS = 3
    CASEFLOW_PROLONGED_AGE_DAYS = 90
    CASEFLOW_REPEAT_THRESHOLD = 3
    CASEFLOW_GROUP_OPEN_DAYS = 30
    CASEFLOW_SQLITE_SYNCHRONOUS = "FULL"
    CASEFLOW_ARGON2_TIME_COST = 2
    CASEFLOW_ARGON2_MEMORY_KIB = 19456
    CASEFLOW_ARGON2_PARALLELISM = 1
    CASEFLOW_TOKEN_DAYS = 30
    CASEFLOW_SWEEP_BATCH = 500
    CASEFLOW_MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
    CASEFLOW_BASE_URL = "http://127.0.0.1:5000"  # links in e-mails point here
    CASEFLOW_SMTP_HOST = ""  # empty: no e-mail is sent (notifications stay in the in-app inbox)
    CASEFLOW_SMTP_PORT = 25
    CASEFLOW_SMTP_USERNAME = ""
    CASEFLOW_SMTP_PASSWORD = ""
    CASEFLOW_SMTP_STARTTLS = False
    CASEFLOW_SMTP_TIMEOUT = 30
    CASEFLOW_MAIL_FROM = "caseflow@localhost"
    CASEFLOW_MAIL_BATCH = 100
    CASEFLOW_MAIL_MAX_ATTEMPTS = 8
    CASEFLOW_MAIL_RETRY_SECONDS = 60  # first retry; each further one waits twice as long (at most a day)
    CASEFLOW_MAIL_SENDING_LEASE_SECONDS = 600  # a row still 'sending' after this was interrupted
    CASEFLOW_SECURE_COOKIES = "auto"  # Secure cookies over HTTPS (auto), always (true) or never (false)
    CASEFLOW_HSTS_SECONDS = 0  # Strict-Transport-Security max-age on HTTPS answers; 0 = none
    CASEFLOW_REDIS_URL = ""  # rate-limit counts shared by every worker and node (memory when empty)
    CASEFLOW_METRICS_TOKEN = ""  # /metrics answers only with this bearer token; empty = no /metrics at all
    CASEFLOW_METRICS_DIR = ""  # the node's multiprocess counter files (default: <instance>/metrics)
    CASEFLOW_RATE_LIMITS: dict = {}  # bucket → [requests, seconds], over web.ratelimit.DEFAULT_LIMITS
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    MAX_CONTENT_LENGTH = 16 * 1024 * 1024


def load_config(app: Flask, overrides: dict | None) -> None:
    """Fill app.config from the layers in order and check that it is complete."""
    app.config.from_object(DefaultConfig)
    config_file = os.environ.get("CASEFLOW_CONFIG")
    if config_file:
        app.config.from_file(config_file, load=tomllib.load, text=False)
    app.config.from_prefixed_env("CASEFLOW", loads=_loads)
    _promote_prefixed(app)
    if overrides:
        app.config.update(overrides)
    app.instance_path = str(Path(str(app.config["CASEFLOW_INSTANCE_DIR"])).expanduser().resolve())
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        app.config["SQLALCHEMY_DATABASE_URI"] = default_database_url(app)
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {
        **engine_options(app.config["SQLALCHEMY_DATABASE_URI"], app.config),
        **app.config.get("SQLALCHEMY_ENGINE_OPTIONS", {}),
    }
    app.config["SECRET_KEY_FALLBACKS"] = _key_list(app.config.get("SECRET_KEY_FALLBACKS"))
    if not app.config.get("SECRET_KEY"):
        if make_url(str(app.config["SQLALCHEMY_DATABASE_URI"])).get_backend_name() != "sqlite":
            raise ConfigurationError(EXPLICIT_KEY_NEEDED)
        app.config["SECRET_KEY"] = instance_secret_key(app)
    app.config["SECRET_KEY"] = str(app.config["SECRET_KEY"])
    _validate(app)


def engine_options(url: str, config) -> dict:
    """A server database's connection pool from the CASEFLOW_POOL_* settings (SQLite keeps its own)."""
    if make_url(str(url)).get_backend_name() == "sqlite":
        return {}
    return {
        "pool_pre_ping": bool(config["CASEFLOW_POOL_PRE_PING"]),
        "pool_size": int(config["CASEFLOW_POOL_SIZE"]),
        "max_overflow": int(config["CASEFLOW_MAX_OVERFLOW"]),
        "pool_recycle": int(config["CASEFLOW_POOL_RECYCLE"]),
    }


def _key_list(value) -> list[str]:
    """SECRET_KEY_FALLBACKS as a list: a TOML list, or one string of keys separated by commas."""
    if not value:
        return []
    if isinstance(value, str):
        return [key.strip() for key in value.split(",") if key.strip()]
    return [str(key) for key in value]


def _loads(value: str):
    """Parse environment values as TOML scalars where possible, else keep the string."""
    try:
        return tomllib.loads(f"v = {value}")["v"]
    except tomllib.TOMLDecodeError:
        return value


def _promote_prefixed(app: Flask) -> None:
    """Map CASEFLOW_X variables (stored as X) back to their CASEFLOW_X keys and the database URL."""
    for key in list(app.config):
        if f"CASEFLOW_{key}" in DefaultConfig.__dict__:
            app.config[f"CASEFLOW_{key}"] = app.config.pop(key)
    if "DATABASE_URL" in app.config:
        app.config["SQLALCHEMY_DATABASE_URI"] = app.config.pop("DATABASE_URL")


def instance_secret_key(app: Flask) -> str:
    """A random key kept in instance/secret_key, created on first start (readable by the owner only)."""
    path = Path(app.instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(48))
    return path.read_text().strip()


def default_database_url(app: Flask) -> str:
    """The SQLite file instance/caseflow.db."""
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{Path(app.instance_path) / 'caseflow.db'}"


def _validate(app: Flask) -> None:
    """Fail at start-up when a required key is missing."""
    missing = [key for key in REQUIRED_KEYS if not app.config.get(key)]
    if missing:
        raise ConfigurationError(f"caseflow is missing configuration: {', '.join(missing)}")
