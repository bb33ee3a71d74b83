"""Folding Vietnamese text for search: no diacritics, đ → d, lower case, single spaces."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^\w\s]")
_STOPWORDS = frozenset(
    "va cua cho cac nhung la co khong duoc voi tai ve da den tu theo mot nay do trong khi ong ba anh chi"
    " toi chung".split()
)


def fold(text: str | None) -> str:
    """'Nguyễn Văn Đức' → 'nguyen van duc': the one way caseflow compares names and text."""
    if not text:
        return ""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", stripped.lower()).strip()


def words(text: str | None) -> set[str]:
    """The significant folded words of a text (punctuation and common words dropped)."""
    folded = _NON_WORD.sub(" ", fold(text))
    return {w for w in folded.split() if len(w) > 1 and w not in _STOPWORDS}


def similarity(a: str | None, b: str | None) -> float:
    """Jaccard similarity of the significant words of two texts, 0.0 to 1.0."""
    return jaccard(words(a), words(b))


def jaccard(left: set[str], right: set[str]) -> float:
    """Shared words over all words of two word sets, 0.0 when either is empty."""
    if not left or not right:
        return 0.0
    return len(left & right) / len(left | right)


def like_pattern(query: str) -> str:
    """A LIKE pattern for a folded query, with LIKE's wildcards escaped (escape char '\\')."""
    escaped = fold(query).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
