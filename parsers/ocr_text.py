"""OCR text from another engine (.txt / .md) → pages of lines and tables.

Such text has no geometry, so a line's bbox is its line number (one unit per line) and a
cell's x-range is its column index. Tables arrive as tab-separated rows, markdown pipe rows
or HTML ``<table>`` markup; checkbox inputs inside cells become explicit marks.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator

from saraban.parsers.model import BBox, Block, Cell, Line, Page, PageSource, Table

# Another engine's page separator; three or more blank lines also end a page in practice.
FORM_FEED = "\f"
BLANK_LINES_PER_PAGE_BREAK = 3

_MD_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_HTML_ROW = re.compile(r"<tr\b.*?>(.*?)</tr>", re.S | re.I)
_HTML_CELL = re.compile(r"<t[dh]\b.*?>(.*?)</t[dh]>", re.S | re.I)
_HTML_TAG = re.compile(r"<(?!input\b)[^>]+>", re.I)


def parse_ocr_text(
    text: str, starts_page: Callable[[str], bool] | None = None
) -> list[Page]:
    """Split ``text`` into pages and each page into lines and tables.

    ``starts_page(line)`` lets the caller say that a line (a report title, say) opens a new
    printed page even where the engine left no separator.
    """
    pages: list[Page] = []
    for number, raw_lines in enumerate(_split_pages(text, starts_page), start=1):
        pages.append(Page(number, tuple(_blocks(raw_lines, number)), PageSource.OCR_TEXT))
    return pages


def _split_pages(
    text: str, starts_page: Callable[[str], bool] | None
) -> Iterator[list[tuple[int, str]]]:
    """Yield each page as (line number in file, line) pairs."""
    current: list[tuple[int, str]] = []
    blank_run = 0
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        parts = line.split(FORM_FEED)
        for i, part in enumerate(parts):
            if i > 0 and any(text.strip() for _, text in current):
                yield current
                current = []
            is_blank = not part.strip()
            opens_page = (
                not is_blank
                and any(text.strip() for _, text in current)
                and (
                    blank_run >= BLANK_LINES_PER_PAGE_BREAK
                    or (starts_page is not None and starts_page(part))
                )
            )
            if opens_page:
                yield current
                current = []
            blank_run = blank_run + 1 if is_blank else 0
            current.append((number, part))
    if any(line.strip() for _, line in current):
        yield current


def _blocks(lines: list[tuple[int, str]], page: int) -> Iterator[Block]:
    i = 0
    while i < len(lines):
        number, line = lines[i]
        if "<table" in line.lower():
            j = i
            while j < len(lines) and "</table>" not in lines[j][1].lower():
                j += 1
            chunk = "\n".join(text for _, text in lines[i : j + 1])
            table = _html_table(chunk, page, number)
            if table is not None:
                yield table
            i = j + 1
            continue
        if _is_row(line):
            j = i
            while j < len(lines) and _is_row(lines[j][1]):
                j += 1
            yield _text_table(lines[i:j], page)
            i = j
            continue
        if line.strip():
            yield Line(line.strip(), page, BBox(0, number, max(1, len(line)), number + 1))
        i += 1


def _is_row(line: str) -> bool:
    """A table row: tab-separated (beyond trailing tabs) or a markdown pipe row."""
    body = line.rstrip("\t ")
    if "\t" in body:
        return True
    stripped = line.strip()
    return stripped.startswith("|") and stripped.count("|") >= 2


def _text_table(lines: list[tuple[int, str]], page: int) -> Table:
    rows = []
    for number, line in lines:
        if _MD_RULE.match(line):
            continue
        texts = _split_cells(line)
        rows.append(tuple(_cell(len(rows), col, raw, number) for col, raw in enumerate(texts)))
    top, bottom = lines[0][0], lines[-1][0] + 1
    width = max((len(r) for r in rows), default=1)
    return Table(tuple(rows), page, BBox(0, top, width, bottom), ruled=False)


def _split_cells(line: str) -> list[str]:
    stripped = line.strip()
    if "\t" not in line and stripped.startswith("|"):
        return [part.strip() for part in stripped.strip("|").split("|")]
    return [part.strip() for part in line.rstrip("\n").split("\t")]


def _cell(row: int, col: int, raw: str, line_number: int) -> Cell:
    return Cell(row, col, raw, BBox(col, line_number, col + 1, line_number + 1))


def _html_table(chunk: str, page: int, line_number: int) -> Table | None:
    rows = []
    for row_html in _HTML_ROW.findall(chunk):
        cells = []
        for col, cell_html in enumerate(_HTML_CELL.findall(row_html)):
            text = html.unescape(_HTML_TAG.sub(" ", cell_html)).strip()
            cells.append(_cell(len(rows), col, text, line_number + len(rows)))
        rows.append(tuple(cells))
    if not rows:
        return None
    return Table(tuple(rows), page, BBox(0, line_number, 1, line_number + len(rows)), ruled=False)
