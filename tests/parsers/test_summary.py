"""The summary block: values found by their labels, and how sure each reading is."""

from __future__ import annotations

from saraban.parsers.model import Line, Word
from saraban.parsers.summary import MISSHAPEN_CONFIDENCE, RawSummary, doubtful_values, parse_summary


def line(text: str, *numbers: tuple[str, float], page: int = 7) -> Line:
    """An OCR line whose words are its whitespace-separated parts, the listed ones at their
    confidence and the rest at 0.95."""
    sure = dict(numbers)
    return Line(text, page, words=tuple(Word(part, None, sure.get(part, 0.95)) for part in text.split()))


def test_values_carry_their_words_confidence(resources):
    summary = parse_summary([
        line("- แผนปฏิบัติการป้องกันการทุจริต มีโครงการ/กิจกรรม/มาตรการ จำนวน ๔๘ โครงการ", ("๔๘", 0.96)),
        line("- รอการรายงาน ๓ โครงการ", ("๓", 0.41)),
        line("- เบิกจ่ายงบประมาณ ๙๐๒,๒๕๒.๐๐ บาท คิดเป็นร้อยละ ๒๗.๐๗", ("๙๐๒,๒๕๒.๐๐", 0.93), ("๒๗.๐๗", 0.9)),
    ], resources.vocab)
    assert (summary.total_raw, summary.counts_raw, summary.disbursed_raw) == ("๔๘", {"awaiting_report": "๓"}, "๙๐๒,๒๕๒.๐๐")
    assert summary.confidence == {"total": 0.96, "awaiting_report": 0.41, "disbursed": 0.93, "disbursed_percent": 0.9}
    assert summary.page == 7


def test_a_number_with_letters_or_mixed_digits_is_doubtful(resources):
    # ๔๗ read as '๔ซ', ๙๐๒,… with its first digit read as an Arabic 9: each parses as some
    # number, so the word's own confidence (0.93, 0.84) would vouch for a wrong value.
    summary = parse_summary([
        line("- แผนปฏิบัติการป้องกันการทุจริต มีโครงการ/กิจกรรม/มาตรการ จำนวน ๔ซ โครงการ", ("๔ซ", 0.93)),
        line("- เบิกจ่ายงบประมาณ 9๐๒,๒๕๒.๐๐ บาท คิดเป็นร้อยละ ๒๗.๐๗", ("9๐๒,๒๕๒.๐๐", 0.84)),
        line("- อยู่ระหว่างดำเนินการ ๑๔โครงการ", ("๑๔โครงการ", 0.97)),
        line("- ดำเนินการแล้วเสร็จ ส๕ โครงการ", ("ส๕", 0.95)),
    ], resources.vocab)
    assert summary.total_raw == "๔" and summary.confidence["total"] == MISSHAPEN_CONFIDENCE
    assert summary.disbursed_raw == "9๐๒,๒๕๒.๐๐" and summary.confidence["disbursed"] == MISSHAPEN_CONFIDENCE
    assert summary.confidence["disbursed_percent"] == 0.95
    assert summary.confidence["completed"] == MISSHAPEN_CONFIDENCE  # ๙๕ read 'ส๕'
    # A unit or a label printed against the number is no sign of a misreading.
    assert summary.counts_raw["in_progress"] == "๑๔" and summary.confidence["in_progress"] == 0.97
    glued = parse_summary([line("- เบิกจ่ายงบประมาณ 1,297,575.00บาท คิดเป็นร้อยละ41.86",
                                ("1,297,575.00บาท", 0.94), ("คิดเป็นร้อยละ41.86", 0.94))], resources.vocab)
    assert glued.confidence == {"disbursed": 0.94, "disbursed_percent": 0.94}


def test_a_short_dictionary_word_against_digits_is_a_misread_digit(resources):
    # ๙๙๘,๕๑๐.๐๐ read '๙ฒ๘,๕๑๐.๐๐' at 0.95 parses as 9, and ๖๓๑,๙๘๙.๐๐ read 'วต๓๑,๙๘๙.๐๐' at
    # 0.87 as 31,989: ฒ and วต are dictionary entries, but no label or unit is that short.
    for text, word in (("- เบิกจ่ายงบประมาณ ๙ฒ๘,๕๑๐.๐๐ บาท คิดเป็นร้อยละ ๔๕.๐๕", ("๙ฒ๘,๕๑๐.๐๐", 0.95)),
                       ("- เบิกจ่ายงบประมาณ วต๓๑,๙๘๙.๐๐ บาท คิดเป็นร้อยละ ๒๙.๗๐", ("วต๓๑,๙๘๙.๐๐", 0.87))):
        summary = parse_summary([line(text, word)], resources.vocab)
        assert summary.confidence["disbursed"] == MISSHAPEN_CONFIDENCE, text


