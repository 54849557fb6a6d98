"""Tesseract ``image_to_data`` output → words → lines. Pure: no Tesseract, no files.

Tesseract's Thai model returns roughly one token per character or syllable, and Thai writes
no spaces between words, so the spaces in a Thai line are only where the page has a visible
gap. We therefore rebuild the text from geometry: tokens on one Tesseract line are joined
without a space when the gap between them is small relative to the text height, and with one
space when it is large. Latin tokens are whole words already (the ``eng`` model segments
them), so two Latin tokens always get a space between them.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pythainlp.util import normalize as normalize_thai

from saraban.parsers.model import BBox, Line, Word

# Tesseract's level numbering in image_to_data: 1 page, 2 block, 3 paragraph, 4 line, 5 word.
WORD_LEVEL = 5

# A gap at least this share of the letter-band height is a space. Measured on two memo
# scans and a rendered memo (tha model): blank gaps inside words are 0.15-0.4 of the band,
# at printed spaces 0.6-0.8; 0.5 misplaced fewest spaces (0.4: 13 edits, 0.5: 6, 0.6: 9).
DEFAULT_SPACE_GAP_RATIO = 0.5

# Thai characters that cannot begin a word (marks above/below, and the vowels written after
# the consonant) and that cannot end one (the vowels written before it): no space there,
# however wide the gap; an upper mark's box often starts right of its consonant's box.
_NO_WORD_START = frozenset(
    "\u0e30\u0e31\u0e32\u0e33\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a"
    "\u0e45\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e"
)
_NO_WORD_END = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44")


@dataclass(frozen=True, slots=True)
class LineInk:
    """What the page image says about one line: the white gaps across its letter band and
    that band's height (Tesseract's boxes for Thai glyphs are too loose to measure gaps by)."""

    gaps: tuple[tuple[float, float], ...]  # (x0, x1) of each blank column run inside the line
    body_height: float


# bbox of a line → its ink measurements (the image path supplies one; pure callers need not)
LineInkReader = Callable[[BBox], LineInk]


@dataclass(frozen=True, slots=True)
class OcrWord:
    """One token as Tesseract reported it, with the line it put it on."""

    text: str
    bbox: BBox
    confidence: float  # 0–1
    line_key: tuple[int, int, int]  # (block, paragraph, line) as Tesseract numbered them


def words_from_data(
    data: Mapping[str, Sequence[Any]], offset: tuple[float, float] = (0.0, 0.0)
) -> list[OcrWord]:
    """Turn a pytesseract ``Output.DICT`` into word tokens, in Tesseract's reading order.

    Rows that are not words, are blank, or carry no confidence (-1) are dropped. ``offset``
    (x, y) is added to every box, for data that came from a crop of a larger image.
    """
    dx, dy = offset
    words: list[OcrWord] = []
    for i, raw_text in enumerate(data["text"]):
        text = str(raw_text).strip()
        confidence = float(data["conf"][i])
        if int(data["level"][i]) != WORD_LEVEL or not text or confidence < 0:
            continue
        left, top = float(data["left"][i]) + dx, float(data["top"][i]) + dy
        bbox = BBox(left, top, left + float(data["width"][i]), top + float(data["height"][i]))
        key = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
        words.append(OcrWord(text, bbox, min(confidence, 100.0) / 100.0, key))
    return words


def lines_from_words(
    words: Iterable[OcrWord],
    page: int,
    *,
    space_gap_ratio: float = DEFAULT_SPACE_GAP_RATIO,
    line_ink: LineInkReader | None = None,
) -> list[Line]:
    """Group tokens into lines by Tesseract's line numbers and rebuild each line's text.

    With ``line_ink`` a space goes where the image has a blank gap of at least
    ``space_gap_ratio`` × the letter-band height between two tokens; without it, the gap
    between the tokens' boxes decides.

    Each ``Line.words`` entry is a run of tokens between spaces (a printed word or phrase)
    with the union box and the mean confidence of its tokens; ``Line.confidence`` is the
    mean confidence of all tokens on the line.
    """
    groups: dict[tuple[int, int, int], list[OcrWord]] = {}
    for word in words:
        groups.setdefault(word.line_key, []).append(word)
    lines = [_line(tokens, page, space_gap_ratio, line_ink) for tokens in groups.values()]
    return [line for line in lines if line.text]


def lines_from_data(
    data: Mapping[str, Sequence[Any]],
    page: int,
    *,
    offset: tuple[float, float] = (0.0, 0.0),
    space_gap_ratio: float = DEFAULT_SPACE_GAP_RATIO,
) -> list[Line]:
    """``words_from_data`` then ``lines_from_words``."""
    return lines_from_words(
        words_from_data(data, offset), page, space_gap_ratio=space_gap_ratio
    )


def body_height(tokens: Sequence[OcrWord]) -> float:
    """The height of a line's letters without marks above or below.

    Thai tokens with an upper vowel or tone mark are about twice as tall as bare consonants;
    the lower quartile of token heights is close to the consonant body on a Thai line and to
    the x-height on a Latin one.
    """
    heights = sorted(t.bbox.height for t in tokens)
    return max(heights[(len(heights) - 1) // 4], 1.0)


def _line(
    tokens: list[OcrWord], page: int, space_gap_ratio: float, line_ink: LineInkReader | None
) -> Line:
    tokens = sorted(tokens, key=lambda t: t.bbox.x0)
    bbox = tokens[0].bbox
    for token in tokens[1:]:
        bbox = bbox.union(token.bbox)
    ink = line_ink(bbox) if line_ink is not None else None
    min_space = space_gap_ratio * (ink.body_height if ink else body_height(tokens))
    breaks = _breaks_by_ink(tokens, ink, min_space) if ink else _breaks_by_boxes(tokens, min_space)
    runs: list[list[OcrWord]] = [[tokens[0]]]
    for index, token in enumerate(tokens[1:], start=1):
        if index in breaks:
            runs.append([token])
        else:
            runs[-1].append(token)
    words = tuple(_word(run) for run in runs)
    words = tuple(w for w in words if w.text)
    return Line(
        text=" ".join(w.text for w in words),
        page=page,
        bbox=bbox,
        confidence=statistics.fmean(t.confidence for t in tokens),
        words=words,
    )


def _breaks_by_boxes(tokens: list[OcrWord], min_space: float) -> set[int]:
    """Indexes of the tokens that start a new word, judged by the gaps between boxes."""
    return {
        i
        for i in range(1, len(tokens))
        if _may_break(tokens, i)
        and (
            tokens[i].bbox.x0 - tokens[i - 1].bbox.x1 >= min_space
            or (_is_latin_word(tokens[i - 1].text) and _is_latin_word(tokens[i].text))
        )
    }


def _breaks_by_ink(tokens: list[OcrWord], ink: LineInk, min_space: float) -> set[int]:
    """Indexes of the tokens that start a new word, judged by the blank gaps in the image.

    Tesseract's boxes for Thai glyphs drift left by up to a glyph, sometimes into the gap
    itself, so the word after a gap starts at the first token centred at or beyond the gap's
    right edge (of the rules tried, this one misplaced fewest spaces: 6 edits on 36 lines of
    four memo pages, against 12-39 for the others). When that token cannot start a word (a
    mark, a following vowel), the break moves left to the consonant that carries it.
    """
    breaks = {
        i
        for i in range(1, len(tokens))
        if _is_latin_word(tokens[i - 1].text) and _is_latin_word(tokens[i].text)
    }
    centres = [(t.bbox.x0 + t.bbox.x1) / 2 for t in tokens]
    for x0, x1 in ink.gaps:
        if x1 - x0 < min_space:
            continue
        index = next((i for i, c in enumerate(centres) if c >= x1), len(tokens))
        while 0 < index < len(tokens) and not _may_break(tokens, index):
            index -= 1
        if 0 < index < len(tokens):
            breaks.add(index)
    return breaks


def _may_break(tokens: list[OcrWord], index: int) -> bool:
    """Whether Thai spelling allows a word to start at ``tokens[index]``."""
    return (
        tokens[index].text[0] not in _NO_WORD_START
        and tokens[index - 1].text[-1] not in _NO_WORD_END
    )


def _word(run: list[OcrWord]) -> Word:
    bbox = run[0].bbox
    for token in run[1:]:
        bbox = bbox.union(token.bbox)
    # normalize() repairs what Tesseract emits for Thai: ํ + า instead of ำ, doubled marks,
    # เ + เ instead of แ, tone mark before the vowel.
    text = normalize_thai("".join(t.text for t in run)).strip()
    return Word(text, bbox, _word_confidence(run))


def _word_confidence(run: list[OcrWord]) -> float:
    """The mean of the tokens' confidences, and no more than the least sure digit's: one digit
    misread makes a number wrong however sure the rest are, while a letter misread in a Thai
    word is forgiven by the fuzzy matching its words go through. A memo's number ๗๗๔๐๕/๑๖ whose
    ๖ came out ๒ + ๐, unconfirmed by the glyphs (0.6 each), averaged 0.83 with its sure digits:
    a wrong number nobody was asked to check. (A table cell's value takes its least sure token,
    saraban.ingest.extract.table_reader.)"""
    mean = statistics.fmean(t.confidence for t in run)
    digits = [t.confidence for t in run if any(ch.isdigit() for ch in t.text)]
    return min(mean, *digits) if digits else mean


def _is_latin_word(text: str) -> bool:
    """Two or more characters, all ASCII, at least one a letter: the eng model's words."""
    return len(text) > 1 and text.isascii() and any(c.isalpha() for c in text)
