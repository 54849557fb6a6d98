"""OCR-text input (.txt / .md from another OCR engine): bytes → pages."""

from __future__ import annotations

from pathlib import Path

from ingest.errors import InputFileError
from parsers.model import Page
from parsers.ocr_text import parse_ocr_text
from parsers.segment import is_report_title


def extract_text_file(path: Path) -> list[Page]:
    data = path.read_bytes()
    if not data.strip():
        raise InputFileError("empty_file", "The file is empty: there is nothing to read.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputFileError(
            "not_utf8",
            f"The text is not UTF-8 (byte {error.start} cannot be decoded). Save it as UTF-8; "
            "if it came from a Thai Windows program it is probably TIS-620 / cp874.",
        ) from error
    if not text.strip():
        raise InputFileError("empty_file", "The file holds only blank space: there is nothing to read.")
    # Each e-PlanNACC report page starts with its title, even where the engine left no break.
    return parse_ocr_text(text, starts_page=is_report_title)
