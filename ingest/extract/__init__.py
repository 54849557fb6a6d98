"""Extract stage: one file → pages, by the file's kind."""

from __future__ import annotations

from pathlib import Path

from saraban.reconcile.errors import InputFileError
from saraban.ingest.ocr.engine import OcrEngine, OcrSettings
from saraban.normalize.vocab import Vocabulary
from saraban.parsers.model import Page

TEXT_SUFFIXES = frozenset({".txt", ".md"})
PDF_SUFFIXES = frozenset({".pdf"})
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | PDF_SUFFIXES | IMAGE_SUFFIXES


def extract(path: Path, ocr: OcrSettings, vocab: Vocabulary, engine: OcrEngine | None = None) -> list[Page]:
    """Pages of the file at ``path``, by its kind. Scans are OCR'd with ``ocr`` (through
    ``engine`` when given, so that a batch loads the models and digit templates once per
    process; else one made for the file); their ruled report tables are read by a reader that
    knows the header labels in ``vocab``."""
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        from saraban.ingest.extract.text import extract_text_file

        return extract_text_file(path)
    if suffix in PDF_SUFFIXES | IMAGE_SUFFIXES:
        from saraban.ingest.extract.image import extract_image_file
        from saraban.ingest.extract.pdf import extract_pdf
        from saraban.ingest.extract.tables import ReportTableFinder

        read = extract_pdf if suffix in PDF_SUFFIXES else extract_image_file
        finder = ReportTableFinder(vocab)
        return finder.revised(read(path, ocr, engine, find_tables=finder))
    raise InputFileError(
        "unsupported_type",
        f"Files of type '{suffix or '(no extension)'}' are not supported; saraban reads "
        f"{', '.join(sorted(SUPPORTED_SUFFIXES))}.",
    )
