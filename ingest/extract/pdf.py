"""PDF → Pages: each page from its own text layer when that layer is trustworthy, otherwise
rendered with PDFium at ``settings.dpi`` and read by the shared image path
(:func:`saraban.ingest.extract.image.ocr_page_image`).

pdfplumber reads the text layers (and tells a password-locked file from a damaged one);
PDFium renders, and also opens files pdfminer gives up on, whose pages are then all OCR'd.
Every way a file can fail to open ends in an :class:`InputFileError` with a stable code.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.psparser import PSException
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from saraban.reconcile.errors import BatchErrorCode, InputErrorCode, InputFileError, MissingDependencyError
from saraban.ingest.extract.budget import fitted_dpi, page_too_large
from saraban.ingest.extract.image import TableFinder, find_no_tables, ocr_page_image
from saraban.ingest.extract.layer_ink import with_unexplained_ink
from saraban.ingest.extract.layer_chars import repaired_chars, with_line_ends
from saraban.ingest.extract.layer_tables import layer_words, read_layer_tables
from saraban.ingest.ocr.engine import OcrEngine, OcrSettings, TesseractEngine
from saraban.parsers.model import Block, Page, PageSource
from saraban.parsers.text_layer import lines_from_pdf_words, text_layer_quality

POINTS_PER_INCH = 72
# A scan whose text layer is only a stamped page number or a file name is still a scan.
MIN_TEXT_CHARS_OVER_IMAGE = 20
IMAGE_COVER_SHARE = 0.5


@dataclass(frozen=True, slots=True)
class TextLayerVerdict:
    """Why a page was (not) read from its text layer; kept for logs and tests."""

    usable: bool
    reason: str


def extract_pdf(
    path: Path,
    settings: OcrSettings | None = None,
    engine: OcrEngine | None = None,
    *,
    find_tables: TableFinder = find_no_tables,
) -> list[Page]:
    """Read every page of the PDF at ``path``.

    Text-layer pages come back with ``PageSource.PDF_TEXT``, coordinates in PDF points
    (``dpi=72``) and no confidence; OCR'd pages with ``PageSource.OCR``, pixels at
    ``settings.dpi``. The engine is created (and Tesseract checked) only when a page needs it.
    """
    settings = settings or OcrSettings()
    pages: list[Page] = []
    with _open_pdf(path) as (plumber, document):
        for index in range(len(document)):
            number = index + 1
            plumber_page = plumber.pages[index] if plumber and index < len(plumber.pages) else None
            page = _text_layer_page(plumber_page, number) if plumber_page is not None else None
            if page is not None:
                page = _ink_checked(page, document, index)
            if page is None:
                # The pixel budget (ingest/extract/budget.py), from the page box, before rendering.
                width, height = _page_size(document, index)
                dpi = fitted_dpi(width, height, settings.dpi)
                if dpi is None:
                    raise page_too_large(width, height, number)
                engine = engine or _checked_engine(settings)
                image = render_page(document, index, dpi)
                page = ocr_page_image(image, number, settings, engine, dpi=dpi, find_tables=find_tables)
            pages.append(page)
    return pages


def text_layer_verdict(plumber_page: Any) -> tuple[TextLayerVerdict, list[dict[str, Any]]]:
    """Judge one pdfplumber page's text layer (its Thai glyph variants mapped back); also
    return its repaired characters for reuse."""
    chars = repaired_chars(plumber_page.dedupe_chars().chars)
    words = layer_words(chars)
    text = " ".join(str(w["text"]) for w in words)
    usable, reason = text_layer_quality(text)
    if usable and _is_scan(plumber_page) and len(text.replace(" ", "")) < MIN_TEXT_CHARS_OVER_IMAGE:
        usable, reason = False, "a scanned image with only a few characters of text on it"
    return TextLayerVerdict(usable, reason), chars


def render_page(document: pdfium.PdfDocument, index: int, dpi: int) -> Any:
    """One page as a greyscale PIL image at ``dpi`` (PDFium, not pdfplumber: several times
    faster, and it is what pdfplumber itself calls)."""
    page = document[index]
    try:
        bitmap = page.render(scale=dpi / POINTS_PER_INCH, grayscale=True)
        return bitmap.to_pil()
    finally:
        page.close()


def _page_size(document: pdfium.PdfDocument, index: int) -> tuple[float, float]:
    """The page's width and height in points, as PDFium renders it."""
    page = document[index]
    try:
        return page.get_size()
    finally:
        page.close()


