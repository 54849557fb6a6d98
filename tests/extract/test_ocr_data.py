"""Tesseract image_to_data dicts → tokens → lines: pure, no Tesseract needed."""

from __future__ import annotations

from typing import Any

import pytest

from saraban.parsers.model import BBox
from saraban.parsers.ocr_data import LineInk, OcrWord, lines_from_data, lines_from_words, words_from_data


def _data(rows: list[tuple[int, str, float, tuple[int, int, int, int], tuple[int, int, int]]]) -> dict[str, list[Any]]:
    """rows of (level, text, conf, (left, top, width, height), (block, par, line))."""
    keys = ("level", "text", "conf", "left", "top", "width", "height", "block_num", "par_num", "line_num")
    data: dict[str, list[Any]] = {k: [] for k in keys}
    for level, text, conf, (left, top, width, height), (block, par, line) in rows:
        for key, value in zip(keys, (level, text, conf, left, top, width, height, block, par, line)):
            data[key].append(value)
    return data


def _token(text: str, x0: float, x1: float, line: int = 1, conf: float = 0.9) -> OcrWord:
    return OcrWord(text, BBox(x0, 100, x1, 130), conf, (1, 1, line))


def test_words_keep_only_real_words_with_confidence_scaled() -> None:
    data = _data(
        [
            (4, "", -1, (0, 0, 500, 40), (1, 1, 1)),  # a line row, not a word
            (5, "ที่", 96.0, (10, 10, 30, 30), (1, 1, 1)),
            (5, "  ", 95.0, (50, 10, 10, 30), (1, 1, 1)),  # blank
            (5, "x", -1, (70, 10, 10, 30), (1, 1, 1)),  # no confidence
        ]
    )
    words = words_from_data(data, offset=(100, 200))
    assert [(w.text, w.confidence, w.bbox) for w in words] == [("ที่", 0.96, BBox(110, 210, 140, 240))]


def test_small_gaps_join_thai_tokens_and_large_gaps_make_spaces() -> None:
    # body height 30: gaps of 3 px join, a gap of 25 px is a space
    tokens = [_token("บ", 0, 20), _token("ัน", 23, 45), _token("ทึก", 48, 80), _token("ที่", 105, 130)]
    (line,) = lines_from_words(tokens, page=2)
    assert line.text == "บันทึก ที่"
    assert [w.text for w in line.words] == ["บันทึก", "ที่"]
    assert line.words[0].bbox == BBox(0, 100, 80, 130)
    assert line.page == 2


def test_a_mark_never_starts_a_word_however_far_its_box_drifts() -> None:
    tokens = [_token("ก", 0, 20), _token("ี่", 60, 80)]
    assert lines_from_words(tokens, 1)[0].text == "กี่"


def test_latin_words_always_get_a_space() -> None:
    tokens = [_token("e-Plan", 0, 60), _token("NACC", 62, 110)]
    assert lines_from_words(tokens, 1)[0].text == "e-Plan NACC"


def test_line_confidence_is_the_mean_of_its_tokens() -> None:
    tokens = [_token("ก", 0, 20, conf=0.5), _token("ข", 22, 40, conf=1.0), _token("ค", 42, 60, conf=0.9)]
    assert lines_from_words(tokens, 1)[0].confidence == pytest.approx(0.8)


def test_tokens_are_grouped_by_tesseract_line_and_normalized() -> None:
    tokens = [_token("ประจ", 0, 50, line=1), _token("ํา", 52, 70, line=1), _token("ปี", 0, 30, line=2)]
    lines = lines_from_words(tokens, 1)
    # pythainlp.normalize: nikhahit + sara aa → sara am
    assert [line.text for line in lines] == ["ประจำ", "ปี"]


def test_ink_gaps_decide_spaces_when_the_image_is_measured() -> None:
    # the boxes touch; the image has a 15 px blank, and the token centred at or beyond the
    # blank's right edge starts the next word
    tokens = [_token("วัน", 0, 45), _token("ที่", 46, 80), _token("๑๔", 81, 110)]
    ink = LineInk(gaps=((85.0, 100.0),), body_height=30.0)
    line = lines_from_words(tokens, 1, line_ink=lambda box: ink)[0]
    assert line.text == "วันที่๑๔"  # no token is centred beyond the gap: no break
    ink = LineInk(gaps=((80.0, 95.0),), body_height=30.0)
    assert lines_from_words(tokens, 1, line_ink=lambda box: ink)[0].text == "วันที่ ๑๔"


def test_lines_from_data_end_to_end() -> None:
    data = _data(
        [
            (5, "เรื่อง", 93.0, (0, 0, 60, 30), (1, 1, 1)),
            (5, "รายงาน", 91.0, (90, 0, 80, 30), (1, 1, 1)),
        ]
    )
    (line,) = lines_from_data(data, page=1)
    assert line.text == "เรื่อง รายงาน"
    assert line.bbox == BBox(0, 0, 170, 30)


def test_a_word_with_digits_is_as_sure_as_its_least_sure_digit() -> None:
    # ๗๗๔๐๕/๑๖ with its ๖ read as ๒ + ๐ and left unconfirmed (0.6): one doubtful digit makes
    # the number doubtful, however sure the others are.
    number = [_token(ch, 10 * i, 10 * i + 9, conf=0.6 if i >= 7 else 0.95) for i, ch in enumerate("๗๗๔๐๕/๑๒๐")]
    thai = [_token("ส", 200, 209, conf=0.95), _token("ข", 210, 219, conf=0.5)]
    number_word, thai_word = (line.words[0] for line in lines_from_words(number, 1) + lines_from_words(
        [OcrWord(t.text, t.bbox, t.confidence, (1, 1, 2)) for t in thai], 1))
    assert number_word.text == "๗๗๔๐๕/๑๒๐" and number_word.confidence == 0.6
    assert thai_word.confidence == pytest.approx(0.725)  # letters: the mean
