"""Match an OCR-garbled organization name against the gazetteer, or say that it cannot.

A bundle names its organization several times (the report's title on each page, the memo's
ส่วนราชการ line, the signatories' positions), each garbled its own way. Every mention is read
(saraban.normalize.org_printed: type prefix, name key, place) and scored against every candidate key
with two normalized Levenshtein similarities computed by rapidfuzz's ``process.cdist`` on all
cores: on the key as printed (rapidfuzz's default_process is not used, it strips Thai marks)
and on its folded skeleton, where a confusable substitution or a lost tone mark costs nothing.
Their mean makes such an edit cost half an ordinary one (benchmarks/names.py measured the mix
against each alone, and Levenshtein against fuzz.ratio). A letter or mark the printing lacks
costs less than a misread or an extra one (``edit_weights``): OCR loses far more than it adds
(marks, a letter of a fused pair, the end of a cut line).
An organization's score is the mean, over the mentions, of its best key's score: a misread
that makes one mention look like another LAO is outvoted by the mentions it spared.

Context narrows the candidates: a province (given, or printed after a name) restricts them to
that province; a printed type costs a penalty to candidates of another type (a small one
between municipal levels, which LAOs climb: ทต. → ทม.), and a given district one to the others.

A wrong confident code is worse than none: under ``accept`` the answer is 'unmatched', and
another organization within ``margin`` of the best makes it 'ambiguous' (the same name in two
provinces with no province given, or two names one letter apart). The shipped thresholds are
calibrated by ``benchmarks/names.py --calibrate`` on a seed other than the reported one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from saraban.normalize.gazetteer import MUNICIPAL_TYPES, LaoEntry
from saraban.normalize.org_printed import PrintedName, fold, garbled_type_words, name_key, province_name, read_printed
from saraban.normalize.vocab import OrgType

__all__ = ["MatchContext", "MatchSettings", "OrgMatch", "OrgMatcher"]

MUNICIPAL = frozenset(MUNICIPAL_TYPES)
# Mentions scored per cdist call: bounds the score matrix (chunk × candidates × 4 bytes).
CHUNK = 2048
TOP = 8  # organizations kept per query to find the best and a different runner-up
# Candidate rows per mention (and any tied with the last) rescored with the weighted edit
# costs. rapidfuzz computes uniform Levenshtein bit-parallel and weighted costs cell by cell
# (8× slower on 1,000 × 8,000 random Thai strings of 3–12 letters), so every row is scored
# uniformly and only each mention's best rows again: with 32, the benchmark's figures for names
# alone were those of weighting every row, for bundles of two within 0.02 points (measured with
# costs (2, 3, 3)).
RESCORED = 32

Verdict = Literal["matched", "ambiguous", "unmatched"]


@dataclass(frozen=True, slots=True)
class MatchSettings:
    # Two ways to answer (benchmarks/names.py --calibrate): a close match clearly ahead of the
    # next organization, or a looser match far ahead of everything else in its context (a short
    # name with two misread letters still stands out among a province's hundred LAOs).
    accept: float = 74.0  # best score (0–100, after penalties) of a close match
    margin: float = 4.0  # ... and how far ahead of the next organization it must be
    lone_accept: float = 65.0  # best score of a looser match
    lone_margin: float = 10.0  # ... that must be this far ahead of the next organization
    municipal_upgrade_penalty: float = 4.0  # ทต. printed for a ทม.: upgrades change the type
    other_type_penalty: float = 15.0  # อบต. printed for a เทศบาล (most ทต. were อบต. first)
    district_penalty: float = 6.0  # a candidate outside the district the context names
    plain_weight: float = 0.5  # share of the as-printed ratio; the rest is the skeleton's
    # Levenshtein costs of (a letter the printing lacks, a letter it adds, a letter misread):
    # chosen on the calibration seed by benchmarks/names.py --compare-weights.
    edit_weights: tuple[int, int, int] = (3, 5, 5)

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

    def verdict(self, score: float, runner_up_score: float | None, namesake_score: float | None = None) -> Verdict:
        """'matched' when ``answers``; else 'ambiguous' for a close match with another
        organization within ``margin`` of it, 'unmatched' for the rest."""
        if self.answers(score, runner_up_score, namesake_score):
            return "matched"
        others = (s for s in (namesake_score, runner_up_score) if s is not None)
        return "ambiguous" if score >= self.accept and any(score - s < self.margin for s in others) else "unmatched"


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
        # Rows in entry order: an entry's keys are neighbours, so a row slice reduces to entries.
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
        self._type_words = garbled_type_words(org_types)
        # False for a stand-in gazetteer of place names, whose entries have no DLA codes.
        self.has_codes = any(entry.code for entry in self.entries)

    @property
    def provinces(self) -> frozenset[str]:
        return frozenset(self._rows_in)


    def read(self, text: str) -> PrintedName:
        """``text`` as this matcher reads it (read_printed with its dotless abbreviations)."""
        return read_printed(text, self.org_types, self._dotless, self._type_words)

    def match(self, query: str, context: MatchContext = MatchContext()) -> OrgMatch:
        return self.match_bundles([[query]], [context])[0]

    def match_many(self, queries: Sequence[str], contexts: Sequence[MatchContext]) -> list[OrgMatch]:
        """Each query alone against its context's candidates, in order."""
        return self.match_bundles([[query] for query in queries], contexts)

    def match_mentions(self, mentions: Sequence[str], context: MatchContext = MatchContext()) -> OrgMatch:
        """The one organization that ``mentions`` (a bundle's printings of its name, repeats
        counted) all name."""
        return self.match_bundles([mentions], [context])[0]

    def match_bundles(self, bundles: Sequence[Sequence[str]], contexts: Sequence[MatchContext]) -> list[OrgMatch]:
        """Each bundle's mentions of its organization against its context's candidates, in
        order. Bundles sharing a province are scored together, about CHUNK mentions a call."""
        if len(bundles) != len(contexts):
            raise ValueError(f"{len(bundles)} bundles but {len(contexts)} contexts")
        results: list[OrgMatch | None] = [None] * len(bundles)
        read: list[list[tuple[PrintedName, int]]] = []
        groups: dict[str, list[int]] = {}
        for i, (mentions, context) in enumerate(zip(bundles, contexts)):
            counted = Counter(text for text in mentions if text.strip())
            names = [(name, count) for name, count in ((self.read(t), c) for t, c in counted.items()) if name.key]
            read.append(names)
            if not names:
                results[i] = OrgMatch(None, 0.0, None, 0.0, "unmatched", "no name after the type prefix")
                continue
            printed_province = next((n.province for n, _ in names if n.province), "")
            province = province_name(context.province) or province_name(printed_province)
            groups.setdefault(province if province in self._rows_in else "", []).append(i)
        for province, members in groups.items():
            rows = self._rows_in[province] if province else self._all_rows
            if len(rows) == 0:
                for i in members:
                    results[i] = OrgMatch(None, 0.0, None, 0.0, "unmatched", "the gazetteer is empty")
                continue
            # Where each entry's rows start within ``rows``, and which entry they are.
            starts = np.flatnonzero(np.r_[True, np.diff(self._row_entry[rows]) != 0])
            entry_ids = self._row_entry[rows[starts]]
            for chunk in _chunks(members, [len(read[i]) for i in members]):
                combined = self._bundle_scores([read[i] for i in chunk], [contexts[i] for i in chunk], rows, starts)
                floors = _kth_largest(combined, TOP)
                for line, i in enumerate(chunk):
                    note = "" if province or not contexts[i].province else (
                        f" (province {contexts[i].province!r} not in the gazetteer)")
                    scores = combined[line]
                    columns = np.flatnonzero(scores >= floors[line])
                    columns = columns[np.argsort(-scores[columns], kind="stable")][:TOP]
                    results[i] = self._decide(scores, columns, entry_ids, note)
        return [r for r in results if r is not None]

    def _bundle_scores(self, bundles: list[list[tuple[PrintedName, int]]], contexts: list[MatchContext],
                       rows: np.ndarray, starts: np.ndarray) -> np.ndarray:
        """Per bundle (a line), each entry's score (a column): the count-weighted mean over
        the bundle's mentions of the entry's best key, after the type and district penalties."""
        lines = [(b, name, count) for b, names in enumerate(bundles) for name, count in names]
        scores = self._scores([name.key for _, name, _ in lines], rows)
        districts = [context.district or next((n.district for n, _ in names if n.district), "")
                     for context, names in zip(contexts, bundles)]
        for line, (b, name, _) in enumerate(lines):
            type_code = contexts[b].type_code or name.type_code
            if type_code in self._type_penalties:
                scores[line] -= self._type_penalties[type_code][rows]
            if districts[b] and self.settings.district_penalty:
                scores[line] -= self.settings.district_penalty * (self._row_district[rows] != districts[b])
        by_entry = np.maximum.reduceat(scores, starts, axis=1)
        if len(lines) == len(bundles):  # one mention each: nothing to average
            return by_entry
        totals = [sum(count for _, count in names) for names in bundles]
        by_entry *= np.array([count / totals[b] for b, _, count in lines], dtype=np.float32)[:, None]
        first_lines = np.cumsum([0] + [len(names) for names in bundles[:-1]])
        return np.add.reduceat(by_entry, first_lines, axis=0)

    def _scores(self, keys: list[str], rows: np.ndarray) -> np.ndarray:
        """The combined score of each key (a line) against each candidate row (a column): with
        uniform edit costs for all rows, then the edit weights for each line's RESCORED best."""
        weight = self.settings.plain_weight
        folded = [fold(k) for k in keys]
        scores = np.zeros((len(keys), len(rows)), dtype=np.float32)
        for share, queries, choices in ((weight, keys, [self._keys[r] for r in rows]),
                                        (1 - weight, folded, [self._folded[r] for r in rows])):
            if share > 0:
                part = _similarities(queries, choices)
                part *= share
                scores += part
        if self.settings.edit_weights == (1, 1, 1):
            return scores
        lines, columns = np.nonzero(scores >= _kth_largest(scores, RESCORED)[:, None])
        rescored = np.zeros(len(lines), dtype=np.float32)
        for share, queries, table in ((weight, keys, self._keys), (1 - weight, folded, self._folded)):
            if share > 0:
                pairs = [queries[line] for line in lines], [table[r] for r in rows[columns]]
                rescored += share * _similarities(*pairs, weights=self.settings.edit_weights, pairwise=True)
        scores[lines, columns] = rescored
        return scores

    def _penalty_for(self, type_code: str) -> np.ndarray:
        """Per row: what printing ``type_code`` costs a candidate of the row's type."""
        same = self._row_type == type_code
        municipal = np.isin(self._row_type, list(MUNICIPAL)) & (type_code in MUNICIPAL)
        return np.where(same, 0.0, np.where(municipal, self.settings.municipal_upgrade_penalty,
                                            self.settings.other_type_penalty)).astype(np.float32)

    def _decide(self, scores: np.ndarray, columns: np.ndarray, entry_ids: np.ndarray, note: str) -> OrgMatch:
        """The verdict on one bundle's per-entry ``scores``, ``columns`` its best entries, best
        first: the best, the best organization of another name (the runner-up) and the best of
        the same name (a namesake)."""
        best_index = int(entry_ids[columns[0]])
        best, best_score = self.entries[best_index], float(scores[columns[0]])
        best_keys = self._keys_of[best_index]
        runner = namesake = None
        runner_score = namesake_score = 0.0
        for column in columns[1:]:
            index = int(entry_ids[column])
            if self._keys_of[index] & best_keys:
                if namesake is None:
                    namesake, namesake_score = self.entries[index], float(scores[column])
            elif runner is None:
                runner, runner_score = self.entries[index], float(scores[column])
        settings = self.settings
        found = dict(candidate=best, namesake=namesake, namesake_score=namesake_score)
        verdict = settings.verdict(best_score, runner_score if runner is not None else None,
                                   namesake_score if namesake is not None else None)
        if verdict == "matched":
            after = f", next {_label(runner)} {runner_score:.0f}" if runner is not None else ""
            return OrgMatch(best, best_score, runner, runner_score, "matched",
                            f"{_label(best)} {best_score:.0f}{after}{note}", **found)
        if verdict == "ambiguous":
            other, other_score = next((o, s) for o, s in ((namesake, namesake_score), (runner, runner_score))
                                      if o is not None and best_score - s < settings.margin)
            return OrgMatch(None, best_score, runner, runner_score, "ambiguous",
                            f"{_label(best)} {best_score:.0f} and {_label(other)} {other_score:.0f} "
                            f"are within {settings.margin:.0f}{note}", **found)
        after = f", next {_label(runner)} {runner_score:.0f}" if runner is not None else ""
        return OrgMatch(None, best_score, runner, runner_score, "unmatched",
                        f"the closest, {_label(best)}, scores {best_score:.0f}{after}: not a confident match{note}",
                        **found)


