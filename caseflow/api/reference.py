"""The API reference page: the served OpenAPI document rendered as HTML on the server (no script, no CDN)."""

from flask import Blueprint, current_app, render_template

from caseflow.api.core import API_PREFIX

bp = Blueprint("api_reference", __name__, url_prefix=API_PREFIX, template_folder="templates")
METHODS = ("get", "post", "put", "patch", "delete")


@bp.get("/docs")
def reference():
    """Every operation with its parameters, body and answers, then every schema."""
    spec = current_app.extensions["caseflow.api"].spec.to_dict()
    return render_template(
        "api/reference.html",
        spec=spec,
        operations=list(operations(spec)),
        schemas=sorted(spec.get("components", {}).get("schemas", {}).items()),
    )


def operations(spec: dict):
    """(path, method, operation) in path order."""
    for path, item in sorted(spec.get("paths", {}).items()):
        for method in METHODS:
            if method in item:
                yield path, method.upper(), item[method]


def ref_name(node: dict | None) -> str:
    """The schema name of a $ref (or a short description of an inline schema)."""
    if not node:
        return ""
    if "$ref" in node:
        return node["$ref"].rsplit("/", 1)[-1]
    if node.get("allOf"):
        return ref_name(node["allOf"][0])
    if node.get("type") == "array":
        return f"array of {ref_name(node.get('items'))}"
    return node.get("type", "object")


@bp.app_template_global("api_ref_name")
def _ref_name_global(node):
    """ref_name for the template."""
    return ref_name(node)


def content_schema(holder: dict | None) -> dict | None:
    """The schema of the first content type of a request body or response."""
    content = (holder or {}).get("content") or {}
    return next(iter(content.values()), {}).get("schema") if content else None


@bp.app_template_global("api_content_schema")
def _content_schema_global(holder):
    """content_schema for the template."""
    return content_schema(holder)
