"""`saraban ingest --debug DIR`: one overlay per page read from a scan or a PDF (what the reader
saw: its frame, lines, table grid, column roles, ink in status cells), none for OCR text, and
every file read again for it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from saraban.ingest.cli import main
from saraban.ingest.review.debug import banner_text
from saraban.parsers.model import Page, PageSource

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"


@pytest.mark.ocr
def test_each_scanned_page_gets_an_overlay_in_its_frame(tmp_path):
    inbox, out, debug = tmp_path / "inbox", tmp_path / "out", tmp_path / "debug"
    inbox.mkdir()
    (inbox / "scan.pdf").write_bytes((SAMPLES / "scanned-sample-000022.pdf").read_bytes())
    (inbox / "text.txt").write_text((SAMPLES / "sateng-nok-fy2565-bundle.ocr.txt").read_text(encoding="utf-8"),
                                    encoding="utf-8")
    assert main(["ingest", str(inbox), "--out", str(out), "--jobs", "1", "--debug", str(debug)]) == 0
    frames = {f["page"]: f for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()
              for f in json.loads(json.loads(line)["pages"]) if f["source"] == "ocr"}
    drawn = sorted(debug.glob("*.png"))
    assert [p.name.split("-p")[-1] for p in drawn] == [f"{n}.png" for n in sorted(frames)]
    assert all(p.name.startswith("scan-") for p in drawn)  # none for the OCR text
    for path in drawn:
        with Image.open(path) as image:
            frame = frames[int(path.stem.rsplit("-p", 1)[1])]
            assert image.size == (round(frame["width"]), round(frame["height"]))
    for path in drawn:
        path.unlink()
    assert main(["ingest", str(inbox), "--out", str(out), "--jobs", "1", "--debug", str(debug)]) == 0
    assert len(list(debug.glob("*.png"))) == len(drawn)  # read again for the overlays, not kept


def test_debug_into_a_file_is_one_usage_line(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    assert main(["ingest", str(tmp_path / "a.txt"), "--out", str(tmp_path / "o"), "--debug", str(tmp_path / "a.txt")]) == 2
    assert "is a file, not a folder" in capsys.readouterr().err


def test_the_banner_says_how_the_page_was_read():
    scan = Page(2, (), PageSource.OCR, 2480, 3508, 300, rotation=90, skew_degrees=-1.25)
    assert banner_text(scan, is_pdf=True) == ("page 2 · OCR: the PDF page has no usable text layer · 300 dpi · "
                                              "turned 90° clockwise, deskewed -1.25° · 0 table(s)")
    layer = Page(1, (), PageSource.PDF_TEXT, 595, 842, 72)
    assert "own text layer" in banner_text(layer, is_pdf=True) and "not turned" in banner_text(layer, is_pdf=True)
