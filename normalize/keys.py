"""Stable keys for projects and people whose names the OCR spells differently each time.

A project key is a hash of the organization and a folded skeleton of the project name: the
same skeleton whatever the spaces, quotes, Thai or Arabic digits, the fiscal-year phrase
('ประจำปีงบประมาณ พ.ศ. ๒๕๖๕') and the letters OCR confuses, so the 6-month and 12-month
reports of one project, read from different files, get one key without any shared state.
It cannot link names that differ by a letter lost or added; those keep separate keys.

People: a report's reporter (ผู้รายงาน) is linked to one of the memo's signatories by name
and position together, both as garbled as everything else ('นางสาววา วา คอเคาะ, ผู้ช่วยนิติกร'
is the memo's 'นางสาวยาวาเสะ ดอเล้าะ, ผู้ช่วยนิติการ'), and then shares that signatory's key.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from normalize.numerals import to_arabic_digits
from normalize.org_match import fold, name_key

# The fiscal year a name ends with: 'ประจำปีงบประมาณ พ.ศ. 2565', 'ปีงบประมาณ 2565', 'ปี 2566'.
_YEAR_PHRASE = re.compile(r"(?:ประจำ)?(?:ปี(?:งบประมาณ)?)?(?:พ\.?ศ\.?)?[12][0-9]{3}$")
_PUNCTUATION = re.compile(r"[\"'“”‘’()\[\]{}ฯ,:;!?\-–—/…]")


@dataclass(frozen=True, slots=True)
class LinkSettings:
    min_score: float = 0.65  # combined name and position similarity, 0–1, to link
    name_weight: float = 0.5  # the rest is the position's


@dataclass(frozen=True, slots=True)
class PersonLink:
    index: int  # the signatory linked
    confidence: float
    reason: str


def project_skeleton(name: str) -> str:
    text = to_arabic_digits(name_key(name))
    text = _PUNCTUATION.sub("", text).rstrip(".")
    text = _YEAR_PHRASE.sub("", text)
    return fold(text)


def project_key(organization_key: str, project_name: str) -> str:
    """'p-' and 12 hex: the same for the same project of one organization, across rounds."""
    return _key("p", organization_key, project_skeleton(project_name))


def person_skeleton(name: str, titles: Sequence[str]) -> str:
    cleaned = name_key(name).strip("()")
    for title in sorted((name_key(t) for t in titles), key=len, reverse=True):
        if cleaned.startswith(title):
            cleaned = cleaned[len(title):]
            break
    return fold(cleaned)


def person_key(bundle_key: str, name: str, titles: Sequence[str]) -> str:
    """'h-' and 12 hex for a person named within one bundle."""
    return _key("h", bundle_key, person_skeleton(name, titles))


def link_reporter(
    signatories: Sequence[tuple[str, str]],
    reporter: tuple[str, str],
    titles: Sequence[str],
    settings: LinkSettings = LinkSettings(),
) -> PersonLink | None:
    """The signatory (name, position) the reporter is, or None when none is close enough."""
    name, position = reporter
    if not name or not signatories:
        return None
    wanted_name, wanted_position = person_skeleton(name, titles), fold(name_key(position))
    scored = []
    for index, (other_name, other_position) in enumerate(signatories):
        by_name = fuzz.ratio(wanted_name, person_skeleton(other_name, titles)) / 100
        by_position = fuzz.ratio(wanted_position, fold(name_key(other_position))) / 100 if position else 0.0
        combined = settings.name_weight * by_name + (1 - settings.name_weight) * by_position
        scored.append((combined, by_name, by_position, index))
    combined, by_name, by_position, index = max(scored)
    if combined < settings.min_score:
        return None
    return PersonLink(index, round(combined, 2), f"name {by_name:.2f}, position {by_position:.2f}")


def _key(kind: str, scope: str, skeleton: str) -> str:
    digest = hashlib.sha1(f"{scope}\x1f{skeleton}".encode("utf-8")).hexdigest()
    return f"{kind}-{digest[:12]}"