def _similarities(queries: list[str], choices: list[str], weights: tuple[int, int, int] = (1, 1, 1),
                  pairwise: bool = False) -> np.ndarray:
    """0–100 per (query, choice), or per pair when ``pairwise``: one minus the Levenshtein
    distance (costs ``weights``: a choice's letter missing from the query, an extra one, a
    substitution) over the largest it could be. A misread letter is one edit, as OCR makes it,
    not a deletion and an insertion as in fuzz.ratio (benchmarks/names.py: 4.0 % of
    identifiable lone names unanswered against 6.3 %)."""
    compare = process.cpdist if pairwise else process.cdist
    similarities = compare(queries, choices, scorer=Levenshtein.normalized_similarity, dtype=np.float32,
                           workers=-1, scorer_kwargs={"weights": weights})
    similarities *= 100
    return similarities


def _kth_largest(scores: np.ndarray, count: int) -> np.ndarray:
    """Per line of ``scores``, its ``count``-th highest score: the line's ``count`` best columns
    and those tied with the last are the ones at or above it. (np.partition moves values only:
    a third faster than argpartition, which was half of matching names with no province.)"""
    column = max(0, scores.shape[1] - count)
    return np.partition(scores, column, axis=1)[:, column]


def _chunks(members: list[int], sizes: list[int]) -> Iterator[list[int]]:
    """``members`` in runs of about CHUNK mentions (a bundle is never split)."""
    chunk: list[int] = []
    total = 0
    for member, size in zip(members, sizes):
        if chunk and total + size > CHUNK:
            yield chunk
            chunk, total = [], 0
        chunk.append(member)
        total += size
    if chunk:
        yield chunk


def _label(entry: LaoEntry) -> str:
    return f"{entry.full_name} ({entry.province}{', ' + entry.code if entry.code else ''})"
