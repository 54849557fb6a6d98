"""Scanned pages and image files → Pages, through one shared path, :func:`ocr_page_image`:

1. orientation (ingest/extract/orientation.py): 0/90/180/270 from the projection profile (text lines are horizontal) and the
   side of the letters that Thai marks sit on (above far more often than below); Tesseract's
   OSD is asked only when that evidence is thin (photos, near-empty pages);
2. deskew within ±5° by the projection profile of ink pixels;
3. contrast normalization (divide by the estimated paper background) and Otsu binarization;
4. tables: ``find_tables(prepared, page_number, engine)`` (ingest/extract/tables.py reads
   ruled report tables); every table's region is blanked before the free-text OCR, so table
   text is read once, by the table reader, and the tables are placed among the lines by
   their top edge;
5. free text: dotted leaders erased, Tesseract on the normalized grey page, Thai digits
   re-read (ingest/ocr/thai_digits.py), the Latin-read agency code before a document number read
   again in Thai (ingest/extract/number_prefix.py), tokens → lines with spaces where the ink
   has gaps.

Coordinates are pixels of the upright, deskewed page at ``Page.dpi``.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import cv2
import numpy as np
from PIL import Image, ImageSequence, UnidentifiedImageError

from saraban.reconcile.errors import InputErrorCode, InputFileError
from saraban.ingest.extract import IMAGE_SUFFIXES
from saraban.ingest.extract.budget import check_image_size
from saraban.ingest.ocr.digit_glyphs import LearnedDigits
from saraban.ingest.ocr.engine import OcrEngine, OcrSettings, TesseractEngine
from saraban.ingest.extract.leaders import erase_dotted_leaders
from saraban.ingest.extract.number_prefix import reread_number_prefixes
from saraban.ingest.extract.orientation import (
    MIN_MARKS,
    detect_orientation,
    estimate_skew,
    rotate_quarter,
    rotate_small,
)
from saraban.ingest.extract.pixels import binarize, normalize_contrast, to_gray
from saraban.parsers.model import BBox, Block, Line, Page, PageSource, Table
from saraban.parsers.ocr_data import LineInk, lines_from_words


ANALYSIS_DPI = 150  # orientation and skew are measured on a copy at this resolution
# Thai marks above / below the letters: below this ratio, or with fewer marks, we ask OSD.
MIN_MARK_RATIO = 2.0
MIN_OSD_CONFIDENCE = 2.0  # OSD's scores on text pages were 24-50; on a photo page 0.44


@dataclass(frozen=True, slots=True)
class PreparedImage:
    """A page made ready for reading: both arrays share one frame (upright, deskewed)."""

    gray: np.ndarray  # uint8, contrast-normalized: paper 255, ink dark
    binary: np.ndarray  # uint8, ink = 255 (OpenCV's convention, as the grid finder expects)
    dpi: int
    rotation: int  # degrees clockwise that were applied to make the page upright
    skew_degrees: float  # counterclockwise tilt of the text that was found and removed
    orientation_source: str  # "profile", "osd" or "none" (no evidence: left as scanned)


class TableFinder(Protocol):
    """The table seam. A reader gets the prepared page (gray for OCR of cells, binary for rules
    and ink of ticks), the 1-based page number for Table.page, and the engine to OCR cells
    with; what its tables taught of the document's digits (``learned``) reads the page's text."""

    def __call__(self, prepared: PreparedImage, page_number: int, engine: OcrEngine) -> list[Table]: ...

    @property
    def learned(self) -> LearnedDigits: ...


class NoTables:
    """No tables: the whole page is free text."""

    learned = LearnedDigits()

    def __call__(self, prepared: PreparedImage, page_number: int, engine: OcrEngine) -> list[Table]:
        return []


find_no_tables = NoTables()


def extract_image_file(
    path: Path,
    settings: OcrSettings | None = None,
    engine: OcrEngine | None = None,
    *,
    find_tables: TableFinder = find_no_tables,
) -> list[Page]:
    """Read a .png/.jpg/.jpeg/.tif/.tiff file; each frame of a multi-page TIFF is one Page."""
    settings = settings or OcrSettings()
    engine = engine or TesseractEngine(settings)
    if path.suffix.lower() not in IMAGE_SUFFIXES:
        raise InputFileError(
            InputErrorCode.UNSUPPORTED_IMAGE,
            f"'{path.suffix}' images are not supported; use one of "
            f"{', '.join(sorted(IMAGE_SUFFIXES))}.",
        )
    pages: list[Page] = []
    # One frame at a time: a 200-page TIFF decoded at once held 2.0 GB.
    for number, (frame, dpi) in enumerate(_image_frames(path, settings.dpi), start=1):
        pages.append(ocr_page_image(frame, number, settings, engine, dpi=dpi, find_tables=find_tables))
    return pages


def ocr_page_image(
    image: Image.Image | np.ndarray,
    page_number: int,
    settings: OcrSettings,
    engine: OcrEngine,
    *,
    dpi: int | None = None,
    find_tables: TableFinder = find_no_tables,
) -> Page:
    """Orient, deskew, clean and OCR one page image (``dpi``: the image's own resolution,
    default ``settings.dpi``) into a Page of lines and tables."""
    dpi = dpi or settings.dpi
    prepared = prepare_page_image(image, dpi, engine)
    tables = find_tables(prepared, page_number, engine)
    text_image, ink = free_text_image(prepared, tables)
    words = engine.image_to_data(text_image, psm=settings.psm, dpi=dpi, learned=find_tables.learned)
    words = reread_number_prefixes(words, text_image, engine, dpi)
    lines = lines_from_words(words, page_number, line_ink=lambda box: measure_line_ink(ink, box))
    height, width = prepared.binary.shape
    return Page(
        number=page_number,
        blocks=_reading_order(lines, tables),
        source=PageSource.OCR,
        width=float(width),
        height=float(height),
        dpi=dpi,
        rotation=prepared.rotation,
        skew_degrees=prepared.skew_degrees,
    )


def free_text_image(prepared: PreparedImage, tables: list[Table]) -> tuple[np.ndarray, np.ndarray]:
    """(grey image for Tesseract, its ink mask): the page with dotted leaders and the
    tables already read made white.

    Grey rather than the binary: on three memo pages at 300 dpi Tesseract's own thresholding
    of the normalized grey gave 3.2 % character errors against 4.0 % for our Otsu binary.
    """
    keep = mask_regions(prepared.binary, [t.bbox for t in tables if t.bbox])
    ink = erase_dotted_leaders(keep, prepared.dpi)
    erased = (prepared.binary > 0) & (ink == 0)
    # One pixel more: the grey fringe of an erased dot would otherwise stay as a faint speck.
    erased = cv2.dilate(erased.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    image = prepared.gray.copy()
    image[erased] = 255
    ink[erased] = 0
    return image, ink


def prepare_page_image(
    image: Image.Image | np.ndarray, dpi: int, engine: OcrEngine | None = None
) -> PreparedImage:
    """Steps 1-3 of the module docstring. ``engine`` (optional) lends OSD for pages whose own
    evidence of orientation is thin, or whose profiles and marks disagree."""
    gray = to_gray(image)
    scale = min(1.0, ANALYSIS_DPI / dpi)
    small = binarize(normalize_contrast(_resize(gray, scale)))

    rotation, marks_ratio, marks, contested = detect_orientation(small, round(dpi * scale))
    source = "profile"
    if marks < MIN_MARKS or marks_ratio < MIN_MARK_RATIO or contested:
        found = engine.orientation(_resize(gray, scale), dpi=round(dpi * scale)) if engine else None
        if found is not None and found.confidence >= MIN_OSD_CONFIDENCE:
            rotation, source = found.rotate, "osd"
        elif marks < MIN_MARKS:
            rotation, source = 0, "none"
    gray, small = rotate_quarter(gray, rotation), rotate_quarter(small, rotation)

    skew = estimate_skew(small)
    if abs(skew) >= 0.05:
        gray = rotate_small(gray, skew)
    else:
        skew = 0.0  # too little to be worth turning: not removed
    normalized = normalize_contrast(gray)
    return PreparedImage(normalized, binarize(normalized), dpi, rotation, skew, source)


def measure_line_ink(binary: np.ndarray, box: BBox) -> LineInk:
    """The blank column runs across a line's letter band (rows holding at least half of the
    line's peak ink, so marks above and tails below do not bridge a space) and its height."""
    top, bottom = max(int(box.top), 0), int(np.ceil(box.bottom))
    x0, x1 = max(int(box.x0), 0), int(np.ceil(box.x1))
    region = binary[top:bottom, x0:x1]
    if region.size == 0:
        return LineInk((), max(box.height, 1.0))
    # A rule under or through the line would bridge every gap: leave long runs out.
    run = max(3 * int(box.height), 30)
    rules = cv2.morphologyEx(region, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (run, 1)))
    region = (region > 0) & ~(rules > 0)
    rows = region.sum(axis=1)
    band = np.nonzero(rows >= 0.5 * rows.max())[0] if rows.max() else np.arange(len(rows))
    letters = region[band.min() : band.max() + 1]
    inked = np.flatnonzero(letters.any(axis=0))
    gaps = tuple(
        (float(x0 + a + 1), float(x0 + b))
        for a, b in zip(inked, inked[1:])
        if b - a > 1
    )
    return LineInk(gaps, float(band.max() - band.min() + 1))


