"""GeoReport bodies as JSON or XML, and its error format (errors[] of code and description)."""

import json
from xml.etree import ElementTree

from flask import Response, current_app

# How a list's items are named in XML.
ITEM_TAGS = {
    "endpoints": "endpoint",
    "formats": "format",
    "attributes": "attribute",
    "values": "value",
    "services": "service",
    "service_requests": "request",
    "errors": "error",
}
MEDIA_TYPES = {"json": "application/json", "xml": "text/xml"}


def render(fmt: str, root: str, data, status: int = 200) -> Response:
    """`data` (a dict or a list of dicts) as JSON, or as XML under `root`."""
    if fmt == "json":
        text = json.dumps(data, ensure_ascii=False)
    else:
        element = ElementTree.Element(root)
        _fill(element, root, data)
        text = '<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(element, encoding="unicode")
    return current_app.response_class(text, status=status, mimetype=MEDIA_TYPES[fmt])


def _fill(element: ElementTree.Element, tag: str, value) -> None:
    """Write `value` into `element`: dicts as children, lists as repeated items, scalars as text."""
    if isinstance(value, dict):
        for key, item in value.items():
            _fill(ElementTree.SubElement(element, key), key, item)
    elif isinstance(value, list):
        for item in value:
            _fill(ElementTree.SubElement(element, ITEM_TAGS.get(tag, "item")), "item", item)
    elif isinstance(value, bool):
        element.text = "true" if value else "false"
    elif value is not None:
        element.text = str(value)


def render_errors(fmt: str, status: int, descriptions: list[str]) -> Response:
    """A GeoReport error answer: a list of {code, description}."""
    errors = [{"code": status, "description": text} for text in descriptions]
    return render(fmt, "errors", errors, status)
