"""The demo's Hà Nội agency tree: units, where each field's letters go, and how to create what is missing."""

from dataclasses import dataclass

import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models import Unit
from caseflow.services.accounts import users

ROOT = "HN"


@dataclass(frozen=True)
class UnitSpec:
    """A unit of the demo tree; `place` is how letters name its area."""

    code: str
    name: str
    parent: str | None = None
    place: str = ""
    remote: bool = False


UNITS = (
    UnitSpec(ROOT, "UBND thành phố Hà Nội"),
    UnitSpec("HN-TT", "Thanh tra thành phố Hà Nội", ROOT),
    UnitSpec("HN-TNMT", "Sở Tài nguyên và Môi trường", ROOT),
    UnitSpec("HN-SXD", "Sở Xây dựng", ROOT),
    UnitSpec("HN-SNV", "Sở Nội vụ", ROOT),
    UnitSpec("HN-PHK", "UBND phường Hoàn Kiếm", ROOT, "phường Hoàn Kiếm"),
    UnitSpec("HN-PCG", "UBND phường Cầu Giấy", ROOT, "phường Cầu Giấy"),
    UnitSpec("HN-XSS", "UBND xã Sóc Sơn", ROOT, "xã Sóc Sơn"),
    UnitSpec("HN-XBV", "UBND xã Ba Vì", ROOT, "xã Ba Vì", remote=True),
)
UNIT_SPECS = {u.code: u for u in UNITS}
DESK_UNITS = (ROOT, "HN-PCG")
UNITS_BY_FIELD = {
    "land": ("HN-TNMT", "HN-PCG", "HN-XSS", "HN-XBV", "HN-PHK"),
    "housing": ("HN-SXD", "HN-PCG", "HN-PHK"),
    "policy": ("HN-SNV", "HN-PCG", "HN-XBV"),
    "civil_service": ("HN-SNV", "HN-TT", "HN-PCG"),
    "corruption": ("HN-TT", "HN-PCG", "HN-XSS"),
    "judicial": ("HN-TT", "HN-PHK", "HN-XSS"),
    "other": ("HN-PHK", "HN-PCG", "HN-XSS", "HN-XBV", "HN-SXD"),
}


def ensure_units() -> None:
    """Create the demo units that do not exist yet."""
    for spec in UNITS:
        if db.session.scalar(sa.select(Unit.id).where(Unit.code == spec.code)) is None:
            users.create_unit(spec.code, spec.name, parent_code=spec.parent, is_remote_area=spec.remote)
