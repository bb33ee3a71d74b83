"""Users in the caller's scope (to choose an assignee)."""

import sqlalchemy as sa

from caseflow.api.auth import api_user, require_user
from caseflow.api.bodies import user_body
from caseflow.api.core import API_PREFIX, ApiBlueprint
from caseflow.api.schemas import UserListSchema, UsersArgs
from caseflow.api.writes import json_response
from caseflow.extensions import db
from caseflow.models import Role, User, UserRole
from caseflow.services.cases.scope import subtree_unit_ids

MAX_USERS = 1000

blp = ApiBlueprint("api_users", __name__, url_prefix=f"{API_PREFIX}/users", description="Users")
blp.before_request(require_user)


@blp.route("")
@blp.arguments(UsersArgs, location="query")
@blp.response(200, UserListSchema)
@blp.problems(401)
def list_users(args):
    """Active users of the caller's unit and the units below it, optionally with one role."""
    caller = api_user()
    statement = sa.select(User).where(
        User.unit_id.in_(subtree_unit_ids(caller.unit)), User.is_active_user == sa.true()
    )
    if args.get("role"):
        has_role = sa.select(UserRole.user_id).where(UserRole.role == Role(args["role"]))
        statement = statement.where(User.id.in_(has_role))
    users = db.session.scalars(statement.order_by(User.username).limit(MAX_USERS))
    return json_response(200, {"items": [user_body(user) for user in users]})
