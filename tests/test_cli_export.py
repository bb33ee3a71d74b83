"""caseflow export national: files that parse back, progress on stderr, clear refusals."""

import csv
import json

from caseflow.extensions import db
from caseflow.models import CaseStatus
from tests.document_checks import leaks, seed_denunciation

PERIOD = ["--from", "2027-01-01", "--to", "2027-01-31"]


def seed(world):
    """A closed complaint, a closed denunciation, and a letter of the stranger unit."""
    complaint = world.new_case_at("complaint", CaseStatus.CLOSED)
    denunciation = seed_denunciation(world)
    world.intake(actor="stranger")
    db.session.commit()
    return complaint, denunciation


def test_json_export_of_a_unit_subtree(runner, world, tmp_path):
    complaint, denunciation = seed(world)
    path = tmp_path / "national.json"
    result = runner.invoke(args=["export", "national", *PERIOD, "--unit", "HN", "--output", str(path)])
    assert result.exit_code == 0, result.output
    assert "letters: 2" in result.stderr and "reception: 1" in result.stderr
    assert "OK: 1 reception sessions and 2 letters (2 with the identity withheld)" in result.stdout
    data = json.loads(path.read_text(encoding="utf-8"))
    assert {r["tracking_code"] for r in data["letters"]} == {
        complaint.tracking_code,
        denunciation.tracking_code,
    }
    assert data["meta"]["unit"] == "HN" and data["counts"]["letters"] == 2
    assert leaks(path.read_text(encoding="utf-8")) == []


def test_csv_export_of_every_unit(runner, world, tmp_path):
    seed(world)
    path = tmp_path / "national.csv"
    result = runner.invoke(args=["export", "national", *PERIOD, "--format", "csv", "--output", str(path)])
    assert result.exit_code == 0, result.output
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["record_type"] for r in rows] == ["reception", "letter", "letter", "letter"]
    assert {r["unit_code"] for r in rows if r["record_type"] == "letter"} == {"HN-TNMT", "HP"}
    assert leaks(path.read_text(encoding="utf-8")) == []


def test_export_to_stdout(runner, world):
    seed(world)
    result = runner.invoke(args=["export", "national", *PERIOD, "--unit", "HP", "--output", "-"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["counts"]["letters"] == 1


def test_bad_unit_and_inverted_period_are_refused(runner, world, tmp_path):
    path = str(tmp_path / "x.json")
    unknown = runner.invoke(args=["export", "national", *PERIOD, "--unit", "NOPE", "--output", path])
    assert unknown.exit_code == 2 and "No unit has the code 'NOPE'" in unknown.output
    inverted = runner.invoke(
        args=["export", "national", "--from", "2027-02-01", "--to", "2027-01-01", "--output", path]
    )
    assert inverted.exit_code == 2 and "--to comes before --from" in inverted.output
    bad_format = runner.invoke(args=["export", "national", *PERIOD, "--format", "xml", "--output", path])
    assert bad_format.exit_code == 2
