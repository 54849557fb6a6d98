"""A generated scanned bundle through the real pipeline and the real Tesseract.

The bundle (seed 3: a memo, then a report table over two pages, ✓ glyph ticks, 200 dpi with
scan damage, one row without a tick and one with two) is made at test time with known truth.
"""

from __future__ import annotations

import json

import pytest

from saraban.ingest.config import IngestConfig
from saraban.ingest.pipeline import FileResult, process_file
from synth import SynthConfig, generate_bundle, truth_path

pytestmark = pytest.mark.ocr


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory, resources) -> tuple[FileResult, dict]:
    folder = tmp_path_factory.mktemp("scan")
    config = SynthConfig(dpi=200, row_count=(12, 16), inject={"STATUS_MISSING", "STATUS_MULTIPLE"})
    pdf = generate_bundle(3, folder, config)
    truth = json.loads(truth_path(pdf).read_text(encoding="utf-8"))
    assert [p["kind"] for p in truth["pages"]].count("report") >= 2, "the table must span pages"
    return process_file(pdf, pdf.name, IngestConfig(), resources), truth


def test_every_row_is_found_once_across_pages(scanned):
    result, truth = scanned
    assert not result.errors
    assert [r.seq for r in result.records] == [r["seq"] for r in truth["report"]["rows"]]
    assert len(result.reports) == 1  # the table continued on the next page is one report
    assert {r.page for r in result.records} == {r["page"] for r in truth["report"]["rows"]}


def test_money_dimension_and_names(scanned):
    result, truth = scanned
    rows = truth["report"]["rows"]
    assert [str(r.budget_baht) for r in result.records] == [r["budget"] for r in rows]
    assert [str(r.disbursed_baht) for r in result.records] == [r["disbursed"] for r in rows]
    assert [r.dimension for r in result.records] == [r["dimension"] for r in rows]
    from rapidfuzz.distance import Levenshtein

    from saraban.normalize.text import clean_text

    distance = sum(
        Levenshtein.distance(clean_text(got.project_name).replace(" ", ""), clean_text(want["project_name"]).replace(" ", ""))
        for got, want in zip(result.records, rows)
    )
    assert distance / sum(len(r["project_name"]) for r in rows) < 0.03


def test_ticks_read_by_ink_including_an_empty_and_a_double_row(scanned):
    result, truth = scanned
    flags = {(f.code, f.seq) for f in result.flags}
    for got, want in zip(result.records, truth["report"]["rows"]):
        if want["status"] in ("empty", "multiple"):
            assert got.status == "empty"
            code = "STATUS_MISSING" if want["status"] == "empty" else "STATUS_MULTIPLE"
            assert (code, got.seq) in flags
        else:
            assert got.status == want["status"], got.seq
            assert got.status_confidence > 0.5
    assert len([r for r in result.records if r.bbox]) == len(result.records)


def test_memo_header_read_from_the_scan(scanned):
    result, truth = scanned
    memo = next(d for d in result.documents if d.kind == "memo")
    assert memo.doc_number == truth["memo"]["doc_number"]
    assert memo.date == truth["memo"]["date"]
    assert memo.addressee == truth["memo"]["addressee"]


def test_each_document_names_the_frame_its_boxes_are_in(scanned):
    result, _ = scanned
    frames = {}
    for document in result.documents:
        pages = json.loads(document.pages)
        assert [p["page"] for p in pages] == list(range(document.first_page, document.last_page + 1))
        frames.update((p["page"], p) for p in pages)
    dpi = IngestConfig().ocr.dpi  # a PDF page is rendered at the reading dpi, whatever it was scanned at
    for frame in frames.values():
        assert frame["source"] == "ocr" and frame["dpi"] == dpi and frame["rotation"] == 0
        assert abs(frame["width"] - 8.27 * dpi) < 10 and abs(frame["height"] - 11.69 * dpi) < 10  # A4
        assert isinstance(frame["skew_degrees"], float)
    for record in result.records:  # every row box lies on its page, in that page's pixels
        x0, top, x1, bottom = json.loads(record.bbox)
        frame = frames[record.page]
        assert 0 <= x0 < x1 <= frame["width"] and 0 <= top < bottom <= frame["height"]
