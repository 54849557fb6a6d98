"""`saraban review` without a browser: the items gathered from an output folder, the page's
HTML (escaped, offline), crops cut in the reader's frame (a page fed in sideways), and a folder
that is no output folder refused in one line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
from PIL import Image

from saraban.ingest.cli import main
from saraban.ingest.review.crops import write_crops
from saraban.ingest.review.gather import Item, Place
from saraban.ingest.review.page import items_html
from tests.ingest.report_text import Bundle, Row


def test_every_flag_is_an_item_and_the_page_is_offline_and_escaped(tmp_path, capsys):
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    bundle = Bundle(rows=[Row("1"), Row("2", ticks=()), Row("3")], counts={"completed": "3"})
    (inbox / "r.txt").write_text(bundle.text(), encoding="utf-8")
    assert main(["ingest", str(inbox), "--out", str(out), "--jobs", "1"]) == 0
    flags = [json.loads(line) for line in (out / "flags.jsonl").read_text(encoding="utf-8").splitlines()]
    capsys.readouterr()
    assert main(["review", str(out)]) == 0
    assert f"items to review: {len(flags)} (0 with a picture)" in capsys.readouterr().out  # text input: no image
    html = (out / "review" / "index.html").read_text(encoding="utf-8")
    assert html.count('<article class="item') == len(flags)
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)  # nothing from the network
    assert "<svg" in html and "STATUS_MISSING (1)" in html and "SUMMARY_COUNT_MISMATCH" in html
    sha = json.loads((out / "records.jsonl").read_text(encoding="utf-8").splitlines()[0])["source_sha256"]
    assert f'data-sha="{sha}"' in html and 'data-seq="2"' in html


def test_a_folder_that_is_no_output_folder_is_one_usage_line(tmp_path, capsys):
    assert main(["review", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a saraban output folder" in err
    assert main(["review", str(tmp_path / "none")]) == 2


def test_a_crop_is_cut_where_the_reader_saw_the_row_on_a_page_fed_in_sideways(tmp_path):
    # The frame (upright, as read) has a black bar where the row is; the file holds the page
    # turned a quarter counterclockwise, as a sheet fed in sideways, which the reader turned
    # 90° clockwise (documents.pages rotation 90).
    width, height, box = 600, 800, (100, 300, 500, 340)
    upright = np.full((height, width), 255, np.uint8)
    upright[box[1]:box[3], box[0]:box[2]] = 0
    stored = np.rot90(upright, k=1)
    path = tmp_path / "scan.png"
    Image.fromarray(stored).save(path)
    frame = {"page": 1, "source": "ocr", "width": width, "height": height, "dpi": 100, "rotation": 90,
             "skew_degrees": 0.0}
    item = Item("f0", str(path), "a" * 64, "a" * 12 + "-01", "report", "", "LOW_CONFIDENCE", "warning", "m", "", "",
                "budget_baht", 1, "", (), (), Place(str(path), 1, frame, box))
    written = write_crops([item], tmp_path / "crops")
    assert written == {"f0": "crops/f0.webp"}
    crop = np.asarray(Image.open(tmp_path / "crops" / "f0.webp").convert("L"))
    margin = 25  # MARGIN_INCH at 100 dpi
    inside = crop[margin + 5: margin + 35, margin + 10: margin + 390]
    assert inside.mean() < 60  # the row's bar, not the white page around it
    assert crop.shape == (40 + 2 * margin, 400 + 2 * margin)


def test_values_are_escaped_in_the_page():
    hostile = '<script>alert("x")</script>'
    item = Item("f0", "/a/<b>.pdf", "a" * 64, "a" * 12 + "-01", "report", hostile, "LOW_CONFIDENCE", "warning",
                hostile, hostile, hostile, "project_name", 1, hostile, (("project_name", "text"),),
                (("project_name", hostile),), None)
    html = items_html([item], {})
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'data-value="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"' in html
