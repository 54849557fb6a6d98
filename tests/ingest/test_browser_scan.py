"""A browser-printed report, scanned, through the whole pipeline and the real Tesseract: a layout
that read worst before (a name column a sixth of the table wide, every header label wrapped over
two or three lines, Noto Sans Thai at 9 pt, a thin '/' for each tick) reads right or flagged.
The code before issue #12 read none of this bundle's eleven rows."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import replace

import pytest

from saraban.ingest.config import IngestConfig
from saraban.ingest.pipeline import process_file
from synth import SynthConfig, truth_path
from synth.render_report import COLUMNS

pytestmark = pytest.mark.ocr

NARROW_LABELS = {
    "seq": ("ลำ", "ดับ"), "project_name": ("รายการ", "โครงการ", "(ตั้งต้น)"), "dimension": ("มิติ",),
    "budget": ("งบประมาณ", "(บาท)"), "disbursed": ("เบิกจ่าย", "(บาท)"),
    "awaiting_report": ("รอ", "รายงาน"), "in_progress": ("อยู่", "ระหว่าง", "ดำเนินการ"),
    "completed": ("ดำเนิน", "การแล้ว", "เสร็จ"), "unable_to_proceed": ("ไม่สามารถ", "ดำเนิน", "การได้"),
    "remarks": ("หมายเหตุ",),
}


@pytest.fixture(scope="module")
def narrow_scan(tmp_path_factory, monkeypatch_module):
    if shutil.which("chromium") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium must be installed in CI (make test installs it)")
        pytest.skip("needs chromium (make test installs it)")
    from synth.browser import bundle as browser_bundle

    chosen = browser_bundle.browser_style

    def narrow(seed, bundle, config):
        style = chosen(seed, bundle, config)
        shares = dict(zip(COLUMNS, style.column_shares))
        rest = (1 - 0.16) / sum(v for k, v in shares.items() if k != "project_name")
        columns = tuple(0.16 if k == "project_name" else v * rest for k, v in shares.items())
        return replace(style, column_shares=columns, header_labels=tuple(NARROW_LABELS[k] for k in COLUMNS),
                       tick_style="slash", other_tick_rows=(), font_family="Noto Sans Thai",
                       font_source="noto", font_is_tlwg=False, font_size_pt=9.0, rows_may_split=False)

    monkeypatch_module.setattr(browser_bundle, "browser_style", narrow)
    paths = browser_bundle.generate_browser_bundle(
        41, tmp_path_factory.mktemp("narrow"), SynthConfig(dpi=200, row_count=(10, 12)))
    return paths.scan


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_a_narrow_layout_with_pen_ticks_is_read_right_or_flagged(narrow_scan, resources):
    truth = json.loads(truth_path(narrow_scan).read_text(encoding="utf-8"))["report"]["rows"]
    result = process_file(narrow_scan, narrow_scan.name, IngestConfig(), resources)
    records = result.records
    assert len(records) == len(truth)
    for want, got in zip(truth, records):
        flagged = bool(got.flags)
        assert got.seq == want["seq"] or flagged, (want["seq"], got)
        assert str(got.budget_baht) == want["budget"] or flagged, (want["seq"], got)
        ticked = want["status"] in ("awaiting_report", "in_progress", "completed", "unable_to_proceed")
        # A row with a tick is never read as certainly empty.
        assert not (ticked and got.status == "empty" and got.status_confidence >= 0.95), (want["seq"], got)
        assert got.status == want["status"] or flagged, (want["seq"], got)
    right = sum(got.status == want["status"] for want, got in zip(truth, records))
    assert right >= len(truth) - 1
