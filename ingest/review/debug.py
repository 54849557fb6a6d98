"""``saraban ingest --debug DIR``: what the reader saw, drawn over each page (as pdfplumber's
debug images draw its table finder).

One PNG per page of each file read: the page in the frame the reader read it in (turned upright
and deskewed: the banner says by how much, and whether a PDF's own text layer was used or the
page was read by OCR), each text line's box (red where its confidence is under the review
threshold), each table's box and cell grid, the role each column was given from its header
(or from its values), and the ink found in status cells (green: a tick, with how sure).
Drawing is for people: a page that cannot be drawn is skipped, never fails the file.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from saraban.ingest.review.crops import page_images
from saraban.normalize.vocab import Vocabulary
from saraban.parsers.columns import Columns, infer_columns, read_columns
from saraban.parsers.model import BBox, MarkState, Page, PageSource, Table

REVIEW_THRESHOLD = 0.8
_LINE, _LOW, _TABLE, _CELL, _TICK, _EMPTY, _ROLE = (
    (40, 90, 220), (220, 30, 30), (0, 150, 60), (150, 150, 150), (0, 170, 70), (240, 150, 0), (120, 0, 160))


def debug_file(path: Path, sha256: str, pages: Sequence[Page], folder: Path, vocab: Vocabulary) -> list[Path]:
    """The overlays of one file read, named after it and its bytes (two files of one name in
    different folders do not overwrite each other); none when they cannot be drawn or written."""
    try:
        return write_debug(path, pages, folder, vocab, f"{path.stem}-{sha256[:8]}")
    except (OSError, ValueError):
        return []


def write_debug(path: Path, pages: Sequence[Page], folder: Path, vocab: Vocabulary, stem: str) -> list[Path]:
    """Draw each page of ``pages`` (read from ``path``) into ``folder`` as STEM-pN.png."""
    frames = {p.number: frame_of(p) for p in pages if p.source is not PageSource.OCR_TEXT and p.width}
    folder.mkdir(parents=True, exist_ok=True)
    by_number = {p.number: p for p in pages}
    written = []
    for number, image in page_images(path, frames):
        page = by_number[number]
        scale = image.width / float(page.width or image.width)
        canvas = image.convert("RGB")
        draw_page(ImageDraw.Draw(canvas, "RGBA"), page, scale, vocab, is_pdf=path.suffix.lower() == ".pdf")
        target = folder / f"{stem}-p{number}.png"
        canvas.save(target, optimize=True)
        written.append(target)
    return written


def frame_of(page: Page) -> dict[str, Any]:
    """The page's frame, as documents.pages records it."""
    return {"page": page.number, "source": str(page.source), "width": page.width, "height": page.height,
            "dpi": page.dpi, "rotation": page.rotation, "skew_degrees": page.skew_degrees}


def draw_page(draw: ImageDraw.ImageDraw, page: Page, scale: float, vocab: Vocabulary, is_pdf: bool) -> None:
    font = _font(max(12, int(11 * scale * (page.dpi or 72) / 100)))
    for line in page.lines:
        if line.bbox is not None:
            low = line.confidence is not None and line.confidence < REVIEW_THRESHOLD
            draw.rectangle(_box(line.bbox, scale), outline=_LOW if low else _LINE, width=1 + low)
    for table in page.tables:
        _draw_table(draw, table, scale, vocab, font)
    draw_banner(draw, page, font, is_pdf)


def banner_text(page: Page, is_pdf: bool) -> str:
    """What the reader did with the page, in one line."""
    if page.source is PageSource.PDF_TEXT:
        how = "the PDF's own text layer (usable: no OCR)"
    elif is_pdf:
        how = "OCR: the PDF page has no usable text layer"
    else:
        how = "OCR: an image"
    turned = f"turned {page.rotation}° clockwise, deskewed {page.skew_degrees:+.2f}°" if page.source is PageSource.OCR \
        else "not turned"
    return f"page {page.number} · {how} · {page.dpi} dpi · {turned} · {len(page.tables)} table(s)"


def draw_banner(draw: ImageDraw.ImageDraw, page: Page, font: Any, is_pdf: bool) -> None:
    text = banner_text(page, is_pdf)
    left, top, right, bottom = draw.textbbox((8, 8), text, font=font)
    draw.rectangle((0, 0, right + 8, bottom + 8), fill=(255, 255, 210, 230))
    draw.text((8, 8), text, fill=(0, 0, 0), font=font)


def _draw_table(draw: ImageDraw.ImageDraw, table: Table, scale: float, vocab: Vocabulary, font: Any) -> None:
    if table.bbox is not None:
        draw.rectangle(_box(table.bbox, scale), outline=_TABLE, width=4)
    for row in table.rows:
        for cell in row:
            if cell.bbox is None:
                continue
            box = _box(cell.bbox, scale)
            draw.rectangle(box, outline=_CELL, width=1)
            if cell.mark is not None:
                ticked = cell.mark.state is MarkState.TICKED
                colour = _TICK if ticked else _EMPTY
                if ticked or cell.mark.confidence < REVIEW_THRESHOLD:
                    draw.rectangle(box, fill=(*colour, 70))
                    draw.text((box[0] + 3, box[1] + 2), f"{cell.mark.confidence:.2f}", fill=colour, font=font)
    # Each role over its column, above the table: a body row has a cell in every column (a
    # header's merged cells, สถานะ over four, do not).
    body = table.rows[min(len(table.rows) - 1, table.header_rows or 0)] if table.rows else ()
    top = _box(table.bbox, scale)[1] if table.bbox is not None else 0
    for index, role in sorted(column_roles(table, vocab).items()):
        cell = body[index] if index < len(body) else None
        if cell is not None and cell.bbox is not None:
            x0 = _box(cell.bbox, scale)[0]
            y = max(0, top - (font.size + 6) * (1 + index % 2))  # alternate rows: narrow columns
            label = draw.textbbox((x0 + 2, y), role, font=font)
            draw.rectangle(label, fill=(255, 255, 255, 220))
            draw.text((x0 + 2, y), role, fill=_ROLE, font=font)


def column_roles(table: Table, vocab: Vocabulary) -> dict[int, str]:
    """Column index → the role the reader gave it (from its header, else its values)."""
    header = list(table.rows[: table.header_rows or 0])
    body = list(table.rows[table.header_rows or 0:])
    columns: Columns | None = read_columns(header, vocab, ruled=table.ruled) if header else None
    if columns is None and table.ruled:
        columns = infer_columns(body)
    if columns is None:
        return {}
    roles = {index: role for role, index in columns.roles.items()}
    roles.update({index: status for index, status in columns.statuses})
    return roles


def _box(bbox: BBox, scale: float) -> tuple[float, float, float, float]:
    return (bbox.x0 * scale, bbox.top * scale, bbox.x1 * scale, bbox.bottom * scale)


def _font(size: int) -> Any:
    """A font with Thai and Latin letters: TLWG's (Noto Sans Thai has no Latin), else DejaVu or
    Pillow's own (Latin only)."""
    for candidate in ("/usr/share/fonts/truetype/tlwg/Garuda.ttf", "/usr/share/fonts/truetype/tlwg/Loma.ttf",
                      "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"):
        if Path(candidate).is_file():
            return ImageFont.truetype(candidate, size)
    return ImageFont.load_default(size)
