"""Unsure Latin tokens in Thai text cells are read again by the Thai model alone."""

from __future__ import annotations

import numpy as np

from saraban.ingest.extract.latin_reread import LATIN_SURE, reread_latin
from saraban.parsers.model import BBox
from saraban.parsers.ocr_data import OcrWord

IMAGE = np.full((60, 400), 255, np.uint8)


def word(text: str, confidence: float, x0: float = 10) -> OcrWord:
    return OcrWord(text, BBox(x0, 10, x0 + 80, 50), confidence, (1, 1, 1))


def thai_reader(*tokens: tuple[str, float]):
    calls = []

    def read(image: np.ndarray) -> list[OcrWord]:
        calls.append(image.shape)
        return [word(text, confidence) for text, confidence in tokens]

    return read, calls


def test_an_unsure_latin_token_takes_the_thai_reading():
    read, calls = thai_reader(("บุคลา", 0.91), ("กร", 0.88))
    words = [word("กิจกรรมอบรมพัฒนา", 0.93), word("YA", 0.42, 100), word("ING", 0.51, 190)]
    out = reread_latin(words, IMAGE, read)
    # 'YA ING' is one run, read again from both boxes at once.
    assert [w.text for w in out] == ["กิจกรรมอบรมพัฒนา", "บุคลากร"]
    assert out[1].confidence == 0.88 and out[1].bbox == BBox(100, 10, 270, 50)
    assert calls == [(60, 190)]  # the run's box, with room for marks above and below


def test_sure_english_and_thai_words_are_not_read_again():
    read, calls = thai_reader(("โน", 0.99))
    words = [word("(No", 0.969), word("Gift", LATIN_SURE), word("นโยบาย", 0.3)]
    assert reread_latin(words, IMAGE, read) == words and not calls


def test_a_thai_reading_that_is_latin_empty_or_less_sure_changes_nothing():
    garbled = [word("wel.", 0.6)]
    for tokens in ([("wel.", 0.9)], [], [("๒๕", 0.95)], [("พ.ศ.", 0.55)]):
        read, _ = thai_reader(*tokens)
        assert reread_latin(garbled, IMAGE, read) == garbled
    read, _ = thai_reader(("พ.ศ.", 0.61))
    assert [w.text for w in reread_latin(garbled, IMAGE, read)] == ["พ.ศ."]


def test_a_run_does_not_reach_across_cells_on_a_strip():
    # Two header cells read side by side on one strip: ลำดับ's 'ลำ' as 'a.' and มิติ as 'A'.
    # Joined into one run they were read again as one box, and 'ลำ.มิติดับ' went to ลำดับ.
    from saraban.ingest.extract.grid import GridCell
    from saraban.ingest.extract.table_reader import _read_lines

    def crop() -> np.ndarray:
        image = np.full((40, 120), 255, np.uint8)
        for x in range(10, 110, 20):
            image[12:28, x : x + 10] = 0  # letters
        return image

    cells = [GridCell(0, col, 1, 1, BBox(130 * col, 0, 130 * col + 120, 40)) for col in (0, 2)]
    rereads = []

    def ocr(image, numeric, single_line, lang=None):
        if lang is not None:
            rereads.append(image.shape[1])
            return [OcrWord("มิติ", BBox(0, 0, image.shape[1], image.shape[0]), 0.93, (1, 1, 1))]
        ink = np.nonzero((image < 128).any(axis=0))[0]
        starts = [x for x in ink if x - 1 not in set(ink)][::5]  # the first letter of each cell
        return [OcrWord(text, BBox(x, 10, x + 40, 50), 0.5, (1, 1, 1)) for text, x in zip(("a.", "A"), starts)]

    texts = _read_lines([(cells[0], crop()), (cells[1], crop())], ocr)
    assert texts[cells[0]][0] == "มิติ" and texts[cells[1]][0] == "มิติ"
    assert len(rereads) == 2 and max(rereads) < 80  # each read from its own word's box
