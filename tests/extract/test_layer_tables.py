"""Born-digital report tables read from the PDF's own text layer (ingest/extract/layer_tables.py):
a page Chromium printed, in TH Sarabun New (whose text layer carries private-use glyph codes),
with ticks as a glyph, a vector path, an image and printed boxes — no OCR anywhere."""

from __future__ import annotations

import base64
import io
import os
import shutil
import sysconfig
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from saraban.ingest.config import IngestConfig
from saraban.ingest.extract.pdf import extract_pdf
from saraban.ingest.pipeline import process_file
from saraban.parsers.model import PageSource, Table

SARABUN = Path(sysconfig.get_paths()["purelib"]) / "odoo/addons/l10n_th_base_utils/static/fonts/thai/THSarabunNew"
SVG_TICK = '<svg width="14" height="14"><path d="M2 8 L6 12 L12 2" stroke="black" fill="none" stroke-width="1.6"/></svg>'
NAMES = (
    "โครงการส่งเสริมคุณธรรมจริยธรรมแก่ผู้บริหาร สมาชิกสภา และพนักงานเทศบาล ประจำปี ๒๕๖๕",
    "โครงการป้องกันการทุจริตในการจัดซื้อจัดจ้าง น้ำดื่ม ผู้ใหญ่บ้านและกำนัน",
    "มาตรการตรวจสอบการใช้ดุลยพินิจของเจ้าหน้าที่",
    "กิจกรรมเผยแพร่ข้อมูลข่าวสารด้านการเงินการคลังให้ประชาชนทราบ",
    "โครงการอบรมให้ความรู้ด้านระเบียบกฎหมายแก่บุคลากร",
)


def png_tick() -> str:
    image = Image.new("RGB", (24, 24), "white")
    ImageDraw.Draw(image).line([(3, 13), (9, 20), (21, 3)], fill="black", width=3)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def report_html() -> str:
    # One mark per row, each a different kind; the fourth row prints ☐ in every cell, ☑ in one.
    marks = [
        {6: "✓"},
        {5: SVG_TICK},
        {7: f'<img src="{png_tick()}" width="12" height="12">'},
        {5: "☐", 6: "☐", 7: "☐", 8: "☑"},
        {6: "x"},
    ]
    rows = []
    for i, (name, mark) in enumerate(zip(NAMES, marks), start=1):
        status = "".join(f"<td>{mark.get(col, '')}</td>" for col in range(5, 9))
        rows.append(f"<tr><td>{i}</td><td>{name}</td><td>{(i % 4) + 1}</td>"
                    f"<td>{i * 12500:,}.00</td><td>{i * 1000:,}.50</td>{status}<td></td></tr>")
    return f"""<!doctype html><html lang="th"><head><meta charset="utf-8"><style>
@font-face {{ font-family: "Sarabun"; src: url("{(SARABUN / 'THSarabunNew-Regular.ttf').as_uri()}"); }}
@font-face {{ font-family: "Sarabun"; font-weight: bold; src: url("{(SARABUN / 'THSarabunNew-Bold.ttf').as_uri()}"); }}
@page {{ size: A4 landscape; margin: 1.5cm; }}
body {{ font-family: "Sarabun", "DejaVu Sans"; font-size: 15pt; }}
table {{ border-collapse: collapse; width: 100%; }} td, th {{ border: 1px solid #222; padding: 2px 4px; }}
td:nth-child(n+4):nth-child(-n+5) {{ white-space: nowrap; text-align: right; }}
</style></head><body>
<p>รายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต ของเทศบาลตำบลบ้านนา พ.ศ. ๒๕๖๕ รอบ ๑๒ เดือน</p>
<table><thead>
<tr><th rowspan="2">ลำดับ</th><th rowspan="2" style="width:18%">รายการโครงการ (ตั้งต้น)</th><th rowspan="2">มิติ</th>
<th rowspan="2">งบประมาณ<br>(บาท)</th><th rowspan="2">เบิกจ่าย<br>(บาท)</th><th colspan="4">สถานะ</th><th rowspan="2">หมายเหตุ</th></tr>
<tr><th>รอ<br>รายงาน</th><th>อยู่<br>ระหว่าง<br>ดำเนินการ</th><th>ดำเนินการ<br>แล้วเสร็จ</th><th>ไม่สามารถ<br>ดำเนิน<br>การได้</th></tr>
</thead><tbody>{''.join(rows)}</tbody></table>
<p>สรุปผลการขับเคลื่อนแผนฯ</p>
<p>- แผนปฏิบัติการป้องกันการทุจริต มีโครงการ/กิจกรรม/มาตรการ จำนวน 5 โครงการ</p>
</body></html>"""


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> Path:
    if shutil.which("chromium") is None or not SARABUN.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail("chromium and the SIPA fonts must be installed in CI (make test installs them)")
        pytest.skip("needs chromium and the SIPA fonts (make test installs them)")
    from synth.browser.chromium import print_to_pdf

    folder = tmp_path_factory.mktemp("layer")
    html = folder / "report.html"
    html.write_text(report_html(), encoding="utf-8")
    pdf = folder / "report.pdf"
    print_to_pdf(html, pdf, header_footer=False)
    return pdf


