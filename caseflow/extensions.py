"""Flask extensions, created unbound and bound in the factory, and the database session plumbing."""

from contextvars import ContextVar

import sqlalchemy as sa
import sqlalchemy.orm
from flask import Flask, current_app, g
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect

from caseflow.config import PROJECT_ROOT, engine_options
from caseflow.i18n import N_, babel, select_locale, translate, use_catalog_for_forms
from caseflow.models.base import Base

db = SQLAlchemy(model_class=Base, session_options={"expire_on_commit": False})
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()

_write_intent: ContextVar[bool] = ContextVar("caseflow_write_intent", default=False)


def init_extensions(app: Flask) -> None:
    """Bind every extension to the app and tune the engine."""
    db.init_app(app)
    migrate.init_app(app, db, directory=str(app.config.get("CASEFLOW_MIGRATIONS_DIR", _migrations_dir())))
    login_manager.init_app(app)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale, default_timezone="Asia/Ho_Chi_Minh")
    use_catalog_for_forms()
    login_manager.login_view = "auth.login"
    login_manager.login_message = N_("Please log in to see this page.")
    login_manager.localize_callback = translate
    app.teardown_appcontext(_close_reports_session)
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            _tune_sqlite(db.engine, app.config["CASEFLOW_SQLITE_SYNCHRONOUS"])


def reports_session() -> sa.orm.Session:
    """Where the statistical reports read: a replica (CASEFLOW_REPORTS_DATABASE_URL), else the primary."""
    url = current_app.config.get("CASEFLOW_REPORTS_DATABASE_URL")
    if not url:
        return db.session
    if "caseflow_reports_session" not in g:
        engines = current_app.extensions.setdefault("caseflow.reports_engines", {})
        if url not in engines:
            engines[url] = sa.create_engine(url, **engine_options(url, current_app.config))
        g.caseflow_reports_session = sa.orm.Session(engines[url])
    return g.caseflow_reports_session


def _close_reports_session(_error) -> None:
    """End the replica session with the app context."""
    session = g.pop("caseflow_reports_session", None)
    if session is not None:
        session.close()


def _migrations_dir() -> str:
    """The migrations folder at the project root."""
    return str(PROJECT_ROOT / "migrations")


def _tune_sqlite(engine: sa.Engine, synchronous: str) -> None:
    """WAL, foreign keys, a busy timeout and our own BEGIN so writes can start IMMEDIATE."""

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in (
            "journal_mode=WAL",
            f"synchronous={synchronous}",
            "foreign_keys=ON",
            "busy_timeout=5000",
        ):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE" if _write_intent.get() else "BEGIN")


@sa.event.listens_for(sa.orm.Session, "after_commit")
@sa.event.listens_for(sa.orm.Session, "after_rollback")
def _transaction_ended(_session) -> None:
    """Write intent lasts one transaction."""
    _write_intent.set(False)


def begin_write() -> None:
    """Declare that the coming transaction writes: on SQLite it then begins IMMEDIATE."""
    _write_intent.set(True)


def end_write() -> None:
    """Go back to deferred transactions for reads."""
    _write_intent.set(False)
