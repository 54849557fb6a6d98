"""Every flag code: one input that makes it fire, one that keeps it quiet."""

from __future__ import annotations

from pathlib import Path

import pytest

from saraban.ingest.config import IngestConfig
from saraban.reconcile.flags import CATALOGUE, FlagCode
from saraban.ingest.pipeline import FileResult, process_file
from tests.ingest.report_text import MEMO, Bundle, Row


def run(bundle: Bundle, tmp_path: Path, resources) -> FileResult:
    path = tmp_path / "bundle.txt"
    path.write_text(bundle.text(), encoding="utf-8")
    return process_file(path, "bundle.txt", IngestConfig(), resources)


def codes(result: FileResult) -> set[str]:
    return {f.code for f in result.flags}


def rows(*specs: Row) -> list[Row]:
    return list(specs)


# code → (a bundle that makes it fire, a bundle that keeps it quiet)
CASES: dict[FlagCode, tuple[Bundle, Bundle]] = {
    FlagCode.SUMMARY_TOTAL_MISMATCH: (Bundle(total="4"), Bundle(total="3")),
    FlagCode.SUMMARY_COUNT_MISMATCH: (
        Bundle(counts={"completed": "2", "awaiting_report": "1"}),
        Bundle(counts={"completed": "3"}),
    ),
    FlagCode.DISBURSED_TOTAL_MISMATCH: (Bundle(disbursed="15,500.00"), Bundle(disbursed="15,000.00")),
    FlagCode.PERCENT_MISMATCH: (Bundle(percent="55.00"), Bundle(percent="50.00")),
    FlagCode.SEQ_GAP: (
        Bundle(rows=rows(Row("1"), Row("2"), Row("4"))),
        Bundle(rows=rows(Row("1"), Row("2"), Row("3"))),
    ),
    FlagCode.SEQ_DUPLICATE: (
        Bundle(rows=rows(Row("1"), Row("2"), Row("2"), Row("3"))),
        Bundle(rows=rows(Row("1"), Row("2"), Row("3"), Row("4"))),
    ),
    FlagCode.SEQ_MISSING: (
        Bundle(rows=rows(Row("1"), Row("2"), Row("", name="โครงการที่ไม่มีลำดับ"), Row("3"))),
        Bundle(rows=rows(Row("1"), Row("2"), Row("3"))),
    ),
    FlagCode.DISBURSED_EXCEEDS_BUDGET: (
        Bundle(rows=rows(Row("1", disbursed="12,000.00"), Row("2"))),
        Bundle(rows=rows(Row("1", disbursed="10,000.00"), Row("2"))),
    ),
    FlagCode.STATUS_MISSING: (
        Bundle(rows=rows(Row("1", ticks=()), Row("2"))),
        Bundle(rows=rows(Row("1"), Row("2"))),
    ),
    FlagCode.STATUS_MULTIPLE: (
        Bundle(rows=rows(Row("1", ticks=("in_progress", "completed")), Row("2"))),
        Bundle(rows=rows(Row("1", ticks=("in_progress",)), Row("2"))),
    ),
    # Ticks counted past blank cells, and counts the summary does not confirm.
    FlagCode.STATUS_AMBIGUOUS: (Bundle(explicit_boxes=False, counts={"completed": "2", "in_progress": "1"}), Bundle()),
    FlagCode.DIMENSION_INVALID: (
        Bundle(rows=rows(Row("1", dimension="7"), Row("2"))),
        Bundle(rows=rows(Row("1", dimension="4"), Row("2"))),
    ),
    FlagCode.AMOUNT_UNPARSEABLE: (
        Bundle(rows=rows(Row("1", budget="1O,OOO.OO"), Row("2"))),
        Bundle(rows=rows(Row("1", budget="๑๐,๐๐๐.๐๐"), Row("2"))),
    ),
    FlagCode.DATE_INVALID: (
        Bundle(memo=MEMO.replace("๑๔ กุมภาพันธ์", "๓๑ กุมภาพันธ์")),
        Bundle(memo=MEMO.replace("๑๔ กุมภาพันธ์", "๒๘ กุมภาพันธ์")),
    ),
    FlagCode.DATE_UNREADABLE: (
        Bundle(memo=MEMO.replace("๑๔ กุมภาพันธ์", "๑) กุมภาพันธ์")),
        Bundle(memo=MEMO.replace("๑๔ กุมภาพันธ์", "๒๘ กุมภาพันธ์")),
    ),
    FlagCode.ORG_NAME_VARIANT: (Bundle(organization="เทศบาลตำบลบ่านนา"), Bundle()),
    FlagCode.ORG_UNMATCHED: (Bundle(organization="เทศบาลตำบลหนองหอยทาก"), Bundle()),
    FlagCode.TITLE_UNREAD: (Bundle(title=False), Bundle()),
    FlagCode.REPORT_FIELD_UNREAD: (Bundle(as_of=""), Bundle()),
    # The number's digits garbled past reading (tuning seed 35007: 'ที่ นศ ร: / ๖๒').
    FlagCode.HEADER_FIELD_UNREAD: (Bundle(memo=MEMO.replace("นศ ๗๒๕๐๑/๑๖๖", "นศ ร: / ๖")), Bundle()),
}