def mask_regions(binary: np.ndarray, boxes: list[BBox]) -> np.ndarray:
    """Blank the given regions (tables already read) so the free-text OCR skips them."""
    if not boxes:
        return binary
    masked = binary.copy()
    for box in boxes:
        masked[int(box.top) : int(np.ceil(box.bottom)), int(box.x0) : int(np.ceil(box.x1))] = 0
    return masked


def _resize(gray: np.ndarray, scale: float) -> np.ndarray:
    if scale == 1.0:
        return gray
    return cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)


def _reading_order(lines: list[Line], tables: list[Table]) -> tuple[Block, ...]:
    blocks: list[Block] = [*lines, *tables]
    return tuple(sorted(blocks, key=lambda b: b.bbox.top if b.bbox else 0.0)) if tables else tuple(lines)


# --- files ------------------------------------------------------------------------------


def _image_frames(path: Path, default_dpi: int) -> Iterator[tuple[Image.Image, int]]:
    """Each frame of the image in turn, loaded, with its resolution (the file's, else
    ``default_dpi``); each checked against the pixel budget from its header before decoding."""
    try:
        with _opened(path) as image:
            for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
                check_image_size(*frame.size, number)
                frame.load()
                yield frame.copy(), _stated_dpi(frame, default_dpi)
    except (FileNotFoundError, PermissionError, IsADirectoryError) as error:
        raise InputFileError(
            InputErrorCode.UNREADABLE_FILE, f"The file cannot be opened: {error.strerror}."
        ) from error
    except UnidentifiedImageError as error:
        raise InputFileError(
            InputErrorCode.UNSUPPORTED_IMAGE,
            "The file is not an image we can read (or its format does not match its name).",
        ) from error
    except Image.DecompressionBombError as error:
        raise InputFileError(
            InputErrorCode.PAGE_TOO_LARGE,
            "The image is far larger than a scanned page; scan it again at 300 dpi or scale it down.",
        ) from error
    except (OSError, SyntaxError, ValueError) as error:
        # Pillow reports truncated or damaged image data as OSError / SyntaxError.
        raise InputFileError(
            InputErrorCode.CORRUPT_IMAGE,
            "The image file is damaged or incomplete; scan or export it again.",
        ) from error


def _opened(path: Path) -> Image.Image:
    """The image, opened lazily. Pillow warns on stderr of a "decompression bomb" from 89
    megapixels; saraban's own, lower pixel budget decides instead (check_image_size), so the
    user sees its errors row, not Pillow's warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        return Image.open(path)


def _stated_dpi(frame: Image.Image, default_dpi: int) -> int:
    """The resolution the file states, when it is plausible for a scan (72 dpi is the
    placeholder many cameras and exporters write, so it is not believed)."""
    stated = frame.info.get("dpi")
    if isinstance(stated, tuple) and stated and stated[0]:
        dpi = round(float(stated[0]))
        if 100 <= dpi <= 1200:
            return dpi
    return default_dpi
