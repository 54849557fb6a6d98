"""The batch runner's OCR engine: one per process, and a clear error row per scanned file when
Tesseract cannot be used."""

from __future__ import annotations

import json

from saraban.ingest.config import IngestConfig
from saraban.ingest.ocr.engine import OcrSettings, TesseractEngine
from saraban.ingest.runner import run, shared_engine
from tests.conftest import ROOT, SEED_BUNDLE

SCANNED = ROOT / "data" / "samples" / "scanned-sample-000021.pdf"


def test_one_engine_is_shared_only_when_tesseract_can_be_used():
    assert isinstance(shared_engine(OcrSettings()), TesseractEngine)
    assert shared_engine(OcrSettings(lang="tha+deu")) is None  # no German model installed


def test_without_a_usable_tesseract_a_scanned_file_is_an_error_row_and_the_batch_goes_on(tmp_path):
    summary = run([SCANNED, SEED_BUNDLE], tmp_path, IngestConfig(jobs=1, ocr=OcrSettings(lang="tha+deu")))
    errors = [json.loads(line) for line in (tmp_path / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(e["source_file"], e["error_code"]) for e in errors] == [(str(SCANNED), "missing_dependency")]
    assert "deu" in errors[0]["message"]
    assert summary.records == 65  # the seed bundle's rows, read from its OCR text
