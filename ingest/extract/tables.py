"""Every ruled table on a page image, read with a plan taken from its own header.

The header's printed labels (matched by the parsers against the vocabulary) decide which
columns are numbers (OCR restricted to digits) and which are status boxes (read by ink). A
table continued on the next page without a header keeps the previous page's plan.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from saraban.ingest.extract.grid import Grid, GridSettings, grids_in_rules, ruling_masks
from saraban.ingest.extract.image import PreparedImage
from saraban.ingest.ocr.engine import PSM_SINGLE_BLOCK, PSM_SINGLE_LINE, OcrEngine
from saraban.ingest.ocr.digit_glyphs import DigitTemplates, LearnedDigits, OwnFaceReader, read_integer_glyphs
from saraban.ingest.extract.own_digits import AmountCell, IntegerCell, OwnDigits, amount_cells, integer_cells
from saraban.ingest.extract.table_reader import CellPlan, GlyphReader, StripOcr, read_header, read_table
from saraban.normalize.labels import best_label
from saraban.normalize.vocab import Vocabulary
from saraban.parsers.model import Cell, Page, Table
from saraban.parsers.ocr_data import OcrWord
from saraban.parsers.columns import read_columns
from saraban.parsers.segment import row_seq

# header rows → (plan, number of header rows), or None when they are not a known header
Planner = Callable[[Sequence[Sequence[Cell]]], tuple[CellPlan, int] | None]
NUMERIC_ROLES = ("seq", "dimension", "budget", "disbursed")
INTEGER_ROLES = ("seq", "dimension")  # small whole numbers: readable from their glyphs alone
HEADER_LABEL_SCORE = 85.0


def column_planner(vocab: Vocabulary) -> Planner:
    def plan(rows: Sequence[Sequence[Cell]]) -> tuple[CellPlan, int] | None:
        # Header rows are mostly printed labels; the first row that is numbered, or whose
        # cells are mostly not labels (a project row whose remarks mention งบประมาณ), is data
        # even when its number was not read.
        header_rows = 0
        for row in rows:
            if row_seq(row) is None and under_spanning_label(row, rows[:header_rows]):
                header_rows += 1
                continue
            # Under the header, text in the name or remarks column alone is the rest of a row a
            # page break split ('ปีงบประมาณ พ.ศ. 2565' is 90 like the label งบประมาณ).
            prose = _prose_columns(rows[:header_rows], vocab)
            texts = [c.text for c in row if c.text.strip() and c.col not in prose]
            labels = sum(1 for t in texts if best_label(t, vocab.column_roles, HEADER_LABEL_SCORE))
            if row_seq(row) is not None or not texts or labels * 2 < len(texts):
                break
            header_rows += 1
        if header_rows == 0:
            return None
        columns = read_columns(rows[:header_rows], vocab, ruled=True)
        if columns is None:
            return None
        numeric = frozenset(columns.roles[r] for r in NUMERIC_ROLES if r in columns.roles)
        marks = frozenset(col for col, _ in columns.statuses)
        integers = frozenset(columns.roles[r] for r in INTEGER_ROLES if r in columns.roles)
        return CellPlan(numeric, marks, integers, columns.roles.get("seq")), header_rows

    return plan


def _prose_columns(header: Sequence[Sequence[Cell]], vocab: Vocabulary) -> frozenset[int]:
    """The project-name and remarks columns ``header`` names (none before a header row)."""
    columns = read_columns(header, vocab, ruled=True) if header else None
    if columns is None:
        return frozenset()
    return frozenset(col for role in ("name", "remarks") if (col := columns.roles.get(role)) is not None)


def under_spanning_label(row: Sequence[Cell], above: Sequence[Sequence[Cell]]) -> bool:
    """Whether every cell of ``row`` stands under a header cell spanning several columns (สถานะ
    over its four), the other columns' cells merged down from above: the row holds that label's
    sub-labels, however garbled its wrapped text reads ('eee: (> รายงาน' for รอ|รายงาน, TH K2D
    July8 on seed 25000). A row of the body has a cell in every column."""
    spans = [(cell.col, cell.col + cell.col_span) for header in above for cell in header if cell.col_span > 1]
    return bool(row) and bool(spans) and all(any(start <= cell.col < end for start, end in spans) for cell in row)


@dataclass(frozen=True, slots=True)
class Layout:
    """A header's plan and where its columns sit (centres as fractions of the table width)."""

    plan: CellPlan
    centres: tuple[float, ...]
    width: float  # table width as a share of the page width

    def continued_by(self, grid: Grid, page_width: int) -> bool:
        """Whether a headerless ``grid`` looks like this table going on (and not a stamp
        box or another form): about as many columns, about as wide."""
        columns = len(grid.cols) - 1
        share = grid.bbox.width / page_width
        return abs(columns - len(self.centres)) <= 2 and 0.8 <= share / self.width <= 1.25


