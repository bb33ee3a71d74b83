"""A rule's legal basis as a citizen reads it: the laws and articles by name, none of the working notes."""

import tomllib
from pathlib import Path

import pytest

from caseflow.services.documents.citations import LOCAL_RULE, basis_line

RULES = Path(__file__).resolve().parents[2] / "config" / "rules"


def bases() -> list[str]:
    """Every basis written in the rule files."""
    found = []

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("basis"), str):
                found.append(node["basis"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in sorted(RULES.glob("*.toml")):
        walk(tomllib.loads(path.read_text(encoding="utf-8")))
    return found


@pytest.mark.parametrize(
    ("basis", "line"),
    [
        ("Luật Khiếu nại 2011 Art 28: 30 days from acceptance", "Điều 28 Luật Khiếu nại 2011"),
        ("Luật Tố cáo 2018 Art 24(2): forward and notify", "khoản 2 Điều 24 Luật Tố cáo 2018"),
        (
            "TT 05/2021/TT-TTCP (letter processing); not found in the TT 05/2021 articles (domain.md §11.2)",
            "Thông tư 05/2021/TT-TTCP",
        ),
        ("Local policy of the agency (configurable) (domain.md §2.2 R41)", LOCAL_RULE),
    ],
)
def test_the_basis_is_cited_by_name_only(basis, line):
    assert basis_line(basis) == line


def test_no_rule_file_leaks_a_working_note():
    assert bases()
    for basis in bases():
        line = basis_line(basis)
        for note in ("domain.md", "§", " Art ", " Arts ", " from ", " days", "(", ":"):
            assert note not in line, (basis, line)