def test_a_speck_read_as_a_digit_before_the_label_does_not_hide_the_line(resources):
    summary = parse_summary([line("3 เบิกจ่ายงบประมาณ ๑๓๓,๖๕๗.๐๐ บาท คิดเป็นร้อยละ ๓๕.๒๑", ("3", 0.17))],
                           resources.vocab)
    assert (summary.disbursed_raw, summary.disbursed_percent_raw) == ("๑๓๓,๖๕๗.๐๐", "๓๕.๒๑")


def test_text_without_word_confidences_is_read_as_printed(resources):
    summary = parse_summary([Line("- รอการรายงาน 3 โครงการ", 1)], resources.vocab)
    assert summary.counts_raw == {"awaiting_report": "3"} and summary.confidence == {"awaiting_report": 1.0}


def test_thousands_commas_out_of_place_make_a_doubtful_value(resources):
    summary = parse_summary([line("- เบิกจ่ายงบประมาณ 1,047046.00 บาท คิดเป็นร้อยละ 37.28", ("1,047046.00", 0.89))],
                            resources.vocab)
    assert summary.disbursed_raw == "1,047046.00" and summary.confidence["disbursed"] == MISSHAPEN_CONFIDENCE


def test_a_number_cut_short_by_a_speck_is_doubtful(resources):
    # ๒๐๖,๕๓๔.๐๐ read '๒๐๒».๕๓๔.๐๐' at 0.85 (tuning seed 41002): the comma became a speck, the
    # pattern stopped there and 202 went out as the stated total, a false DISBURSED_TOTAL_MISMATCH.
    summary = parse_summary([line("- เบิกจ่ายงบประมาณ ๒๐๒».๕๓๔.๐๐ บาท คิดเป็นร้อยละ ๓๒.๘๔", ("๒๐๒».๕๓๔.๐๐", 0.85))],
                            resources.vocab)
    assert summary.disbursed_raw == "๒๐๒" and summary.confidence["disbursed"] == MISSHAPEN_CONFIDENCE


def summary_of(total: tuple[str, float], *counts: tuple[str, float]) -> RawSummary:
    """A summary with its total and four status counts, each as (printed, confidence)."""
    keys = ("awaiting_report", "in_progress", "completed", "unable_to_proceed")
    return RawSummary(total_raw=total[0], counts_raw={k: c[0] for k, c in zip(keys, counts)},
                      confidence={"total": total[1], **{k: c[1] for k, c in zip(keys, counts)}})


def test_an_unconfirmed_total_that_hides_a_digit_the_thai_model_lacks_is_doubtful():
    # TH Norasi's ๖๒ came out ๒๒ and its glyphs could not confirm it (0.60): the counts add up
    # to 62, and ๖ is a digit Tesseract's Thai model never emits.
    summary = summary_of(("๒๒", 0.6), ("๗", 0.95), ("๓๕", 0.95), ("๑๔", 0.95), ("๖", 0.95))
    assert doubtful_values(summary, 0.8) == {"total": 0.6}


def test_an_unconfirmed_count_that_hides_such_a_digit_is_doubtful():
    summary = summary_of(("๖๒", 0.95), ("๗", 0.95), ("๓๕", 0.95), ("๑๒", 0.6), ("๖", 0.95))
    assert doubtful_values(summary, 0.8) == {"completed": 0.6}  # ๑๔ read ๑๒


def test_a_summary_that_adds_up_or_differs_in_digits_the_model_emits_is_the_documents_own():
    adds_up = summary_of(("๒๒", 0.6), ("๗", 0.95), ("๕", 0.95), ("๑๐", 0.95), ("๐", 0.95))
    assert doubtful_values(adds_up, 0.8) == {}
    # 35 where the counts give 33: the document's own slip as likely as a misread ๓.
    emitted = summary_of(("๓๕", 0.6), ("๓", 0.95), ("๑๐", 0.95), ("๒๐", 0.95), ("๐", 0.95))
    assert doubtful_values(emitted, 0.8) == {}
    confirmed = summary_of(("๒๒", 0.9), ("๗", 0.95), ("๓๕", 0.95), ("๑๔", 0.95), ("๖", 0.95))
    assert doubtful_values(confirmed, 0.8) == {}
    arabic = summary_of(("22", 0.6), ("7", 0.95), ("35", 0.95), ("14", 0.95), ("6", 0.95))
    assert doubtful_values(arabic, 0.8) == {}  # the model emits every Arabic digit


def test_values_read_at_next_to_no_confidence_are_always_doubtful():
    summary = summary_of(("๖๒", 0.95), ("๗", 0.4), ("๓๕", 0.95), ("๑๔", 0.95), ("๖", 0.95))
    assert doubtful_values(summary, 0.8) == {"awaiting_report": 0.4}
