"""The in-process Tesseract (tesserocr) and the command line give the same words and turns."""

from __future__ import annotations

from pathlib import Path

import pytest

from saraban.ingest.ocr.engine import OcrSettings, TesseractEngine
from saraban.ingest.ocr.tesseract_api import find_tessdata, parse_tsv
from tests.extract.synthetic import memo_page

TSV = (
    "1\t1\t0\t0\t0\t0\t0\t0\t800\t600\t-1\t\n"
    "5\t1\t1\t1\t1\t1\t10\t20\t30\t40\t96.5\tที่\n"
    "5\t1\t1\t1\t1\t2\t50\t20\t60\t40\t88\tยล\n"
)


def test_tsv_is_read_into_pytesseract_columns() -> None:
    data = parse_tsv(TSV)
    assert data["level"] == [1, 5, 5]
    assert data["text"] == ["", "ที่", "ยล"]
    assert data["conf"] == [-1.0, 96.5, 88.0]
    assert data["left"][2] == 50 and data["word_num"][2] == 2


def test_explicit_and_environment_tessdata_win(monkeypatch, tmp_path: Path) -> None:
    assert find_tessdata(tmp_path) == tmp_path
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path / "env"))
    assert find_tessdata(None) == tmp_path / "env"


def test_missing_model_is_a_plain_message(tmp_path: Path) -> None:
    engine = TesseractEngine(OcrSettings(backend="api", tessdata_dir=tmp_path))
    problem = engine.available()
    assert problem is not None and "tha" in problem and "apt-get install" in problem


def test_unknown_backend_is_refused() -> None:
    with pytest.raises(ValueError, match="backend"):
        OcrSettings(backend="gpu")


@pytest.mark.ocr
def test_backends_read_a_memo_page_alike() -> None:
    page = memo_page(dpi=200)
    texts = {}
    for backend in ("api", "cli"):
        engine = TesseractEngine(OcrSettings(backend=backend))
        assert engine.available() is None
        texts[backend] = [w.text for w in engine.image_to_data(page, dpi=200)]
        engine_turns = [engine.orientation(page.rotate(-turn, expand=True), dpi=200) for turn in (0, 90)]
        assert [o.rotate for o in engine_turns if o] == [0, 270]
    assert texts["api"] == texts["cli"]
    read = "".join(texts["api"])
    assert "สะเตงนอก" in read and "ยล๕๒๕๐๑/๑๖๖" in read
