"""Configuration: defaults, then the TOML file named by CASEFLOW_CONFIG, then CASEFLOW_* variables."""

import os
import secrets
import tomllib
from pathlib import Path

from flask import Flask

PROJECT_ROOT = Path(__file__).resolve().parent.parent
REQUIRED_KEYS = ("SECRET_KEY", "SQLALCHEMY_DATABASE_URI", "CASEFLOW_TIMEZONE")


class DefaultConfig:
    """Defaults good for one agency on one machine (SQLite)."""

    SECRET_KEY = None  # from the config file or CASEFLOW_SECRET_KEY, else instance/secret_key (made once)
    SQLALCHEMY_DATABASE_URI = None  # set from CASEFLOW_DATABASE_URL or instance/caseflow.db
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}
    CASEFLOW_TIMEZONE = "Asia/Ho_Chi_Minh"
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
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = instance_secret_key(app)
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        app.config["SQLALCHEMY_DATABASE_URI"] = default_database_url(app)
    _validate(app)


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
        raise RuntimeError(f"caseflow is missing configuration: {', '.join(missing)}")
