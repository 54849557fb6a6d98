"""Organization, plan and person names as they appear, garbled, in OCR text.

Pure functions: the caller passes the vocabulary and the candidate names (the bundle's own
context today, a gazetteer of all LAOs later).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from saraban.normalize.text import clean_text, match_key
from saraban.normalize.vocab import OrgType

# A mayor or chief clerk is named after the body they serve: นายกเทศมนตรีเมืองX → เทศบาลเมืองX.
_OFFICE_TO_BODY = (
    (re.compile(r"(?:รอง)?นายกเทศมนตรี(นคร|เมือง|ตำบล)"), r"เทศบาล\1"),
    (re.compile(r"(?:รอง)?นายก(องค์การบริหารส่วน(?:ตำบล|จังหวัด))"), r"\1"),
    (re.compile(r"ปลัด(เทศบาล(?:นคร|เมือง|ตำบล)|องค์การบริหารส่วน(?:ตำบล|จังหวัด))"), r"\1"),
)


@dataclass(frozen=True, slots=True)
class OrgName:
    full: str  # canonical type prefix + name: เทศบาลเมืองสะเตงนอก
    type_prefix: str  # เทศบาลเมือง
    name: str  # สะเตงนอก
    type_code: str  # town_municipality


@dataclass(frozen=True, slots=True)
class NameMatch:
    name: str
    score: float  # 0–100
    runner_up: str | None = None
    runner_up_score: float = 0.0


def split_org(text: str, org_types: Sequence[OrgType], *, cleaned: bool = False) -> OrgName | None:
    """Read ``text`` as '<LAO type><name>' (``อบต.บ้านนา``, ``เทศบาลเมือง สะเตงนอก``).
    ``cleaned``: ``text`` is already clean_text's output."""
    cleaned = text if cleaned else clean_text(text)
    for body, replacement in _OFFICE_TO_BODY:
        cleaned = body.sub(replacement, cleaned, count=1)
    # Longest prefix first: เทศบาลเมือง must not be read as เทศบาล + เมือง...
    prefixes = sorted(
        [(t.canonical, t) for t in org_types] + [(t.alias, t) for t in org_types],
        key=lambda pair: len(pair[0]),
        reverse=True,
    )
    for prefix, org_type in prefixes:
        if cleaned.startswith(prefix):
            name = cleaned[len(prefix) :].strip(" .")
            if not name:
                return None
            return OrgName(org_type.canonical + name, org_type.canonical, name, org_type.code)
    return None


def org_mentions(text: str, org_types: Sequence[OrgType]) -> list[OrgName]:
    """Organizations named in ``text`` where the name is delimited by spaces or line ends.

    Thai runs words together, so a name inside a sentence has no end we can see; only
    space-delimited mentions (letterheads, addressees, signature positions, titles) count.
    """
    found = []
    for token in clean_text(text).split(" "):
        org = split_org(token, org_types)
        if org is not None and len(org.name) >= 2:
            found.append(org)
    return found


def match_name(query: str, choices: Sequence[str], min_score: float = 0.0) -> NameMatch | None:
    """Best of ``choices`` for ``query`` by a Thai-aware ratio, with the runner-up."""
    if not choices:
        return None
    hits = process.extract(
        query, list(choices), scorer=fuzz.ratio, processor=match_key, limit=2
    )
    if not hits or hits[0][1] < min_score:
        return None
    best, score, _ = hits[0]
    runner, runner_score = (hits[1][0], hits[1][1]) if len(hits) > 1 else (None, 0.0)
    return NameMatch(best, float(score), runner, float(runner_score))


def provinces_named(text: str, provinces: Collection[str]) -> Counter[str]:
    """How often each province is named as ``จังหวัด<province>`` in ``text``."""
    counts: Counter[str] = Counter()
    cleaned = clean_text(text)
    for match in re.finditer(r"จังหวัด\s*([ก-๛]+)", cleaned):
        word = match.group(1)
        for province in provinces:
            if word.startswith(province):
                counts[province] += 1
                break
    return counts
