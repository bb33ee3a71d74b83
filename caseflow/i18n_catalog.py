"""Message catalogs: extract the English msgids, merge Vietnamese fragments, compile (CLI and tests)."""

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

PACKAGE = Path(__file__).resolve().parent
PROJECT = PACKAGE.parent
TRANSLATIONS = PACKAGE / "translations"
FRAGMENTS = PROJECT / "i18n"
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "_l": None,
    "lazy_gettext": None,
    "N_": None,
    "phrase": None,
}
METHODS = [("caseflow/**.py", "python"), ("caseflow/templates/**.html", "jinja2")]


def extract_msgids() -> Catalog:
    """Every translatable English message in the code and the templates."""
    catalog = Catalog(project="caseflow", charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
        str(PROJECT), METHODS, keywords=KEYWORDS, options_map={"caseflow/templates/**.html": {}}
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def po_path(language: str) -> Path:
    """Where the editable catalog of `language` lives."""
    return TRANSLATIONS / language / "LC_MESSAGES" / "messages.po"


def load(path: Path, language: str) -> Catalog:
    """Read a PO file (an empty catalog when it does not exist)."""
    if not path.exists():
        return Catalog(locale=language, project="caseflow", charset="utf-8")
    with path.open("rb") as handle:
        return read_po(handle, locale=language)


def update(language: str = "vi") -> tuple[int, list[str]]:
    """Refresh the catalog from the sources and the fragments; write .po and .mo; return (count, missing)."""
    template = extract_msgids()
    catalog = load(po_path(language), language)
    catalog.update(template, no_fuzzy_matching=True)
    for fragment in sorted((FRAGMENTS / language).glob("*.po")):
        _merge(catalog, load(fragment, language))
    catalog.obsolete.clear()
    path = po_path(language)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=110, omit_header=False, sort_output=True)
    with path.with_suffix(".mo").open("wb") as handle:
        write_mo(handle, catalog)
    return len(template), missing(catalog, template)


def _merge(catalog: Catalog, fragment: Catalog) -> None:
    """Take a fragment's translations for messages the catalog knows."""
    for message in fragment:
        if message.id and message.string and message.id in catalog:
            target = catalog[message.id]
            target.string = message.string
            target.flags.discard("fuzzy")


def missing(catalog: Catalog, template: Catalog) -> list[str]:
    """The msgids of `template` without a usable translation in `catalog`."""
    gaps = []
    for message in template:
        if not message.id:
            continue
        found = catalog.get(message.id)
        if found is None or not found.string or "fuzzy" in found.flags:
            gaps.append(message.id if isinstance(message.id, str) else message.id[0])
    return gaps
