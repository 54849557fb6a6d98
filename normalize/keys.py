"""Stable keys for projects and people whose names OCR spells differently each time.

A project key hashes the organization with a folded *skeleton* of the project name: the same
skeleton whatever the spaces, quotes, brackets, ฯ, trailing dots, Thai or Arabic digits, the
fiscal-year phrase ('ประจำปีงบประมาณ พ.ศ. ๒๕๖๕', 'ปี 2566'), the tone marks and vowels OCR drops
or adds, and the letters it mistakes for one another. So the 6-month and 12-month reports of one
project, read from different files and written separately, get one key with no shared state.

What the skeleton cannot link: a letter dropped, added, or read as a letter outside its
confusable group ('ประชาคม' read 'ประชาชน': ค and ช are not folded together), a word added or
lost, a Latin misreading ('Policy'/'Polity'). Those keep separate keys; ``cluster_keys`` re-links
them when both spellings are in one batch. What it wrongly links: names that differ only in
folded letters, or only by the digits OCR confuses (2/6, 4/5: 'หมู่ที่ 4' and 'หมู่ที่ 5'
share a key, and so do two projects that differ only by the year).

People: a report's reporter (ผู้รายงาน) is linked to one of its memo's signatories by name and
position together, both as garbled as everything else ('นางสาววา วา คอเคาะ, ผู้ช่วยนิติกร' is
the memo's 'นางสาวยาวาเสะ ดอเล้าะ, ผู้ช่วยนิติการ').

Changing the folding changes every key already written. ``KEY_SCHEME`` is hashed in: bump it,
with the golden keys in tests/normalize/test_keys.py, when the skeleton changes on purpose.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from saraban.normalize.numerals import to_arabic_digits
from saraban.normalize.text import clean_text

__all__ = [
    "KEY_SCHEME", "PersonLink", "PersonLinkSettings", "ProjectLinkSettings", "ProjectMention",
    "batch_project_keys", "cluster_keys",
    "link_people", "link_project_names", "link_reporter", "person_key", "person_skeleton",
    "project_key", "project_skeleton",
]

KEY_SCHEME = "1"

# Each group of characters OCR mistakes for one another folds to its first. 2/6 and 4/5 because
# Tesseract's Thai model cannot emit ๖ or ๔ (benchmarks/RESULTS.md) and prints others for them.
_CONFUSABLE_GROUPS = ("ดต", "บปษ", "ถภ", "ชซขฃ", "พผฝฟ", "นม", "คฅ", "ฎฏ", "สศ", "ไใ", "าำ", "26", "54")
# Marks OCR drops, adds or swaps: ะ, vowels above and below, tone marks, ็ ์ ํ, ฯ and ๆ.
_DROPPED = (
    "\u0e30\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a"  # ะ ั ิ ี ึ ื ุ ู ฺ
    "\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e\u0e2f\u0e46"  # ็ ่ ้ ๊ ๋ ์ ํ ๎ ฯ ๆ
)
_FOLD = str.maketrans(
    {c: group[0] for group in _CONFUSABLE_GROUPS for c in group[1:]} | {c: None for c in _DROPPED}
)
# Everything but Thai letters and vowels, a-z and 0-9 goes: dots, quotes, brackets, dashes.
_NOT_SKELETON = re.compile("[^\u0e01-\u0e3a\u0e40-\u0e4ea-z0-9]+")
_YEAR = r"(?<![0-9])(?:25|24|20|19)[0-9]{2}(?![0-9])"
# A fiscal or calendar year with the words that introduce it, on the text without spaces:
# 'ประจำปีงบประมาณพ.ศ.2565', 'ปี2566', '(พ.ศ.2560-2564)', a bare '2565', and 'ปีงบ65'.
_YEAR_PHRASE = re.compile(
    rf"(?:ประจำ)?(?:ปี(?:งบประมาณ|งบ)?)?(?:[พค]\.?ศ\.?)?{_YEAR}(?:[-–](?:{_YEAR}|[0-9]{{2}}(?![0-9])))?"
    r"|(?:ประจำ)?ปี(?:งบประมาณ|งบ)?(?:พ\.?ศ\.?)?(?<![0-9])[0-9]{2}(?![0-9])"
)
# 'ประจำปี' or 'ประจำปีงบประมาณ' left dangling at the end when no year was printed after it.
_TRAILING_YEAR_WORDS = re.compile(r"(?:ประจำ)?ปี(?:งบประมาณ|งบ)?(?:พศ)?$")
_DIGITS = re.compile(r"[0-9]+")


@dataclass(frozen=True, slots=True)
class ProjectLinkSettings:
    # Complete link: every two names of a cluster are at least this similar (rapidfuzz ratio of
    # skeletons, 0–100). The closest distinct projects of the seed report score 87.1; its
    # names with 3 % (5 %) of their characters garbled at random score 90 or more with the
    # original 99.7 % (98.6 %) of the time, and its OCR's real misreadings 95–98.
    min_similarity: float = 90.0
    # Words that open a project's name: names opening with different ones are different
    # projects ('โครงการเผยแพร่…' and 'กิจกรรมเผยแพร่…' are rows 3 and 12 of one report).
    kinds: tuple[str, ...] = ("โครงการ", "กิจกรรม", "มาตรการ")


@dataclass(frozen=True, slots=True)
class PersonLinkSettings:
    # Similarities are rapidfuzz ratios of folded skeletons, 0–1. Two different people's names
    # (150,000 pairs of the synthetic vocabulary's and the seed's names) score 0.25 (median),
    # 0.50 (99th percentile), 0.78 at most; the seed's reporter and memo author score 0.60.
    names_agree: float = 0.55  # enough when the positions agree too
    name_alone: float = 0.85  # enough without the position (none printed, or a new one)
    positions_agree: float = 0.80  # 'ผู้ช่วยนิติการ'/'ผู้ช่วยนิติกร' 0.94, 'นิติกร' 0.67
    # Words opening a position that make it another rank: รองปลัด is not ปลัด (0.93 alike).
    ranks: tuple[str, ...] = ("รอง", "ผู้ช่วย")
    name_weight: float = 0.5  # the name's share of the confidence, the rest the position's
    margin: float = 0.10  # a second qualifying signatory this close makes it no link


@dataclass(frozen=True, slots=True)
class PersonLink:
    index: int  # of the signatory linked
    confidence: float  # 0–1: name_weight × name + the rest × position (the name alone without)
    reason: str


def project_skeleton(name: str) -> str:
    """The folded form of a project name that ``project_key`` hashes.

    >>> project_skeleton("“โครงการวันเด็ก” ประจำปีงบประมาณ พ.ศ. ๒๕๖๕.")
    'โครงการวนเดก'
    """
    text = _YEAR_PHRASE.sub("", _compact(name))
    return _fold(_TRAILING_YEAR_WORDS.sub("", _NOT_SKELETON.sub("", text)))


def project_key(organization_key: str, project_name: str) -> str:
    """'p-' and 12 hex digits: one key per project of one organization across rounds and
    years, as far as the skeleton reaches (see the module's docstring)."""
    return _key("p", organization_key, project_skeleton(project_name))


def link_project_names(
    names: Sequence[str], settings: ProjectLinkSettings = ProjectLinkSettings(),
    documents: Sequence[frozenset[str]] | None = None,
) -> list[int]:
    """A cluster index per name (0, 1, … in order of first appearance): names of one
    organization that are the same project despite OCR garble share an index.

    Complete-link clustering on skeleton similarity: a name joins a cluster only when it is
    close enough to every member. Names whose digits differ ('ระยะที่ 1' and 'ระยะที่ 2'), that
    open with different kind words, or that were both read in one report (``documents``: the
    reports each name appears in) never share a cluster.
    """
    if not names:
        return []
    if documents is not None and len(documents) != len(names):
        raise ValueError(f"{len(names)} names but {len(documents)} document sets")
    skeletons = [project_skeleton(n) for n in names]
    similarity = process.cdist(skeletons, skeletons, scorer=fuzz.ratio, dtype=np.float64)
    digits = _labels([tuple(_DIGITS.findall(s)) for s in skeletons])
    kind_words = [_compact_folded(k) for k in settings.kinds]
    kinds = np.array([next((k for k in kind_words if s.startswith(k)), "") for s in skeletons])
    other_kind = (kinds[:, None] != kinds[None, :]) & (kinds[:, None] != "") & (kinds[None, :] != "")
    similarity[(digits[:, None] != digits[None, :]) | other_kind] = -np.inf
    if documents is not None:
        for i, j in zip(*np.triu_indices(len(names), k=1)):
            if documents[i] & documents[j]:
                similarity[i, j] = similarity[j, i] = -np.inf
    return _complete_link(similarity, settings.min_similarity)


def cluster_keys(
    organization_key: str, names: Sequence[str],
    settings: ProjectLinkSettings = ProjectLinkSettings(),
    documents: Sequence[frozenset[str]] | None = None,
) -> list[str]:
    """A key per name: ``project_key`` of the first name of its cluster.

    Pass the names in the order the reports were filed (the 6-month round first): the first
    round's projects then keep the key they get when written alone, and later rounds take it.
    The keys hold within this batch; a batch without the first round keys by a later name.
    """
    clusters = link_project_names(names, settings, documents)
    first: dict[int, str] = {}
    for cluster, name in zip(clusters, names):
        first.setdefault(cluster, name)
    return [project_key(organization_key, first[c]) for c in clusters]


@dataclass(frozen=True, slots=True)
class ProjectMention:
    """One report row's project, as the batch stage sees it."""

    organization_key: str  # the DLA code, else the organization's name
    project_name: str
    document_id: str  # the report the row was read in
    order: tuple  # filing order: (fiscal year, round in months, file, row), earliest first


def batch_project_keys(
    mentions: Sequence[ProjectMention], settings: ProjectLinkSettings = ProjectLinkSettings()
) -> list[str]:
    """A ``project_key`` per mention after linking, within each organization, the spellings OCR
    gave one project in different reports of the batch (``cluster_keys``, earliest round first;
    two names read in one report stay two projects)."""
    by_organization: dict[str, dict[str, set[str]]] = {}
    for i in sorted(range(len(mentions)), key=lambda i: mentions[i].order):
        mention = mentions[i]
        names = by_organization.setdefault(mention.organization_key, {})
        names.setdefault(mention.project_name, set()).add(mention.document_id)
    key_of: dict[tuple[str, str], str] = {}
    for organization_key, names in by_organization.items():
        keys = cluster_keys(organization_key, list(names), settings, [frozenset(d) for d in names.values()])
        key_of.update(((organization_key, name), key) for name, key in zip(names, keys))
    return [key_of[(m.organization_key, m.project_name)] for m in mentions]


def person_skeleton(name: str, titles: Sequence[str]) -> str:
    """A person's name without brackets, spaces and title (longest first), folded like
    project names: '(นางสาวยาวาเสะ ดอเล้าะ)' → 'ยาวาเสดอเลา'."""
    text = _compact_folded(name)
    for title in sorted((_compact_folded(t) for t in titles), key=len, reverse=True):
        if title and text.startswith(title) and len(text) > len(title):
            return text[len(title):]
    return text


def person_key(bundle_key: str, name: str, titles: Sequence[str]) -> str:
    """'h-' and 12 hex digits for a person named within one bundle (title and spaces aside).
    A reporter linked by ``link_people`` takes the key of the signatory it is linked to."""
    return _key("h", bundle_key, person_skeleton(name, titles))


def link_people(
    signatories: Sequence[tuple[str, str]],
    reporter: tuple[str, str],
    settings: PersonLinkSettings = PersonLinkSettings(),
    titles: Sequence[str] = (),
) -> PersonLink | None:
    """The memo signatory (name, position) that a report's reporter (name, position) is, or
    None. ``titles`` are the person titles to strip (``Vocabulary.person_titles``).

    A signatory qualifies when the names agree and so do the positions, or when the names
    alone are close enough; never on the position alone (a colleague of the same rank is
    another person) and never when both disagree. The best qualifying signatory is the link
    unless a second one qualifies within ``settings.margin``.
    """
    name, position = reporter
    wanted_name = person_skeleton(name, titles)
    if not wanted_name:
        return None
    wanted_position = _compact_folded(position)
    qualified = []
    for index, (other_name, other_position) in enumerate(signatories):
        by_name = fuzz.ratio(wanted_name, person_skeleton(other_name, titles)) / 100
        by_position = _position_similarity(wanted_position, _compact_folded(other_position), settings)
        positions_agree = by_position is not None and by_position >= settings.positions_agree
        if (by_name >= settings.names_agree and positions_agree) or by_name >= settings.name_alone:
            weight = settings.name_weight if by_position is not None else 1.0
            confidence = weight * by_name + (1 - weight) * (by_position or 0.0)
            qualified.append((confidence, index, by_name, by_position))
    if not qualified:
        return None
    qualified.sort(key=lambda row: (-row[0], row[1]))
    confidence, index, by_name, by_position = qualified[0]
    if len(qualified) > 1 and confidence - qualified[1][0] < settings.margin:
        return None
    position_text = "no position to compare" if by_position is None else f"position {by_position:.2f}"
    others = f"; next qualifying {qualified[1][0]:.2f}" if len(qualified) > 1 else ""
    return PersonLink(index, round(confidence, 3), f"name {by_name:.2f}, {position_text}{others}")


def link_reporter(
    signatories: Sequence[tuple[str, str]],
    reporter: tuple[str, str],
    titles: Sequence[str],
    settings: PersonLinkSettings = PersonLinkSettings(),
) -> PersonLink | None:
    """``link_people`` with the titles first: the call ingest/pipeline.py makes."""
    return link_people(signatories, reporter, settings, titles)


def _position_similarity(a: str, b: str, settings: PersonLinkSettings) -> float | None:
    """Ratio of two folded positions, 0 when they are of different rank, None when one is
    missing."""
    if not a or not b:
        return None
    ranks = [_compact_folded(r) for r in settings.ranks]
    rank_a = next((r for r in ranks if a.startswith(r)), "")
    rank_b = next((r for r in ranks if b.startswith(r)), "")
    return 0.0 if rank_a != rank_b else fuzz.ratio(a, b) / 100


def _complete_link(similarity: np.ndarray, threshold: float) -> list[int]:
    """Merge the two most similar clusters while their least similar members reach
    ``threshold``; ties go to the lowest indices, so the result depends only on the input."""
    n = len(similarity)
    members: list[list[int]] = [[i] for i in range(n)]
    linkage = similarity.astype(np.float64, copy=True)
    np.fill_diagonal(linkage, -np.inf)
    alive = np.ones(n, dtype=bool)
    while True:
        best = int(np.argmax(linkage))
        a, b = divmod(best, n)
        if linkage[a, b] < threshold:
            break
        a, b = min(a, b), max(a, b)
        members[a] += members[b]
        alive[b] = False
        # Complete link: the merged cluster is as similar to another as its least similar member.
        linkage[a, :] = linkage[:, a] = np.minimum(linkage[a, :], linkage[b, :])
        linkage[b, :] = linkage[:, b] = -np.inf
        linkage[a, a] = -np.inf
    # A cluster lives on at its lowest index, so numbering the living ones in index order
    # numbers clusters by their first name.
    labels = [0] * n
    for label, head in enumerate(np.flatnonzero(alive)):
        for i in members[head]:
            labels[i] = label
    return labels


def _labels(values: Sequence[object]) -> np.ndarray:
    """An integer per value, equal for equal values."""
    ids: dict[object, int] = {}
    return np.array([ids.setdefault(v, len(ids)) for v in values])


def _compact(text: str) -> str:
    # Spaces go before anything else, so that a space OCR put inside a year or a word, or
    # between a letter and its mark, changes nothing.
    return clean_text("".join(to_arabic_digits(text).split())).lower()


def _compact_folded(text: str) -> str:
    return _fold(_NOT_SKELETON.sub("", _compact(text)))


def _fold(text: str) -> str:
    # ระ is how OCR reads ะ after a consonant (สระเตง for สะเตง); ะ itself is dropped below.
    return text.replace("ระ", "ะ").translate(_FOLD)


def _key(kind: str, scope: str, skeleton: str) -> str:
    digest = hashlib.sha1(f"{KEY_SCHEME}\x1f{scope}\x1f{skeleton}".encode()).hexdigest()
    return f"{kind}-{digest[:12]}"