def test_a_printed_table_is_read_from_its_text_layer(printed):
    pages = extract_pdf(printed)
    assert all(p.source is PageSource.PDF_TEXT for p in pages)
    page = pages[0]
    (table,) = [b for b in page.blocks if isinstance(b, Table)]
    body = [row for row in table.rows if row[0].text.isdigit()]
    assert [row[0].text for row in body] == ["1", "2", "3", "4", "5"]
    # Exactly the printed text: the font's private-use glyph codes are mapped back.
    names = [next(c for c in row if c.col == 1).text for row in body]
    assert "ป้องกัน" in names[1] and "ผู้ใหญ่" in names[1] and "\uf70b" not in "".join(names)


def test_every_kind_of_tick_in_the_layer_is_read(printed, resources):
    result = process_file(printed, "report.pdf", IngestConfig(), resources)
    assert not result.errors
    records = sorted(result.records, key=lambda r: r.seq)
    assert [r.status for r in records] == ["in_progress", "awaiting_report", "completed",
                                           "unable_to_proceed", "in_progress"]
    assert all(r.status_confidence == 1.0 for r in records)
    assert [r.budget_baht for r in records][:2] == [12500, 25000]
    assert [str(r.disbursed_baht) for r in records][:2] == ["1000.50", "2000.50"]
    assert [r.dimension for r in records] == [2, 3, 4, 1, 2]
    assert records[1].project_name == "โครงการป้องกันการทุจริตในการจัดซื้อจัดจ้าง น้ำดื่ม ผู้ใหญ่บ้านและกำนัน"
    assert all(r.seq_confidence == 1.0 and r.budget_confidence == 1.0 for r in records)
    assert not any(r.flags for r in records)


def test_rows_split_over_page_breaks_are_read_whole(tmp_path, resources):
    """Chromium splits a tall row over two pages and prints no rule under its first part."""
    if shutil.which("chromium") is None:
        pytest.skip("needs chromium")  # the module fixture already failed in CI
    from synth.browser.chromium import print_to_pdf

    names = [f"{NAMES[i % len(NAMES)]} รุ่นที่ {i + 1} " * 3 for i in range(30)]
    rows = "".join(f"<tr><td>{i + 1}</td><td>{name}</td><td>1</td><td>1,000.00</td><td>0.00</td>"
                   f"<td></td><td>✓</td><td></td><td></td><td></td></tr>" for i, name in enumerate(names))
    html = report_html().split("<tbody>")[0] + f"<tbody>{rows}</tbody></table></body></html>"
    source = tmp_path / "split.html"
    source.write_text(html.replace("A4 landscape", "A4 portrait"), encoding="utf-8")
    pdf = tmp_path / "split.pdf"
    print_to_pdf(source, pdf, header_footer=False)
    result = process_file(pdf, "split.pdf", IngestConfig(), resources)
    records = sorted(result.records, key=lambda r: r.seq)
    assert [r.seq for r in records] == list(range(1, 31))
    # Every letter as printed. Where a line wrapped at a space the layer holds no space (a
    # browser writes none at a line break), so spaces are not compared.
    assert [r.project_name.replace(" ", "") for r in records] == [n.replace(" ", "") for n in names]
    assert all(r.status == "in_progress" for r in records)


