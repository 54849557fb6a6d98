"""Which OCR tokens make one number: the runs of digits (and the commas and points between
them) that saraban.ingest.ocr.thai_digits reads again from their glyphs, and the tokens that stand in for
digits there (Latin words, Arabic digits, Thai letters the model gives for a digit it lacks).
"""

from __future__ import annotations

import re

from saraban.ingest.ocr.digit_glyphs import ARABIC_DIGITS, THAI_DIGITS
from saraban.parsers.ocr_data import OcrWord

# The `eng` half of tha+eng reads some Thai digit pairs as short Latin words (๒๙ as 'JUN low'
# on a memo's date line); see saraban.ingest.ocr.thai_digits for how such stand-ins are read again.
LATIN_STAND_IN = re.compile(r"[A-Za-z]{1,4}")
# The comma and point inside a number: Tesseract gives them as tokens of their own or stuck to
# the digits ('๑๕๐,' '๕๐๐.').
NUMBER_MARKS = ",."
ARABIC_NUMBER = re.compile(r"[0-9]+([,.][0-9]+)*")


def follows(a: OcrWord, b: OcrWord) -> bool:
    """Whether ``b`` follows ``a`` on its line as closely as the digits of one number do."""
    return a.line_key == b.line_key and b.bbox.x0 - a.bbox.x1 < max(a.bbox.height, b.bbox.height)


def is_arabic_digits(text: str) -> bool:
    """Arabic digits, with the commas and point of a number between them."""
    return bool(ARABIC_NUMBER.fullmatch(text))


def is_digits(text: str) -> bool:
    return bool(text) and all(c in THAI_DIGITS for c in text)


def is_letters(text: str) -> bool:
    """A word with letters in it (not a separator, not Thai digits): ตง before ๗๘๕๐๒, or a
    Latin word ('ITA') or stand-in beside a run."""
    return any("\u0e01" <= c <= "\u0e2e" or c.isascii() and c.isalpha() for c in text)


def is_number_piece(text: str) -> bool:
    """Thai digits with the comma or point inside a number ('๑๕๐,' '๕๐๐.' ','), and no more."""
    return bool(text) and all(c in THAI_DIGITS or c in NUMBER_MARKS for c in text)


def is_script_slip(text: str) -> bool:
    """A piece of a number with Arabic digits in it ('.0', '๐0'): in a cell of Thai digits, one
    of them read by the ``eng`` half (Noto's ๐ is a ring like 0: ๑๕๑,๙๐๐.๐๐ came out with a
    '.0' and a '0' among its tokens, three digits after the point, and stayed so at 0.86)."""
    return (bool(text) and all(c in THAI_DIGITS or c in ARABIC_DIGITS or c in NUMBER_MARKS for c in text)
            and any(c in ARABIC_DIGITS for c in text))


def has_thai_digit(run: list[OcrWord]) -> bool:
    return any(c in THAI_DIGITS for w in run for c in w.text)


def maybe_digits(text: str) -> bool:
    return is_number_piece(text) and any(c in THAI_DIGITS for c in text) or bool(LATIN_STAND_IN.fullmatch(text))


def digit_runs(words: list[OcrWord], script_slips: bool = False) -> list[list[OcrWord]]:
    """Split the words into runs: the tokens of one number on a line (digits, and the commas
    and points between them), or single words. With ``script_slips`` (a cell of numbers), a
    number's pieces with Arabic digits in it belong to it when it has Thai ones: a number is
    printed in one script."""

    def piece(text: str) -> bool:
        return is_number_piece(text) or script_slips and is_script_slip(text)

    runs: list[list[OcrWord]] = []
    for word in words:
        last = runs[-1][-1] if runs else None
        if last is not None and piece(word.text) and piece(last.text) and follows(last, word):
            runs[-1].append(word)
        else:
            runs.append([word])
    # Arabic pieces with no Thai digit beside them are each their own word, as printed.
    runs = [part for run in runs
            for part in ([run] if has_thai_digit(run) or len(run) == 1 else _split_at_arabic(run))]
    # A mark before the first digit or after the last is the sentence's, not the number's.
    trimmed: list[list[OcrWord]] = []
    for run in runs:
        start, end = 0, len(run)
        while start < end and not _digit_or_stand_in(run[start].text):
            start += 1
        while end > start and not _digit_or_stand_in(run[end - 1].text):
            end -= 1
        trimmed.extend([w] for w in run[:start])
        if start < end:
            trimmed.append(run[start:end])
        trimmed.extend([w] for w in run[end:])
    return trimmed


def _split_at_arabic(run: list[OcrWord]) -> list[list[OcrWord]]:
    """A run with no Thai digit split as it would be without ``script_slips``: each Arabic
    piece a word of its own, the marks between them joined as before."""
    parts: list[list[OcrWord]] = []
    for word in run:
        if is_number_piece(word.text) and parts and is_number_piece(parts[-1][-1].text):
            parts[-1].append(word)
        else:
            parts.append([word])
    return parts


def _digit_or_stand_in(text: str) -> bool:
    return maybe_digits(text) or is_script_slip(text)
