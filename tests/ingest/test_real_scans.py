"""The real scanned government PDFs in ../shared/corpus/real-scans through the whole pipeline.

Present beside the clone in CI (never committed): skipped elsewhere, failing in CI if absent.
"""

from __future__ import annotations

import pytest

from saraban.ingest.config import IngestConfig
from saraban.ingest.pipeline import process_file
from tests.conftest import shared_path

pytestmark = [pytest.mark.ocr, pytest.mark.shared]


@pytest.fixture(scope="module")
def o20_1(resources):
    path = shared_path("corpus/real-scans/scan_memo_o20-1.pdf")
    return process_file(path, path.name, IngestConfig(), resources)


def test_canon_memo_and_its_announcement(o20_1):
    assert not o20_1.errors
    memo = next(d for d in o20_1.documents if d.kind == "memo")
    assert memo.date == "2024-10-22"  # ๒๒ ตุลาคม ๒๕๖๗, Thai digits
    assert memo.subject.startswith("ขออนุมัติประกาศเผยแพร่แผนการจัด")
    assert memo.addressee == "ผู้อำนวยการวิทยาลัยเทคนิคกันทรลักษ์"
    assert memo.doc_number.startswith("0005/")
    # ๐๐๐๕/๒๕๖๘: the ๕, the slash and the ๒ are one blob of ink in this scan, the glyph
    # re-reader cannot confirm Tesseract's digits, and the number says so instead of passing as sure.
    assert [(f.code, f.document_id) for f in o20_1.flags if f.found == memo.doc_number_raw] == [
        ("LOW_CONFIDENCE", memo.document_id)]
    announcement = next(d for d in o20_1.documents if d.kind == "announcement")
    assert announcement.subject.startswith("เผยแพร่แผนการจัด")


@pytest.mark.parametrize(
    "name", ["scan_memo_o20-2.pdf", "scan_memo_o11_annual_report.pdf"]
)
def test_other_real_scans_go_through_without_error_rows(name, resources):
    path = shared_path(f"corpus/real-scans/{name}")
    result = process_file(path, path.name, IngestConfig(), resources)
    assert not result.errors
    kinds = [d.kind for d in result.documents]
    if name == "scan_memo_o20-2.pdf":
        (announcement,) = [d for d in result.documents if d.kind == "announcement"]
        assert announcement.subject.startswith("ประกาศผ")  # ประกาศผู้ชนะการเสนอราคา …
    else:
        assert "memo" in kinds  # photo pages stay inside or beside it, never an error
        # The day is handwritten (๒๐) and reads 70: a misreading, not a date that does not exist.
        memo = next(d for d in result.documents if d.kind == "memo")
        assert [f.code for f in result.flags if f.found == memo.date_raw] == ["DATE_UNREADABLE"]