def test_a_space_of_no_width_before_sara_aa_is_a_lost_nikhahit():
    from saraban.ingest.extract.layer_chars import repaired_chars
    from saraban.normalize.thai_repair import LOST, repair_lost_marks

    def char(text: str, x0: float, x1: float) -> dict:
        return {"text": text, "x0": x0, "x1": x1, "top": 10.0, "bottom": 20.0}

    # ส␣านักงาน as Word wrote it with TH SarabunIT๙ (the real memo of ../shared): the space
    # has no width; a real space between words has one and stays.
    word = [char("ส", 0, 6), char(" ", 6.1, 6.1), char("า", 6.1, 11), char("น", 11, 17)]
    texts = [c["text"] for c in repaired_chars(word)]
    assert texts == ["ส", LOST, "า", "น"]
    spaced = [char("ส", 0, 6), char(" ", 6, 9), char("า", 9, 14)]
    assert [c["text"] for c in repaired_chars(spaced)] == ["ส", " ", "า"]
    assert repair_lost_marks("ส" + LOST + "านักงาน").text == "สำนักงาน"


def test_libreoffice_s_unmapped_sara_aa_is_put_back_from_the_page_s_own_sara_am():
    from saraban.ingest.extract.layer_chars import repaired_chars

    def char(text: str, x0: float, font: str = "CAAAAA+THSarabunNew") -> dict:
        return {"text": text, "x0": x0, "x1": x0 + 5, "top": 10.0, "bottom": 20.0, "fontname": font}

    # สำนักงาน as LibreOffice wrote it: ำ drawn as two glyphs, the pair mapped to the first; the
    # second (า) has no character anywhere on the page, so การ reads ก(cid:4)ร.
    chars = [char("ส", 0), char("ำ", 5), char("(cid:4)", 10), char("น", 15), char("ั", 15), char("ก", 20),
             char("ง", 25), char("(cid:4)", 30), char("น", 35)]
    texts = [c["text"] for c in repaired_chars(chars)]
    assert "".join(texts) == "สำนักงาน"
    # The ำ takes the span of its second half.
    assert repaired_chars(chars)[1]["x1"] == 15
    # Another font's code 4, and an unmapped code never seen after an ำ, are left for the
    # layer's judge: the page then goes to OCR.
    other = [char("ส", 0), char("ำ", 5), char("(cid:4)", 10), char("(cid:4)", 15, "BAAAAA+Other"), char("(cid:9)", 20)]
    assert [c["text"] for c in repaired_chars(other)] == ["ส", "ำ", "(cid:4)", "(cid:9)"]


def test_a_line_s_end_in_space_is_known_only_from_a_writer_that_writes_them():
    from saraban.ingest.extract.layer_chars import with_line_ends
    from saraban.parsers.model import BBox, Line

    def space(x0: float, top: float) -> dict:
        return {"text": " ", "x0": x0, "x1": x0 + 3, "top": top, "bottom": top + 10}

    lines = [Line("ขอส่งรายงาน จังหวัด", 1, BBox(0, 0, 100, 10)), Line("เชียงใหม่ ประจำปี", 1, BBox(0, 20, 80, 30))]
    # LibreOffice: the second line broke at a space, written after its last word; the first did not.
    marked = with_line_ends(lines, [space(80.2, 20), space(40, 0)])
    assert [line.ends_in_space for line in marked] == [False, True]
    # Chromium writes none at any line's end: nothing is known.
    assert [line.ends_in_space for line in with_line_ends(lines, [space(40, 0)])] == [None, None]
