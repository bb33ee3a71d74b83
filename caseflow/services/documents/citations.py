"""The legal basis of a rule as a citizen reads it: the instruments and articles by name, no working notes."""

import re

from caseflow.i18n import N_

LOCAL_RULE = N_("The agency's own rule")
UNVERIFIED = N_("(legal basis not yet verified)")

_NAME = (
    r"(?P<name>Luật(?: [A-ZĐ][^\s\d:;,()]*)(?: [a-zà-ỹđ][^\s\d:;,()]*)*(?: \d{4})?"
    r"|(?:NĐ|TT) \d+/\d{4}(?:/[A-ZĐ-]+)?)"
)
_ARTICLES = r"(?: Arts? (?P<articles>\d+(?:\(\d+\))?(?:, \d+(?:\(\d+\))?)*))?"
_CITATION = re.compile(_NAME + _ARTICLES)
_CLAUSE = re.compile(r"^(\d+)\((\d+)\)$")
_LONG = {"NĐ": "Nghị định", "TT": "Thông tư"}


def basis_names(basis: str) -> list[str]:
    """Each law, decree or circular the basis cites, with its articles, cited the Vietnamese way."""
    names: list[str] = []
    for match in _CITATION.finditer(basis or ""):
        name = match.group("name")
        prefix = name.split(" ", 1)[0]
        if prefix in _LONG:
            name = f"{_LONG[prefix]} {name.split(' ', 1)[1]}"
        articles = match.group("articles")
        cited = f"{_articles(articles)} {name}" if articles else name
        if not any(cited in earlier for earlier in names):  # a short form of one already cited
            names.append(cited)
    return names


def _articles(articles: str) -> str:
    """'16(1)' → 'khoản 1 Điều 16'; '27, 36' → 'Điều 27, 36'."""
    parts = [part.strip() for part in articles.split(",")]
    if len(parts) == 1 and (clause := _CLAUSE.match(parts[0])):
        return f"khoản {clause.group(2)} Điều {clause.group(1)}"
    return "Điều " + ", ".join(parts)


def basis_line(basis: str) -> str:
    """The basis by name only, joined by semicolons; the agency's own rule (a msgid) when no law is cited."""
    names = basis_names(basis)
    return "; ".join(names) if names else LOCAL_RULE