def read_page_tables(
    gray: np.ndarray,
    binary: np.ndarray,
    page: int,
    ocr: StripOcr,
    planner: Planner,
    previous: Layout | None = None,
    glyphs: GlyphReader | None = None,
    dpi: int = 300,
) -> tuple[list[Table], Layout | None, list[IntegerCell], list[AmountCell]]:
    """Tables on the page, the layout to hand to the next page, and the page's integer and money cells."""
    settings = GridSettings()
    horizontal, vertical = ruling_masks(binary, settings, gray)
    grids = grids_in_rules(horizontal, vertical, settings)
    if not grids:
        return [], previous, [], []
    tables, integers, amounts = [], [], []
    for grid in grids:
        clean = binary & ~grid_rules(grid, horizontal, vertical)
        header = read_header(gray, grid, ocr)
        found = planner(header)
        if found is not None:
            plan, header_rows = found
            if previous is not None and len(previous.centres) == len(grid.cols) - 1:
                plan = repeated_header_plan(plan, previous.plan)
            previous = Layout(plan, column_centres(grid), grid.bbox.width / binary.shape[1])
        elif previous is not None and previous.continued_by(grid, binary.shape[1]):
            # A continued table without its header: number its columns as the header's were,
            # by position, so that a rule found or missed on this page shifts nothing.
            grid, plan, header_rows = renumber_columns(grid, previous.centres), previous.plan, 0
        else:  # a ruled table that is not a report (a procurement plan): text only
            plan, header_rows = CellPlan(frozenset(), frozenset()), 0
        table, ocr_integers = read_table(gray, binary, clean, grid, page, ocr, plan, header_rows, dpi,
                                         known=header, glyphs=glyphs)
        tables.append(table)
        integers += integer_cells(binary, table, plan, ocr_integers)
        amounts += amount_cells(binary, table, plan)
    return tables, previous, integers, amounts


def repeated_header_plan(plan: CellPlan, previous: CellPlan) -> CellPlan:
    """The plan of a header that repeats the previous page's (the same columns): a number or
    tick-box column whose label the OCR garbled here is still one (the parser borrows its role
    the same way); where the two headers disagree, this page's own reading wins."""
    return CellPlan(plan.numeric_cols | (previous.numeric_cols - plan.mark_cols),
                    plan.mark_cols | (previous.mark_cols - plan.numeric_cols),
                    plan.integer_cols | (previous.integer_cols - plan.mark_cols),
                    plan.seq_col if plan.seq_col is not None else previous.seq_col)


# Rule pixels this far (px at the page's 300 dpi) from one of the grid's own rules are that rule.
GRID_RULE_BAND = 10


