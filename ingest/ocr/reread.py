"""The step after an OCR engine: numbers read again from their glyphs.

Whatever engine read an image, its words go through :class:`DigitRereader` with the image: runs
of Thai digits are matched against glyph templates (thai_digits; the stock ``tha`` model cannot
output ๔ ๖ ๗ ๘ ๙), and in a cell of numbers the Arabic ones are confirmed by theirs
(arabic_digits). The templates are drawn on first use and kept for the engine's life.
"""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image

from saraban.ingest.ocr.arabic_digits import confirm_arabic_numbers
from saraban.ingest.ocr.digit_glyphs import (
    ARABIC_DIGITS, SEPARATORS, THAI_DIGITS, DigitTemplates, LearnedDigits, load_digit_templates,
)
from saraban.ingest.ocr.thai_digits import reread_digit_runs
from saraban.parsers.ocr_data import OcrWord


class DigitRereader:
    """Re-reads the digits of an engine's words; ``thai`` False leaves Thai digit runs as read
    (the engine was not asked for Thai, or the settings turn the re-reading off)."""

    def __init__(self, thai: bool) -> None:
        self._thai = thai
        self._thai_templates: DigitTemplates | None = None  # built on first use
        self._number_templates: DigitTemplates | None = None  # built on first use

    def number_templates(self) -> DigitTemplates | None:
        """Glyph templates of Arabic and Thai digits (None: no font to draw them from)."""
        if self._number_templates is None:
            self._number_templates = load_digit_templates(digits=THAI_DIGITS + ARABIC_DIGITS)
        return self._number_templates

    def _templates(self) -> DigitTemplates | None:
        """The Thai-digit templates the re-reader matches against: drawn once, with the Arabic
        ones, and kept without them."""
        if self._thai and self._thai_templates is None:
            every = self.number_templates()
            self._thai_templates = every.only(THAI_DIGITS + SEPARATORS) if every is not None else None
        return self._thai_templates if self._thai else None

    def __call__(
        self,
        words: list[OcrWord],
        image: Image.Image | np.ndarray,
        *,
        whitelist: str | None = None,
        learned: LearnedDigits | None = None,
    ) -> list[OcrWord]:
        """``words`` as an engine read them from ``image``, their numbers read again.
        ``whitelist`` is what the engine was restricted to (set: a cell of numbers);
        ``learned`` are digit glyphs the document's own ลำดับ column taught."""
        templates = self._templates()
        if templates is None:
            return words
        ink = ink_mask(image)
        number_templates = self.number_templates()
        if learned is not None and learned.labels and number_templates is not None:
            # A decorative face's ๖ and ๘, which Tesseract cannot emit and the stock
            # templates do not know (a summary's ๖๘๑,๐๓๕ came out ๒๕๑,๐๓๕).
            templates = templates.with_learned(learned).only(THAI_DIGITS + SEPARATORS)
            number_templates = number_templates.with_learned(learned)
        words = reread_digit_runs(words, ink, templates, arabic_stand_ins=whitelist is not None,
                                  with_arabic=number_templates)
        if whitelist is not None and number_templates is not None:  # a cell of numbers
            words = confirm_arabic_numbers(words, ink, number_templates)
        return words


def ink_mask(image: Image.Image | np.ndarray) -> np.ndarray:
    """Ink = 255 by Otsu, for the glyph shapes of the digit re-reader."""
    pil = image if isinstance(image, Image.Image) else Image.fromarray(image)
    gray = np.asarray(pil.convert("L"))
    _, mask = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return mask
