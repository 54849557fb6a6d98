"""Extract stage: one file → pages, by the file's kind."""

from __future__ import annotations

from pathlib import Path

from ingest.errors import InputFileError
from parsers.model import Page

TEXT_SUFFIXES = frozenset({".txt", ".md"})
PDF_SUFFIXES = frozenset({".pdf"})
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | PDF_SUFFIXES | IMAGE_SUFFIXES


def extract(path: Path, ocr_settings: object | None = None) -> list[Page]:
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        from ingest.extract.text import extract_text_file

        return extract_text_file(path)
    if suffix in PDF_SUFFIXES:
        from ingest.extract.pdf import extract_pdf

        return extract_pdf(path, ocr_settings)  # type: ignore[arg-type]
    if suffix in IMAGE_SUFFIXES:
        from ingest.extract.image import extract_image_file

        return extract_image_file(path, ocr_settings)  # type: ignore[arg-type]
    raise InputFileError(
        "unsupported_type",
        f"Files of type '{suffix or '(no extension)'}' are not supported; saraban reads "
        f"{', '.join(sorted(SUPPORTED_SUFFIXES))}.",
    )