# Codes that only a scan can raise (OCR text carries no confidences): their cases are in
# tests/ingest/test_low_confidence.py, which gives a parsed report the confidences of a scan.
SCAN_ONLY = {FlagCode.LOW_CONFIDENCE}
# Codes that need a gazetteer with DLA codes: tests/ingest/test_organization.py.
GAZETTEER_ONLY = {FlagCode.ORG_AMBIGUOUS}
# Codes about ruled tables (scans, PDF text layers; OCR text has no grid): their cases are in
# tests/ingest/test_table_columns.py.
RULED_ONLY = {FlagCode.COLUMNS_UNSURE, FlagCode.TABLE_UNREAD}

# Codes about the bytes of an OCR-text file (this module writes UTF-8): their cases are in
# tests/ingest/test_hostile_inputs.py.
ENCODING_ONLY = {FlagCode.TEXT_ENCODING_GUESSED}


def test_every_code_in_the_catalogue_has_a_case():
    assert set(CASES) | SCAN_ONLY | GAZETTEER_ONLY | RULED_ONLY | ENCODING_ONLY == set(FlagCode) == set(CATALOGUE)


@pytest.mark.parametrize("code", list(CASES), ids=str)
def test_flag_fires(code, tmp_path, resources):
    result = run(CASES[code][0], tmp_path, resources)
    assert not result.errors
    assert code in codes(result)
    flag = next(f for f in result.flags if f.code == code)
    assert flag.message and flag.severity == CATALOGUE[code].severity


@pytest.mark.parametrize("code", list(CASES), ids=str)
def test_flag_stays_quiet(code, tmp_path, resources):
    result = run(CASES[code][1], tmp_path, resources)
    assert not result.errors
    assert len(result.records) >= 2
    assert code not in codes(result)


def test_status_confidence_is_certain_only_for_explicit_boxes(tmp_path, resources):
    assert all(r.status_confidence == 1.0 for r in run(Bundle(), tmp_path, resources).records)
    doubted = run(Bundle(explicit_boxes=False, counts={"completed": "2", "in_progress": "1"}), tmp_path, resources)
    assert all(r.status_confidence < 0.8 and "STATUS_AMBIGUOUS" in r.flags for r in doubted.records)
    # Counted ticks whose counts the summary states exactly: confirmed, not certain.
    confirmed = run(Bundle(explicit_boxes=False), tmp_path, resources)
    assert all(r.status_confidence == 0.99 and not r.flags for r in confirmed.records)


def test_row_flags_are_listed_on_the_row(tmp_path, resources):
    result = run(CASES[FlagCode.DIMENSION_INVALID][0], tmp_path, resources)
    (bad,) = [r for r in result.records if r.seq == 1]
    assert bad.flags == "DIMENSION_INVALID" and bad.dimension is None


def test_a_report_under_no_title_keeps_its_rows_and_says_whose_they_are_taken_to_be(tmp_path, resources):
    result = run(Bundle(title=False), tmp_path, resources)
    assert len(result.records) == 3
    assert {r.organization for r in result.records} == {"เทศบาลตำบลบ้านนา"}
    (flag,) = [f for f in result.flags if f.code == FlagCode.TITLE_UNREAD]
    assert "เทศบาลตำบลบ้านนา" in flag.message and flag.page == result.records[0].page


def test_a_row_read_empty_without_certainty_is_ambiguous_not_missing(tmp_path, resources):
    """Without printed boxes a blank status cell cannot vouch that no tick was there: the row
    is a doubt about the reading (STATUS_AMBIGUOUS), not a missing tick (STATUS_MISSING)."""
    result = run(Bundle(explicit_boxes=False, rows=rows(Row("1", ticks=()), Row("2"))), tmp_path, resources)
    by_code = {(f.code, f.seq) for f in result.flags}
    assert (FlagCode.STATUS_AMBIGUOUS, 1) in by_code
    assert not any(code == FlagCode.STATUS_MISSING for code, _ in by_code)
    assert result.records[0].status == "empty" and result.records[0].status_confidence < 0.8
