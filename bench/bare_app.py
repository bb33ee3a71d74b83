"""The HTTP floor: a bare Flask app under the same gunicorn answering one indexed SELECT per request."""

import os
import sqlite3

from flask import Flask, g, jsonify

SCHEMA = "CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE)"


def create_app() -> Flask:
    """GET /row/<id>: one SELECT by primary key on a SQLite file (BARE_DATABASE), as JSON."""
    app = Flask(__name__)
    path = os.environ["BARE_DATABASE"]

    def connection() -> sqlite3.Connection:
        if "db" not in g:
            g.db = sqlite3.connect(path)
        return g.db

    @app.teardown_appcontext
    def close(_error) -> None:
        db = g.pop("db", None)
        if db is not None:
            db.close()

    @app.get("/row/<int:row_id>")
    def row(row_id: int):
        found = connection().execute("SELECT id, username FROM users WHERE id = ?", (row_id,)).fetchone()
        return jsonify(id=found[0], username=found[1])

    @app.get("/healthz")
    def healthz():
        return jsonify(status="ok")

    return app


def prepare(path: str) -> None:
    """The table with a few rows, in WAL mode like caseflow's file."""
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute(SCHEMA)
        rows = [(i, f"user{i}") for i in range(1, 101)]
        connection.executemany("INSERT OR IGNORE INTO users (id, username) VALUES (?, ?)", rows)
