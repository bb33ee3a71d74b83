"""A writer for the crash test: suspends and resumes cases as fast as it can until it is killed."""

import sys
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from caseflow import create_app
from caseflow.extensions import db
from caseflow.models import Case, User
from caseflow.services.cases.actions import perform_action


def main(database_url: str) -> None:
    """Loop over every case: suspend it if running, resume it if suspended, one transaction each."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "test-secret"})
    with app.app_context():
        leader = db.session.scalar(sa.select(User).where(User.username == "leader"))
        ids = db.session.scalars(sa.select(Case.id)).all()
        moment = datetime(2027, 1, 4, 3, tzinfo=UTC)
        print("ready", flush=True)
        while True:
            for case_id in ids:
                moment += timedelta(minutes=1)
                case = db.session.get(Case, case_id)
                action = "resume" if case.is_suspended else "suspend"
                params = {"note": "tiếp tục"} if action == "resume" else {"reason": "chờ giám định"}
                perform_action(
                    case_id, action, actor=leader, now=moment, params=params, expected_version=case.version
                )
                db.session.commit()


if __name__ == "__main__":
    main(sys.argv[1])
