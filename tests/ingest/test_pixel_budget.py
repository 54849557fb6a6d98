"""The pixel budget (ingest/extract/budget.py): a page is judged from its page box or image
header before a pixel is drawn, and a multi-page TIFF is decoded one frame at a time."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from PIL import Image

from saraban.ingest.cli import main
from saraban.ingest.extract.budget import MAX_PAGE_PIXELS, fitted_dpi
from saraban.ingest.extract.pdf import extract_pdf
from saraban.ingest.ocr.engine import OcrSettings
from tests.conftest import ROOT, SEED_BUNDLE


def blank_pdf(width_points: int, height_points: int) -> bytes:
    """A one-page PDF with nothing on the page: a few hundred bytes, whatever the page size."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width_points} {height_points}] >>".encode()]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    return out + f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()


def rows(out: Path, table: str) -> list[dict[str, str]]:
    with (out / f"{table}.csv").open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


def test_the_dpi_is_lowered_to_fit_and_refused_below_the_minimum():
    assert fitted_dpi(595, 842, 300) == 300  # A4
    assert fitted_dpi(2384, 3370, 300) == 152  # A0
    assert 2384 / 72 * 152 * 3370 / 72 * 152 <= MAX_PAGE_PIXELS
    assert fitted_dpi(14400, 14400, 300) is None  # 200×200 inches: not even at 100 dpi


def test_a_giant_pdf_page_and_a_giant_image_are_errors_rows_and_the_batch_goes_on(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "giant.pdf").write_bytes(blank_pdf(14400, 14400))  # 200×200 inches: 16.9 GiB before
    Image.new("L", (13000, 13000), 255).save(inbox / "giant.png")  # 3.0 GB before
    shutil.copy(SEED_BUNDLE, inbox / "good.txt")
    out = tmp_path / "out"
    with warnings.catch_warnings(record=True) as warned:
        warnings.simplefilter("always")
        assert main(["ingest", str(inbox), "--out", str(out), "--jobs", "1"]) == 1
    # The user sees the errors row, not Pillow's decompression-bomb warning on stderr.
    assert not [w for w in warned if issubclass(w.category, Image.DecompressionBombWarning)]
    errors = {Path(e["source_file"]).name: e for e in rows(out, "errors")}
    assert {name: e["error_code"] for name, e in errors.items()} == {
        "giant.pdf": "page_too_large", "giant.png": "page_too_large"}
    assert "200×200 inches" in errors["giant.pdf"]["message"]
    assert "13000×13000 pixels" in errors["giant.png"]["message"]
    assert len(rows(out, "records")) == 65


@pytest.mark.ocr
def test_an_a0_page_is_read_at_the_dpi_that_fits(tmp_path):
    path = tmp_path / "a0.pdf"
    path.write_bytes(blank_pdf(2384, 3370))
    [page] = extract_pdf(path, OcrSettings())
    assert page.dpi == 152
    assert page.width * page.height <= MAX_PAGE_PIXELS


def test_a_multi_page_tiff_is_decoded_one_frame_at_a_time(tmp_path):
    path = tmp_path / "blank.tif"
    frames = [Image.new("1", (2480, 3508), 1) for _ in range(60)]  # A4 at 300 dpi: 8.7 MB each decoded
    frames[0].save(path, save_all=True, append_images=frames[1:], compression="group4")
    del frames
    # Peak memory of a fresh process walking the frames, each dropped before the next (VmHWM,
    # not ru_maxrss: that one keeps the parent's peak across fork and exec).
    walk = (
        "import re, sys\n"
        "from pathlib import Path\n"
        "from saraban.ingest.extract.image import _image_frames\n"
        "def peak(): return int(re.search(r'VmHWM:\\s+(\\d+)', Path('/proc/self/status').read_text())[1])\n"
        "before = peak()\n"
        "count = sum(1 for _ in _image_frames(Path(sys.argv[1]), 300))\n"
        "print(count, (peak() - before) // 1024)\n"
    )
    done = subprocess.run([sys.executable, "-c", walk, str(path)], capture_output=True, text=True,
                          cwd=ROOT, check=True)
    count, grown_mb = map(int, done.stdout.split())
    assert count == 60
    assert grown_mb < 100, f"{grown_mb} MB for 60 frames of 8.7 MB: all decoded at once"
