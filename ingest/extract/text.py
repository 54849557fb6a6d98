"""OCR-text input (.txt / .md from another OCR engine): bytes → pages.

Text that decodes as UTF-8 is UTF-8 (other encodings of Thai almost never do). Any other text
is decoded by the encoding charset-normalizer finds: a byte-order mark states it (UTF-16 and
UTF-32 as Windows Notepad saves "Unicode"), else the detector guesses it from the bytes
(TIS-620 / cp874, as Thai Windows programs save text). A guess is written on the pages
(``Page.text_encoding``) so that the documents read from them are flagged with it
(TEXT_ENCODING_GUESSED). Text holding a NUL character is refused: it is a binary file named
.txt, or UTF-16 saved without a byte-order mark, and its characters would land in the outputs.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from charset_normalizer import from_bytes

from saraban.reconcile.errors import InputErrorCode, InputFileError
from saraban.parsers.model import Page
from saraban.parsers.ocr_text import parse_ocr_text
from saraban.parsers.segment import is_report_title

UTF8 = "utf_8"


@dataclass(frozen=True, slots=True)
class DecodedText:
    text: str
    encoding: str  # Python's codec name: utf_8, utf_16, cp874, …
    guessed: bool  # chosen by the detector from the bytes (no UTF-8, no byte-order mark)


def extract_text_file(path: Path) -> list[Page]:
    decoded = decode_text(path.read_bytes())
    # Each e-PlanNACC report page starts with its title, even where the engine left no break.
    pages = parse_ocr_text(decoded.text, starts_page=is_report_title)
    if decoded.guessed:
        pages = [replace(page, text_encoding=decoded.encoding) for page in pages]
    return pages


def decode_text(data: bytes) -> DecodedText:
    """The text of ``data``, or InputFileError (empty_file, not_utf8, nul_bytes) saying why not."""
    if not data.strip():
        raise InputFileError(InputErrorCode.EMPTY_FILE, "The file is empty: there is nothing to read.")
    try:
        decoded = DecodedText(data.decode("utf-8-sig"), UTF8, guessed=False)
    except UnicodeDecodeError as error:
        decoded = _detected(data, error.start)
    nul = decoded.text.find("\x00")
    if nul >= 0:
        raise _nul_bytes(f"line {decoded.text.count(chr(10), 0, nul) + 1}")
    if not decoded.text.strip():
        raise InputFileError(InputErrorCode.EMPTY_FILE, "The file holds only blank space: there is nothing to read.")
    return decoded


def _detected(data: bytes, bad_byte: int) -> DecodedText:
    matches = from_bytes(data)
    best = matches.best()
    if best is not None and best.bom:
        return DecodedText(str(best), best.encoding, guessed=False)
    if b"\x00" in data:
        # Without a byte-order mark, bytes holding NUL are binary, or UTF-16 whose byte order
        # nothing states: neither is read on a guess.
        raise _nul_bytes(f"byte {data.index(0)}")
    # saraban reads Thai paperwork: when the bytes can be read as Thai, they are Thai, even
    # where the detector ranks another reading of a short text first (a Greek code page).
    match = next((m for m in matches if m.language == "Thai"), None) or best
    if match is None:
        raise InputFileError(
            InputErrorCode.NOT_UTF8,
            f"The text is not UTF-8 (byte {bad_byte} cannot be decoded), and its encoding could not "
            "be recognised. Save it as UTF-8.",
        )
    return DecodedText(str(match), match.encoding, guessed=True)


def _nul_bytes(where: str) -> InputFileError:
    return InputFileError(
        InputErrorCode.NUL_BYTES,
        f"The text holds a NUL character ({where}): this is not a plain-text file. It may be a "
        "binary file named .txt, or text saved as UTF-16 without a byte-order mark; save it as "
        "UTF-8 text.",
    )