def _text_layer_page(plumber_page: Any, number: int) -> Page | None:
    try:
        verdict, chars = text_layer_verdict(plumber_page)
        if not verdict.usable:
            return None
        layer = read_layer_tables(plumber_page, chars, number)
    except (PdfminerException, MalformedPDFException, PSException):
        return None  # a damaged content stream: PDFium may still render the page
    lines = with_line_ends(lines_from_pdf_words(layer_words(layer.outside_chars), number), layer.outside_chars)
    blocks: list[Block] = [*lines, *layer.tables]
    return Page(
        number=number,
        blocks=tuple(sorted(blocks, key=lambda b: b.bbox.top if b.bbox else 0.0)),
        source=PageSource.PDF_TEXT,
        width=float(plumber_page.width),
        height=float(plumber_page.height),
        dpi=POINTS_PER_INCH,
    )


def _ink_checked(page: Page, document: pdfium.PdfDocument, index: int) -> Page:
    """The text-layer page with its tables' tick-less rows checked against the page as printed
    (saraban.ingest.extract.layer_ink), rendered only when some such row has a blank cell."""
    def render(dpi: int) -> np.ndarray:
        if fitted_dpi(page.width, page.height, dpi) != dpi:
            raise page_too_large(page.width, page.height, page.number)
        return np.asarray(render_page(document, index, dpi))

    try:
        blocks = with_unexplained_ink(page.blocks, render, POINTS_PER_INCH)
    except InputFileError:
        return page  # over the pixel budget at the ink check's dpi: its tables as their text layer says
    return replace(page, blocks=blocks)


def _is_scan(plumber_page: Any) -> bool:
    area = float(plumber_page.width) * float(plumber_page.height)
    covered = sum(
        max(0.0, float(i["x1"]) - float(i["x0"])) * max(0.0, float(i["bottom"]) - float(i["top"]))
        for i in plumber_page.images
    )
    return area > 0 and covered / area >= IMAGE_COVER_SHARE


def _checked_engine(settings: OcrSettings) -> TesseractEngine:
    engine = TesseractEngine(settings)
    problem = engine.available()
    if problem:
        raise MissingDependencyError(BatchErrorCode.MISSING_DEPENDENCY, problem)
    return engine


@contextmanager
def _open_pdf(path: Path) -> Iterator[tuple[Any, pdfium.PdfDocument]]:
    """(pdfplumber PDF or None when only PDFium can read it, PDFium document), both closed
    on exit; every opening failure becomes an InputFileError."""
    _check_readable(path)
    with ExitStack() as stack:
        plumber = None
        plumber_error: Exception | None = None
        try:
            plumber = stack.enter_context(pdfplumber.open(path))
        except PdfminerException as error:
            cause = error.args[0] if error.args else error
            if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
                raise _encrypted() from error
            plumber_error = error
        except (MalformedPDFException, PSException) as error:
            plumber_error = error
        if plumber is not None and not plumber.pages:
            raise InputFileError(
                InputErrorCode.EMPTY_PDF, "The PDF has no pages: there is nothing to read."
            )
        try:
            document = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError as error:
            if error.err_code == pdfium_raw.FPDF_ERR_PASSWORD:
                raise _encrypted() from error
            raise _corrupt() from (plumber_error or error)
        stack.callback(document.close)
        if len(document) == 0:
            raise InputFileError(
                InputErrorCode.EMPTY_PDF, "The PDF has no pages: there is nothing to read."
            )
        yield plumber, document


def _check_readable(path: Path) -> None:
    try:
        with path.open("rb") as stream:
            head = stream.read(1024)
    except OSError as error:
        raise InputFileError(
            InputErrorCode.UNREADABLE_FILE,
            f"The file cannot be opened: {error.strerror or error}.",
        ) from error
    if not head.strip():
        raise InputFileError(InputErrorCode.CORRUPT_PDF, "The file is empty, not a PDF.")
    if b"%PDF" not in head:
        raise InputFileError(
            InputErrorCode.CORRUPT_PDF,
            "The file is named .pdf but is not a PDF (it has no PDF header).",
        )


def _encrypted() -> InputFileError:
    return InputFileError(
        InputErrorCode.ENCRYPTED_PDF,
        "The PDF is protected by a password. Save an unprotected copy and try again.",
    )


def _corrupt() -> InputFileError:
    return InputFileError(
        InputErrorCode.CORRUPT_PDF,
        "The PDF is damaged and cannot be opened. Download or scan it again.",
    )
