"""docs/legal-rules.md is the page the rule files make; it names every rule with its number and basis."""

from caseflow.config import PROJECT_ROOT
from caseflow.deadlines.legal_doc import legal_rules_markdown
from caseflow.deadlines.rules import RuleBook

BOOK = RuleBook.load(PROJECT_ROOT / "config" / "rules")
PAGE = PROJECT_ROOT / "docs" / "legal-rules.md"


def test_the_page_is_what_the_rule_files_make():
    assert PAGE.read_text(encoding="utf-8") == legal_rules_markdown(BOOK), (
        "docs/legal-rules.md drifted: run `caseflow rules doc > docs/legal-rules.md`"
    )


def test_every_version_of_every_rule_has_its_row_with_number_and_verification():
    page = legal_rules_markdown(BOOK)
    for rule_id in BOOK.ids():
        for rule in BOOK.history[rule_id]:
            assert rule.number, f"{rule_id} has no number from the deadline table"
            row = next(line for line in page.splitlines() if f"`{rule_id}`" in line and rule.version in line)
            assert rule.number in row and ("**no**" in row) is (not rule.verified)


def test_the_cli_prints_the_page(runner):
    result = runner.invoke(args=["rules", "doc"])
    assert result.exit_code == 0 and result.output == PAGE.read_text(encoding="utf-8")
