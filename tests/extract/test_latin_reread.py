"""Unsure Latin tokens in Thai text cells are read again by the Thai model alone."""

from __future__ import annotations

import numpy as np

from ingest.extract.latin_reread import LATIN_SURE, reread_latin
from parsers.model import BBox
from parsers.ocr_data import OcrWord

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
