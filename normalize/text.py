"""Unicode clean-up for OCR'd Thai text, and a key for fuzzy matching.

Pure functions, no state. PyThaiNLP does the Thai-specific repairs (decomposed
sara am, spaces before marks, doubled vowels and tone marks); this module adds
the generic ones (NFC, invisible characters, odd spaces).
"""

from __future__ import annotations

import re
import unicodedata

from pythainlp.util import normalize as _thai_normalize
from pythainlp.util import remove_zw as _remove_zw

from normalize.numerals import to_arabic_digits

__all__ = ["clean_text", "match_key"]

# Invisible characters PyThaiNLP's remove_zw leaves alone (it handles ZWSP, ZWNJ).
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
# Spaces other than U+0020 that OCR engines and word processors emit.
_ODD_SPACE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_WHITESPACE = re.compile(r"\s+")
# Kept by match_key: Thai letters, vowels and marks (not digits, not ฿), ASCII a-z, 0-9.
_NOT_KEY_CHAR = re.compile("[^\u0e01-\u0e3a\u0e40-\u0e4ea-z0-9]+")


def clean_text(s: str) -> str:
    """Return `s` in NFC with invisible characters removed, Thai spelling
    repaired by PyThaiNLP and every run of whitespace collapsed to one space.

    >>> clean_text("  ก\u200bํา  \u00a0ไร ")
    'กำ ไร'
    """
    s = unicodedata.normalize("NFC", s)
    s = _remove_zw(_INVISIBLE.sub("", s))
    s = _ODD_SPACE.sub(" ", s)
    s = _thai_normalize(s)
    return _WHITESPACE.sub(" ", s).strip()


def match_key(s: str, *, cleaned: bool = False) -> str:
    """A string processor for fuzzy matching: cleaned, Arabic digits, lower-case
    Latin, and nothing but Thai letters/vowels/tone marks, a-z and 0-9. ``cleaned``: ``s``
    is already clean_text's output (PyThaiNLP's normalize is most of the cost).

    >>> match_key("เทศบาลเมือง สะเตงนอก")
    'เทศบาลเมืองสะเตงนอก'
    """
    return _NOT_KEY_CHAR.sub("", to_arabic_digits(s if cleaned else clean_text(s)).lower())