def grid_rules(grid: Grid, horizontal: np.ndarray, vertical: np.ndarray) -> np.ndarray:
    """The ruling masks' pixels that lie on the grid's own rules. A ☐ printed in a status cell
    is drawn with rules too, as long as the shortest a rule may be on a short page (its sides
    ~32 px against 24 at 200 dpi, landscape): cleared with the page's rules, it left its bottom
    side alone, 124 px of "tick" in every empty box of a seed-9000 browser scan."""
    mask = np.zeros_like(horizontal)
    top, bottom = int(grid.bbox.top) - GRID_RULE_BAND, int(grid.bbox.bottom) + GRID_RULE_BAND + 1
    left, right = int(grid.bbox.x0) - GRID_RULE_BAND, int(grid.bbox.x1) + GRID_RULE_BAND + 1
    top, left = max(top, 0), max(left, 0)
    for y in grid.rows:
        band = slice(max(int(y) - GRID_RULE_BAND, 0), int(y) + GRID_RULE_BAND + 1)
        mask[band, left:right] |= horizontal[band, left:right]
    for x in grid.cols:
        band = slice(max(int(x) - GRID_RULE_BAND, 0), int(x) + GRID_RULE_BAND + 1)
        mask[top:bottom, band] |= vertical[top:bottom, band]
    return mask


def column_centres(grid: Grid) -> tuple[float, ...]:
    left, width = grid.cols[0], max(grid.cols[-1] - grid.cols[0], 1.0)
    return tuple(((a + b) / 2 - left) / width for a, b in zip(grid.cols, grid.cols[1:]))


def renumber_columns(grid: Grid, header_centres: Sequence[float]) -> Grid:
    """``grid`` with each column numbered as the header column nearest to it."""
    mapping = [
        min(range(len(header_centres)), key=lambda i: abs(header_centres[i] - centre))
        for centre in column_centres(grid)
    ]
    cells = tuple(replace(cell, col=mapping[cell.col]) for cell in grid.cells)
    return replace(grid, cells=cells)


class ReportTableFinder:
    """The table reader for one file's pages, in order (the image path's ``find_tables``).

    It remembers the last header's plan so that a table continued on the next page without a
    repeated header is still read with the right column kinds. One instance per file.
    """

    def __init__(self, vocab: Vocabulary) -> None:
        self._planner = column_planner(vocab)
        self._previous: Layout | None = None
        self._own = OwnDigits()
        self._stock: DigitTemplates | None = None

    def __call__(self, prepared: PreparedImage, page_number: int, engine: OcrEngine) -> list[Table]:
        self._stock = engine.number_templates()
        tables, self._previous, integers, amounts = read_page_tables(
            prepared.gray, prepared.binary, page_number, strip_ocr(engine), self._planner,
            self._previous, glyph_reader(engine, self._own.learned), prepared.dpi,
        )
        self._own.add(integers, amounts)
        return tables

    @property
    def learned(self) -> LearnedDigits:
        """The digit glyphs the document's ลำดับ cells taught so far."""
        return self._own.learned

    def revised(self, pages: list[Page]) -> list[Page]:
        """The file's pages with the integer cells earlier pages left doubtful read again by the
        digit glyphs the whole document taught (saraban.ingest.extract.own_digits)."""
        return self._own.revised(pages, self._stock)


CELL_DIGITS = "0123456789๐๑๒๓๔๕๖๗๘๙,."


def glyph_reader(engine: OcrEngine, learned: LearnedDigits | None = None) -> GlyphReader | None:
    """Read a small whole number from a cell's glyphs, with the engine's digit templates and
    those the document taught."""
    stock = engine.number_templates()
    if stock is None:
        return None
    own_face = OwnFaceReader.of(stock, learned if learned is not None else LearnedDigits())
    templates = own_face.every if own_face is not None else stock  # the stock, then the learned

    def read(ink: np.ndarray) -> tuple[str, float, bool] | None:
        own = own_face.read(ink) if own_face is not None else None
        if own is not None:
            return (*own, True)
        found = read_integer_glyphs(ink, templates)
        return (*found, False) if found is not None else None

    return read


def strip_ocr(engine: OcrEngine) -> StripOcr:
    """Adapt an OCR engine to the stacked-cell reader."""

    def ocr(image: np.ndarray, numeric: bool, single_line: bool, lang: str | None = None) -> list[OcrWord]:
        return engine.image_to_data(
            image,
            psm=PSM_SINGLE_LINE if single_line else PSM_SINGLE_BLOCK,
            whitelist=CELL_DIGITS if numeric else None,
            lang=lang,
        )

    return ocr
