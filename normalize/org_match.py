"""Match an OCR-garbled organization name against the gazetteer, or say that it cannot.

A printed name is read as (type prefix, name, place): the prefix exactly (split_org) or, when
OCR garbled it (องคการบริหารสวนตำบล, ทต without its dot), by a fuzzy match on its folded form;
a trailing ``อำเภอ… จังหวัด…`` gives the district and province when the context has none.
The name is scored against every candidate key with two rapidfuzz ratios computed by
``process.cdist`` on all cores: on the key as printed (NFC, PyThaiNLP-normalized, no spaces or
punctuation; rapidfuzz's default_process is not used, it strips Thai marks) and on a folded
*skeleton* where the letters Tesseract confuses in Thai share one symbol and the marks it loses
or adds are dropped. A confusable substitution or a lost tone mark so costs half an ordinary
edit (benchmarks/names.py measured this against each ratio alone, see benchmarks/RESULTS.md).

Context narrows the candidates: a province (given, or printed after the name) restricts them to
that province; the printed type costs a penalty when it differs (a small one between municipal
levels, which LAOs climb: ทต. → ทม.), and a given district one for the others.

A wrong confident code is worse than none: under ``accept`` the answer is 'unmatched', and
another organization within ``margin`` of the best makes it 'ambiguous' (the same name in two
provinces with no province given, or two names one letter apart). The shipped thresholds are
calibrated by ``benchmarks/names.py --calibrate`` on a seed other than the reported one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from rapidfuzz import fuzz, process

from normalize.gazetteer import MUNICIPAL_TYPES, LaoEntry
from normalize.names import split_org
from normalize.text import clean_text, match_key
from normalize.vocab import OrgType

__all__ = [
    "CONFUSABLE_GROUPS", "DROPPED_MARKS", "MatchContext", "MatchSettings", "OrgMatch", "OrgMatcher",
    "PrintedName", "fold", "name_key", "read_printed", "split_type",
]

# Each group of characters Tesseract mistakes for one another folds to its first (the pairs seen
# in the project's OCR output and in keys.py: ด/ต, บ/ป, ถ/ภ, ช/ซ/ข, ผ/พ/ฝ/ฟ, ม/น, ศ/ส, and the
# digits its Thai model cannot emit: ๖ read ๒, ๔ read ๕, ๐ read o). Keys hold Arabic digits.
CONFUSABLE_GROUPS = ("ดต", "บปษ", "ถภ", "ชซขฃ", "ผพฟฝ", "มน", "คฅ", "ฎฏ", "ศส", "26", "45", "0o")
# Marks OCR drops, doubles or adds: ะ, vowels above and below, tone marks, ็ ์ ํ.
DROPPED_MARKS = "\u0e30\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d"
_FOLD = str.maketrans(
    {c: group[0] for group in CONFUSABLE_GROUPS for c in group[1:]} | {c: None for c in DROPPED_MARKS}
)
MUNICIPAL = frozenset(MUNICIPAL_TYPES)
# A garbled type prefix is taken for one when its skeleton is this close (0–100) to the type's.
PREFIX_MIN_RATIO = 85.0
# Place words printed after a name and a space: … อำเภอเมืองยะลา จังหวัดยะลา (or อ. / จ.). The
# space tells them from องค์การบริหารส่วนจังหวัด, whatever OCR made of its first words.
_PLACE = re.compile(r"(?<=\s)(?:อำเภอ|จังหวัด|[อจ]\.)")
_DISTRICT = re.compile(r"(?:อำเภอ|(?<=\s)อ\.)\s*(\S+?)\s*(?=จังหวัด|จ\.|\s|$)")
_PROVINCE = re.compile(r"(?:จังหวัด|(?<=\s)จ\.)\s*(\S+)")
# Queries scored per cdist call: bounds the score matrix (chunk × candidates × 4 bytes).
CHUNK = 2048
TOP = 8  # candidates kept per query to find the best and a different runner-up

Verdict = Literal["matched", "ambiguous", "unmatched"]


@dataclass(frozen=True, slots=True)
class MatchSettings:
    # Two ways to answer (benchmarks/names.py --calibrate): a close match clearly ahead of the
    # next organization, or a looser match far ahead of everything else in its context (a short
    # name with two misread letters still stands out among a province's hundred LAOs).
    accept: float = 78.0  # best score (0–100, after penalties) of a close match
    margin: float = 5.0  # ... and how far ahead of the next organization it must be
    lone_accept: float = 70.0  # best score of a looser match
    lone_margin: float = 19.0  # ... that must be this far ahead of the next organization
    municipal_upgrade_penalty: float = 4.0  # ทต. printed for a ทม.: upgrades change the type
    other_type_penalty: float = 15.0  # อบต. printed for a เทศบาล (most ทต. were อบต. first)
    district_penalty: float = 6.0  # a candidate outside the district the context names
    plain_weight: float = 0.5  # share of the as-printed ratio; the rest is the skeleton's

    def answers(self, score: float, runner_up_score: float | None, namesake_score: float | None = None) -> bool:
        """Whether a best candidate scoring ``score`` is a confident answer, with the best
        organization of another name at ``runner_up_score`` and the best namesake (another
        organization of the same name, behind only by the type or district penalties) at
        ``namesake_score`` (None: there is none). A namesake must trail by ``margin``: the
        printed type or the district then tells them apart, however OCR garbled the name."""
        if namesake_score is not None and score - namesake_score < self.margin:
            return False
        gap = score - runner_up_score if runner_up_score is not None else 100.0
        return (score >= self.accept and gap >= self.margin) or (score >= self.lone_accept and gap >= self.lone_margin)


@dataclass(frozen=True, slots=True)
class MatchContext:
    province: str = ""  # the province the bundle names; '' when unknown
    type_code: str = ""  # from the printed prefix; '' when none was printed
    district: str = ""  # the district the bundle names; '' when unknown


@dataclass(frozen=True, slots=True)
class OrgMatch:
    entry: LaoEntry | None  # the organization, when matched
    score: float  # the best candidate's score, 0–100
    runner_up: LaoEntry | None  # the best organization of another name
    runner_up_score: float
    verdict: Verdict
    reason: str
    candidate: LaoEntry | None = None  # the best candidate, matched or not
    namesake: LaoEntry | None = None  # the best other organization of the same name
    namesake_score: float = 0.0  # ... which only the type or the district tells apart


@dataclass(frozen=True, slots=True)
class PrintedName:
    type_code: str  # '' when no type prefix could be read
    key: str  # name_key of the name without its prefix and place
    province: str  # printed after the name (… จังหวัดยะลา), else ''
    district: str


def name_key(text: str) -> str:
    """The name as printed, comparable: NFC, Thai-normalized, Arabic digits, nothing but Thai
    letters and marks, a-z and 0-9 (no spaces, dots or quotes)."""
    return match_key(text)


def fold(key: str) -> str:
    """The skeleton of a name key: confusable letters merged, droppable marks dropped, and ระ
    read for ะ (สระเดงนอก for สะเตงนอก) undone."""
    return key.replace("ระ", "ะ").translate(_FOLD)


def read_printed(text: str, org_types: Sequence[OrgType], dotless: Sequence[str] = ()) -> PrintedName:
    """Type, name key and place of a printed organization name. ``dotless`` are abbreviations
    (ทต, อบต) to strip when printed without their dot: only those no gazetteer name begins with."""
    cleaned = clean_text(text)
    province = district = ""
    place = _PLACE.search(cleaned, 2)
    if place:
        tail = " " + cleaned[place.start():]
        found_district, found_province = _DISTRICT.search(tail), _PROVINCE.search(tail)
        district = found_district.group(1) if found_district else ""
        province = found_province.group(1) if found_province else ""
        cleaned = cleaned[: place.start()]
    org = split_org(cleaned, org_types)
    if org is not None:
        return PrintedName(org.type_code, name_key(org.name), province, district)
    key = name_key(cleaned)
    for alias, type_code in dotless:
        if key.startswith(alias) and len(key) > len(alias) + 1:
            return PrintedName(type_code, key[len(alias):], province, district)
    type_code, rest = _garbled_prefix(key, org_types)
    return PrintedName(type_code, rest, province, district)


def split_type(text: str, org_types: Sequence[OrgType]) -> tuple[str, str]:
    """(type code, name key without its prefix) of a printed organization name."""
    printed = read_printed(text, org_types)
    return printed.type_code, printed.key


def _garbled_prefix(key: str, org_types: Sequence[OrgType]) -> tuple[str, str]:
    """(type code, rest) when ``key`` starts with a type word OCR garbled, else ('', key). Only
    the long type words: a garbled two-letter abbreviation cannot be told from a name."""
    best = (PREFIX_MIN_RATIO, "", key)
    for org_type in org_types:
        word = fold(name_key(org_type.canonical))
        if org_type.code == "special_admin_area" or len(word) < 6:  # เมืองพัทยา is a name
            continue
        for cut in range(len(word) - 2, min(len(key) - 1, len(word) + 6)):
            score = fuzz.ratio(fold(key[:cut]), word)
            if score > best[0] or (score == best[0] and best[1] and cut > len(key) - len(best[2])):
                best = (score, org_type.code, key[cut:])
    return best[1], best[2]


def _entry_keys(entry: LaoEntry, prefixes: Sequence[str]) -> list[str]:
    """The name keys an entry is known by: its name, and the names of its aliases (renamed LAOs)
    without their type prefix and place."""
    keys = [name_key(entry.name)]
    for alias in entry.aliases:
        name = re.split(r"\s(?:อำเภอ|จังหวัด)", alias, maxsplit=1)[0].strip()
        for prefix in prefixes:
            if name.startswith(prefix) and len(name) > len(prefix):
                name = name[len(prefix):].strip(" .")
                break
        if name != entry.name:
            keys.append(name_key(name))
    return list(dict.fromkeys(k for k in keys if k))


class OrgMatcher:
    """The gazetteer's names, keyed once (a row per distinct key of an entry), and the matching
    over them. Immutable after construction; safe to share between threads and to pickle."""

    def __init__(self, entries: Sequence[LaoEntry], org_types: Sequence[OrgType],
                 settings: MatchSettings | None = None) -> None:
        self.entries = tuple(entries)
        self.org_types = tuple(org_types)
        self.settings = settings or MatchSettings()
        prefixes = sorted({p for t in org_types for p in (t.canonical, t.alias) if t.code != "special_admin_area"},
                          key=len, reverse=True)
        rows = [(index, key) for index, entry in enumerate(self.entries) for key in _entry_keys(entry, prefixes)]
        self._row_entry = np.array([index for index, _ in rows], dtype=np.int64)
        self._keys = [key for _, key in rows]
        keys_of: list[set[str]] = [set() for _ in self.entries]
        for index, key in rows:
            keys_of[index].add(key)
        self._keys_of = tuple(frozenset(k) for k in keys_of)
        self._folded = [fold(key) for key in self._keys]
        self._row_type = np.array([self.entries[i].type_code for i, _ in rows], dtype=object)
        self._row_district = np.array([self.entries[i].district for i, _ in rows], dtype=object)
        by_province: dict[str, list[int]] = {}
        for row, (index, _) in enumerate(rows):
            by_province.setdefault(self.entries[index].province, []).append(row)
        self._rows_in = {p: np.array(r, dtype=np.int64) for p, r in by_province.items()}
        self._all_rows = np.arange(len(rows), dtype=np.int64)
        dotless = [(name_key(t.alias), t.code) for t in org_types if t.alias != t.canonical]
        self._dotless = tuple((a, c) for a, c in dotless if a and not any(k.startswith(a) for k in self._keys))
        self._type_penalties = {t.code: self._penalty_for(t.code) for t in org_types}

    @property
    def provinces(self) -> frozenset[str]:
        return frozenset(self._rows_in)

    def read(self, text: str) -> PrintedName:
        """``text`` as this matcher reads it (read_printed with its dotless abbreviations)."""
        return read_printed(text, self.org_types, self._dotless)

    def match(self, query: str, context: MatchContext = MatchContext()) -> OrgMatch:
        return self.match_many([query], [context])[0]

    def match_many(self, queries: Sequence[str], contexts: Sequence[MatchContext]) -> list[OrgMatch]:
        """Each query against its context's candidates, in order. Queries sharing a province
        are scored together, CHUNK at a time, with rapidfuzz's cdist on all cores."""
        if len(queries) != len(contexts):
            raise ValueError(f"{len(queries)} queries but {len(contexts)} contexts")
        printed = [self.read(q) for q in queries]
        results: list[OrgMatch | None] = [None] * len(queries)
        groups: dict[str, list[int]] = {}
        for i, (context, name) in enumerate(zip(contexts, printed)):
            province = _province_name(context.province) or _province_name(name.province)
            groups.setdefault(province if province in self._rows_in else "", []).append(i)
            if not name.key:
                results[i] = OrgMatch(None, 0.0, None, 0.0, "unmatched", "no name after the type prefix")
        for province, members in groups.items():
            rows = self._rows_in[province] if province else self._all_rows
            members = [i for i in members if results[i] is None]
            for start in range(0, len(members), CHUNK):
                chunk = members[start:start + CHUNK]
                scores = self._scores([printed[i].key for i in chunk], rows)
                for line, i in enumerate(chunk):
                    type_code = contexts[i].type_code or printed[i].type_code
                    district = contexts[i].district or printed[i].district
                    if type_code in self._type_penalties:
                        scores[line] -= self._type_penalties[type_code][rows]
                    if district and self.settings.district_penalty:
                        scores[line] -= self.settings.district_penalty * (self._row_district[rows] != district)
                self._decide_chunk(scores, rows, chunk, results, province, contexts)
        return [r for r in results if r is not None]

    def _scores(self, keys: list[str], rows: np.ndarray) -> np.ndarray:
        """The combined score of each key (a line) against each candidate row (a column)."""
        weight = self.settings.plain_weight
        candidates = [self._keys[r] for r in rows]
        scores = np.zeros((len(keys), len(rows)), dtype=np.float32)
        if weight > 0:
            scores += weight * process.cdist(keys, candidates, scorer=fuzz.ratio, dtype=np.float32, workers=-1)
        if weight < 1:
            folded = [self._folded[r] for r in rows]
            scores += (1 - weight) * process.cdist([fold(k) for k in keys], folded, scorer=fuzz.ratio,
                                                   dtype=np.float32, workers=-1)
        return scores

    def _penalty_for(self, type_code: str) -> np.ndarray:
        """Per row: what printing ``type_code`` costs a candidate of the row's type."""
        same = self._row_type == type_code
        municipal = np.isin(self._row_type, list(MUNICIPAL)) & (type_code in MUNICIPAL)
        return np.where(same, 0.0, np.where(municipal, self.settings.municipal_upgrade_penalty,
                                            self.settings.other_type_penalty)).astype(np.float32)

    def _decide_chunk(self, scores: np.ndarray, rows: np.ndarray, chunk: list[int],
                      results: list[OrgMatch | None], province: str, contexts: Sequence[MatchContext]) -> None:
        if len(rows) == 0:
            for i in chunk:
                results[i] = OrgMatch(None, 0.0, None, 0.0, "unmatched", "the gazetteer is empty")
            return
        top = min(TOP, len(rows))
        best_columns = np.argpartition(-scores, top - 1, axis=1)[:, :top]
        for line, i in enumerate(chunk):
            columns = best_columns[line][np.argsort(-scores[line, best_columns[line]], kind="stable")]
            note = "" if province or not contexts[i].province else f" (province {contexts[i].province!r} not in the gazetteer)"
            results[i] = self._decide(scores[line], rows, columns, note)

    def _decide(self, scores: np.ndarray, rows: np.ndarray, columns: np.ndarray, note: str) -> OrgMatch:
        best_row = rows[columns[0]]
        best_index = int(self._row_entry[best_row])
        best, best_score = self.entries[best_index], float(scores[columns[0]])
        best_keys = self._keys_of[best_index]
        runner = namesake = None
        runner_score = namesake_score = 0.0
        for column in columns[1:]:
            index = int(self._row_entry[rows[column]])
            if index == best_index:
                continue
            if self._keys[rows[column]] in best_keys:
                if namesake is None:
                    namesake, namesake_score = self.entries[index], float(scores[column])
            elif runner is None:
                runner, runner_score = self.entries[index], float(scores[column])
        settings = self.settings
        found = dict(candidate=best, namesake=namesake, namesake_score=namesake_score)
        if settings.answers(best_score, runner_score if runner is not None else None,
                            namesake_score if namesake is not None else None):
            after = f", next {_label(runner)} {runner_score:.0f}" if runner is not None else ""
            return OrgMatch(best, best_score, runner, runner_score, "matched",
                            f"{_label(best)} {best_score:.0f}{after}{note}", **found)
        close = [(other, other_score) for other, other_score in ((namesake, namesake_score), (runner, runner_score))
                 if other is not None and best_score - other_score < settings.margin]
        if close and best_score >= settings.accept:
            other, other_score = close[0]
            return OrgMatch(None, best_score, runner, runner_score, "ambiguous",
                            f"{_label(best)} {best_score:.0f} and {_label(other)} {other_score:.0f} "
                            f"are within {settings.margin:.0f}{note}", **found)
        after = f", next {_label(runner)} {runner_score:.0f}" if runner is not None else ""
        return OrgMatch(None, best_score, runner, runner_score, "unmatched",
                        f"the closest, {_label(best)}, scores {best_score:.0f}{after}: not a confident match{note}",
                        **found)


def _label(entry: LaoEntry) -> str:
    return f"{entry.full_name} ({entry.province}{', ' + entry.code if entry.code else ''})"


def _province_name(text: str) -> str:
    """'จังหวัดยะลา', 'จ. ยะลา', ' ยะลา ' → 'ยะลา'."""
    cleaned = "".join(clean_text(text).split()) if text else ""
    return cleaned.removeprefix("จังหวัด").removeprefix("จ.")
