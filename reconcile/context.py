"""What a bundle says about itself: which organization it comes from, in which province.

A report's title is often garbled (สระเดงนอก, even สงขลา), but the memo, letters and
announcement around it name the organization many times, in cleaner places: the ส่วนราชการ
line, the addressee, the signatories' positions, the announcement's title. Those mentions,
counted, are the context against which report titles are resolved.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from saraban.normalize.names import OrgName, org_mentions, provinces_named
from saraban.normalize.vocab import Vocabulary
from saraban.parsers.letter import LetterFields
from saraban.parsers.model import Document


@dataclass(frozen=True, slots=True)
class BundleContext:
    organizations: tuple[tuple[OrgName, int], ...]  # most mentioned first
    province: str  # most named province, or "" when none or tied

    def names(self) -> list[str]:
        return [org.full for org, _ in self.organizations]


def bundle_context(
    documents: Sequence[Document],
    letters: Sequence[LetterFields],
    vocab: Vocabulary,
    provinces: Collection[str],
) -> BundleContext:
    mentions: Counter[OrgName] = Counter()
    for fields in letters:
        places = [fields.issuer, fields.addressee, *(s.position for s in fields.signatories)]
        for text in places:
            mentions.update(org_mentions(text, vocab.org_types))
    text = "\n".join(line.text for doc in documents for line in doc.lines)
    named = provinces_named(text, provinces).most_common(2)
    province = ""
    if named and (len(named) == 1 or named[0][1] > named[1][1]):
        province = named[0][0]
    return BundleContext(tuple(mentions.most_common()), province)
