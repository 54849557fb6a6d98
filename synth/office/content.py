"""The memo as the clerk types it in the word processor: the content generator's memo, its digits
Thai or Arabic as the office's style says, its subject sometimes longer (so that it wraps).

Pure: a bundle and a style in, a bundle out. The truth is built from the bundle returned here, so
it says what the page prints.
"""

from __future__ import annotations

from dataclasses import replace

from synth.content import Bundle, Person
from synth.office.style import OfficeStyle
from synth.thaitext import arabic, digits


def office_bundle(bundle: Bundle, style: OfficeStyle) -> Bundle:
    memo, thai = bundle.memo, style.thai_digits

    def typed(text: str) -> str:
        return digits(arabic(text), thai)

    subject = memo.subject
    if style.subject_wraps:
        org = bundle.organization
        subject = f"{subject} ของ{org.name} จังหวัด{org.province}"
    memo = replace(
        memo,
        agency=typed(memo.agency),
        doc_number_printed=typed(memo.doc_number_printed),
        subject=typed(subject),
        addressee=typed(memo.addressee),
        paragraphs=tuple(typed(p) for p in memo.paragraphs),
        closing=typed(memo.closing),
        signatories=tuple(Person(p.title, p.first, p.last, typed(p.position)) for p in memo.signatories),
        thai_digits=thai,
    )
    return replace(bundle, memo=memo)
