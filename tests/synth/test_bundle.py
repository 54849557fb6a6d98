"""Rendered bundles: reproducible bytes, image-only PDFs, truth that points at the right pixels."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pdfplumber
import pypdfium2 as pdfium
import pytest

from synth import InjectionCode, SynthConfig, generate_bundle, truth_path
from synth.__main__ import main
from synth.content import STATUSES
from synth.damage import _rotate_quarter, _rotate_small, transform_box

# Low dpi and few rows keep the suite fast; the drawing code paths are the same.
FAST = SynthConfig(dpi=100, row_count=(15, 22))
CLEAN_FAST = SynthConfig(dpi=100, row_count=(15, 22), clean=True,
                         inject={InjectionCode.STATUS_MISSING, InjectionCode.STATUS_MULTIPLE})


@pytest.fixture(scope="module")
def damaged(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    pdf = generate_bundle(4, tmp_path_factory.mktemp("damaged"), FAST)
    return pdf, json.loads(truth_path(pdf).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    pdf = generate_bundle(10, tmp_path_factory.mktemp("clean"), CLEAN_FAST)
    return pdf, json.loads(truth_path(pdf).read_text(encoding="utf-8"))


def test_same_seed_same_bytes(tmp_path: Path, damaged: tuple[Path, dict]) -> None:
    again = generate_bundle(4, tmp_path, FAST)
    assert again.read_bytes() == damaged[0].read_bytes()
    assert truth_path(again).read_bytes() == truth_path(damaged[0]).read_bytes()
    other = generate_bundle(5, tmp_path, FAST)
    assert other.read_bytes() != again.read_bytes()


@pytest.mark.parametrize("which", ["damaged", "clean"])
def test_pdf_is_image_only_with_one_page_per_truth_page(which: str, request: pytest.FixtureRequest) -> None:
    pdf_path, truth = request.getfixturevalue(which)
    with pdfplumber.open(pdf_path) as pdf:
        assert len(pdf.pages) == len(truth["pages"]) >= 2
        for page in pdf.pages:
            assert page.chars == [] and page.extract_text() == ""
            assert len(page.images) == 1
    assert truth["pages"][0]["kind"] == "memo"
    assert {p["kind"] for p in truth["pages"][1:]} == {"report"}


def test_page_geometry_matches_truth(damaged: tuple[Path, dict]) -> None:
    pdf_path, truth = damaged
    document = pdfium.PdfDocument(str(pdf_path))
    for page, info in zip(document, truth["pages"]):
        width_pt, height_pt = page.get_size()
        assert round(width_pt * info["dpi"] / 72) == info["width"]
        assert round(height_pt * info["dpi"] / 72) == info["height"]
        assert abs(info["rotation_deg"]) <= 2.0
        assert 50 <= info["jpeg_quality"] <= 85
        assert info["orientation"] == ("landscape" if info["width"] > info["height"] else "portrait")


def test_rows_are_placed_in_order_inside_their_pages(damaged: tuple[Path, dict]) -> None:
    truth = damaged[1]
    rows = truth["report"]["rows"]
    pages = {p["page"]: p for p in truth["pages"]}
    assert [r["page"] for r in rows] == sorted(r["page"] for r in rows)
    for row in rows:
        page = pages[row["page"]]
        x0, top, x1, bottom = row["bbox"]
        assert page["kind"] == "report" and 0 <= x0 < x1 <= page["width"] and 0 <= top < bottom <= page["height"]
        assert set(row["cells"]) >= {"seq", "project_name", *STATUSES}
    for earlier, later in zip(rows, rows[1:]):
        if earlier["page"] == later["page"]:
            assert earlier["bbox_upright"][3] == later["bbox_upright"][1]  # rows share a rule
    assert isinstance(rows[0]["budget"], str) and isinstance(truth["report"]["stated"]["disbursed"], str)


def _ink(image: np.ndarray, box: list[int]) -> int:
    """Dark pixels inside a cell, clear of its grid lines."""
    x0, top, x1, bottom = box
    dx, dy = (x1 - x0) // 6, (bottom - top) // 6
    return int((image[top + dy:bottom - dy, x0 + dx:x1 - dx] < 128).sum())


def test_ticks_are_where_truth_says(clean: tuple[Path, dict]) -> None:
    pdf_path, truth = clean
    document = pdfium.PdfDocument(str(pdf_path))
    dpi = truth["pages"][0]["dpi"]
    images = {}
    statuses = set()
    for row in truth["report"]["rows"]:
        if row["page"] not in images:
            images[row["page"]] = np.asarray(document[row["page"] - 1].render(scale=dpi / 72).to_pil().convert("L"))
        inks = {s: _ink(images[row["page"]], row["cells"][s]) for s in STATUSES}
        floor = min(inks.values())
        # Clean pages have no noise: any ink beyond the emptiest cell (an empty ☐) is a mark.
        marked = [s for s in STATUSES if inks[s] - floor > 3]
        assert marked == row["ticks"], (row["seq"], row["tick_style"], inks)
        statuses.add(row["status"])
    assert {"empty", "multiple"} <= statuses


def test_clean_pages_are_not_rotated(clean: tuple[Path, dict]) -> None:
    truth = clean[1]
    assert all(p["rotation_deg"] == 0 and p["jpeg_quality"] is None for p in truth["pages"])
    assert all(r["bbox"] == r["bbox_upright"] for r in truth["report"]["rows"])
    assert sorted(i["code"] for i in truth["injected"]) == ["STATUS_MISSING", "STATUS_MULTIPLE"]


@pytest.mark.parametrize("turns", [1, 3])
def test_box_transform_follows_the_pixels(turns: int) -> None:
    page = np.full((300, 200, 3), 255, np.uint8)
    box = (40, 60, 90, 100)
    page[box[1]:box[3], box[0]:box[2]] = 0
    skewed, small = _rotate_small(page, 1.5, (255.0, 255.0, 255.0))
    turned, quarter = _rotate_quarter(skewed, turns)
    mapped = transform_box(box, quarter @ small, (turned.shape[1], turned.shape[0]))
    ys, xs = np.nonzero(turned[:, :, 0] < 128)
    assert mapped[0] - 2 <= xs.min() and xs.max() <= mapped[2] + 2
    assert mapped[1] - 2 <= ys.min() and ys.max() <= mapped[3] + 2


def test_cli_writes_bundles(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--seed", "3", "--count", "2", "--out", str(tmp_path), "--dpi", "100", "--clean",
                 "--inject", "seq_gap,DATE_INVALID"])
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "synth-000003.pdf", "synth-000003.truth.json", "synth-000004.pdf", "synth-000004.truth.json"]
    truth = json.loads((tmp_path / "synth-000003.truth.json").read_text(encoding="utf-8"))
    assert {i["code"] for i in truth["injected"]} == {"SEQ_GAP", "DATE_INVALID"}
    assert truth["memo"]["date"] is None
    with pytest.raises(SystemExit):
        main(["--out", str(tmp_path), "--inject", "NOPE"])
