"""The page model every extractor produces and every parser reads.

Small frozen dataclasses with geometry and confidence from the start, so the OCR-text path,
the PDF text-layer path and the scanned-image path all hand the parsers the same shape.
Coordinates are pixels at ``Page.dpi`` for rasterized pages, PDF points for text layers, and
line numbers (one unit per text line) for OCR-text input, where no geometry exists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal


@dataclass(frozen=True, slots=True)
class BBox:
    x0: float
    top: float
    x1: float
    bottom: float

    def __post_init__(self) -> None:
        if self.x1 < self.x0 or self.bottom < self.top:
            raise ValueError(f"inverted bbox {self!r}")

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top

    def union(self, other: BBox) -> BBox:
        return BBox(
            min(self.x0, other.x0),
            min(self.top, other.top),
            max(self.x1, other.x1),
            max(self.bottom, other.bottom),
        )

    def as_list(self) -> list[float]:
        return [round(self.x0, 1), round(self.top, 1), round(self.x1, 1), round(self.bottom, 1)]


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    bbox: BBox | None = None
    confidence: float | None = None


@dataclass(frozen=True, slots=True)
class Line:
    """One line of text in reading order on one page."""

    text: str
    page: int
    bbox: BBox | None = None
    confidence: float | None = None
    words: tuple[Word, ...] = ()
    # A text layer's line: whether the writer ended it with a space (it broke at a space between
    # words) or not (it broke inside a run of Thai, which has no spaces between words). None:
    # not known (OCR sees no space at a line's end).
    ends_in_space: bool | None = None


class MarkState(StrEnum):
    TICKED = "ticked"
    UNTICKED = "unticked"


@dataclass(frozen=True, slots=True)
class Mark:
    """What a status cell holds besides text: a tick read by ink, or an explicit box.

    ``evidence`` says how it was read (``html-checkbox``, ``glyph:✓``, ``ink``) so that a
    reader can weigh it; ``confidence`` is the extractor's own certainty (0–1).
    """

    state: MarkState
    confidence: float
    evidence: str


@dataclass(frozen=True, slots=True)
class Cell:
    row: int
    col: int
    text: str
    bbox: BBox | None = None
    confidence: float | None = None
    row_span: int = 1
    col_span: int = 1
    mark: Mark | None = None


@dataclass(frozen=True, slots=True)
class Table:
    """A table as its rows of cells. ``rows[i]`` lists the cells of row ``i`` left to right.

    Rows may have different lengths: OCR engines drop empty cells, and the parsers must see
    that rather than a grid padded into false certainty.
    """

    rows: tuple[tuple[Cell, ...], ...]
    page: int
    bbox: BBox | None = None
    # True when the grid came from ruling lines (cell positions are physical), False when
    # it came from separators in text (cell positions are only a count of separators).
    ruled: bool = False
    # Rows at the top that are header, when the extractor knows (None: the parser decides).
    header_rows: int | None = None


Block = Line | Table


class PageSource(StrEnum):
    OCR_TEXT = "ocr-text"  # .txt/.md produced by another OCR engine
    PDF_TEXT = "pdf-text"  # a PDF page's own text layer
    OCR = "ocr"  # our Tesseract on a rasterized page


@dataclass(frozen=True, slots=True)
class Page:
    number: int  # 1-based page number in the source file
    blocks: tuple[Block, ...]  # lines and tables in reading order
    source: PageSource
    width: float | None = None
    height: float | None = None
    dpi: int | None = None
    # A scan's frame: degrees clockwise it was turned to stand upright, then the counterclockwise
    # tilt of its text that was removed (turned about the centre, the canvas kept).
    rotation: int = 0
    skew_degrees: float = 0.0
    # The encoding OCR-text input was decoded from when a detector guessed it (the text was not
    # UTF-8 and had no byte-order mark); empty otherwise.
    text_encoding: str = ""

    @property
    def lines(self) -> tuple[Line, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Line))

    @property
    def tables(self) -> tuple[Table, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Table))


DocumentKind = Literal["memo", "letter", "announcement", "resolution", "report", "other"]


@dataclass(frozen=True, slots=True)
class Document:
    """A run of blocks (possibly over several pages) that forms one document."""

    kind: DocumentKind
    index: int  # 1-based position in the source file
    blocks: tuple[tuple[int, Block], ...] = field(default=())  # (page number, block)

    @property
    def first_page(self) -> int:
        return self.blocks[0][0] if self.blocks else 0

    @property
    def last_page(self) -> int:
        return self.blocks[-1][0] if self.blocks else 0

    @property
    def lines(self) -> tuple[Line, ...]:
        return tuple(b for _, b in self.blocks if isinstance(b, Line))
