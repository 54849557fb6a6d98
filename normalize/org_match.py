"""Match an OCR-garbled organization name against the gazetteer, or say that it cannot.

Scores combine two rapidfuzz ratios: on the name as printed (NFC, PyThaiNLP-normalized, type
prefix, spaces and dots removed) and on a folded skeleton where the letters Tesseract confuses
in Thai share one symbol (ด/ต, บ/ป, ถ/ภ, ช/ซ/ข, ผ/พ, ฝ/ฟ, ม/น, ๖/๒, ๔/๕, ๐/o) and the marks it
loses or adds (tone marks, vowels above and below, ะ after ร) are dropped. Context narrows the
candidates first: the province the bundle names, and the LAO type its title prints.

A wrong confident code is worse than none: under ``accept`` the answer is 'unmatched'
(ORG_UNMATCHED), and a runner-up within ``margin`` of the best makes it 'ambiguous'
(ORG_AMBIGUOUS). The defaults are calibrated by benchmarks/names.py on its calibration seed.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from pythainlp.util import normalize as thai_normalize
from rapidfuzz import fuzz, process

from normalize.gazetteer import LaoEntry
from normalize.names import split_org
from normalize.vocab import OrgType

# Each group of letters Tesseract mistakes for one another folds to its first letter.
CONFUSABLE_GROUPS = ("ดต", "บปษ", "ถภ", "ชซขฃ", "ผพฟฝ", "มน", "คฅ", "ฎฏ", "ศส", "๖๒", "๔๕", "๐o0", "วอ")
# Marks OCR drops or adds: tone marks, vowels above and below, ะ, the silent mark.
DROPPED_MARKS = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e30"
_FOLD = str.maketrans(
    {c: group[0] for group in CONFUSABLE_GROUPS for c in group[1:]} | {c: None for c in DROPPED_MARKS}
)
MUNICIPAL = frozenset({"subdistrict_municipality", "town_municipality", "city_municipality"})


@dataclass(frozen=True, slots=True)
class MatchSettings:
    accept: float = 78.0  # best combined score (0–100) needed to answer at all
    margin: float = 2.0  # a different organization this close to the best makes it ambiguous
    municipal_upgrade_penalty: float = 4.0  # ทต. printed for a ทม. (upgrades rename the type)
    other_type_penalty: float = 15.0  # อบต. printed for a เทศบาล


@dataclass(frozen=True, slots=True)
class MatchContext:
    province: str = ""  # '' when the bundle names none
    type_code: str = ""  # from the printed prefix; '' when none was printed


@dataclass(frozen=True, slots=True)
class OrgMatch:
    entry: LaoEntry | None  # the organization, when matched
    score: float
    runner_up: LaoEntry | None
    runner_up_score: float
    verdict: str  # matched | ambiguous | unmatched
    reason: str


def name_key(text: str) -> str:
    """The name as printed, comparable: NFC, Thai-normalized, no spaces or dots."""
    cleaned = thai_normalize(unicodedata.normalize("NFC", text))
    return "".join(c for c in cleaned if not c.isspace() and c != ".")


def fold(key: str) -> str:
    """The skeleton of a name key: confusable letters merged, droppable marks dropped, and
    ระ read for ะ (สระเดงนอก for สะเตงนอก) undone."""
    return key.replace("ระ", "ะ").translate(_FOLD)


def split_type(text: str, org_types: Sequence[OrgType]) -> tuple[str, str]:
    """(type code, name key without its prefix) of a printed organization name."""
    org = split_org(text, org_types)
    return (org.type_code, name_key(org.name)) if org else ("", name_key(text))


class OrgMatcher:
    """The gazetteer's names, keyed once, and the matching over them."""

    def __init__(self, entries: Sequence[LaoEntry], org_types: Sequence[OrgType],
                 settings: MatchSettings | None = None) -> None:
        self.entries = tuple(entries)
        self.org_types = tuple(org_types)
        self.settings = settings or MatchSettings()
        self._keys = [name_key(e.name) for e in self.entries]
        self._folded = [fold(k) for k in self._keys]
        self._types = np.array([e.type_code for e in self.entries])
        self._by_province: dict[str, np.ndarray] = {}
        for index, entry in enumerate(self.entries):
            self._by_province.setdefault(entry.province, []).append(index)  # type: ignore[arg-type]
        self._by_province = {p: np.array(ix) for p, ix in self._by_province.items()}
        self._everyone = np.arange(len(self.entries))

    def match(self, query: str, context: MatchContext = MatchContext()) -> OrgMatch:
        return self.match_many([query], [context])[0]

    def match_many(self, queries: Sequence[str], contexts: Sequence[MatchContext]) -> list[OrgMatch]:
        """Each query against its context's candidates; queries sharing a province are scored
        together with rapidfuzz's cdist on all cores."""
        results: list[OrgMatch | None] = [None] * len(queries)
        groups: dict[str, list[int]] = {}
        for i, context in enumerate(contexts):
            groups.setdefault(context.province if context.province in self._by_province else "", []).append(i)
        for province, members in groups.items():
            candidates = self._by_province[province] if province else self._everyone
            split = [split_type(queries[i], self.org_types) for i in members]
            keys = [name for _, name in split]
            plain = process.cdist(keys, [self._keys[c] for c in candidates],
                                  scorer=fuzz.ratio, workers=-1)
            folded = process.cdist([fold(k) for k in keys], [self._folded[c] for c in candidates],
                                   scorer=fuzz.ratio, workers=-1)
            scores = (plain + folded) / 2
            for row, i in enumerate(members):
                type_code = contexts[i].type_code or split[row][0]
                row_scores = scores[row] - self._type_penalty(type_code, candidates)
                results[i] = self._decide(row_scores, candidates)
        return [r for r in results if r is not None]

    def _type_penalty(self, type_code: str, candidates: np.ndarray) -> np.ndarray:
        if not type_code:
            return np.zeros(len(candidates))
        types = self._types[candidates]
        same = types == type_code
        both_municipal = np.isin(types, list(MUNICIPAL)) & (type_code in MUNICIPAL)
        return np.where(same, 0.0, np.where(
            both_municipal, self.settings.municipal_upgrade_penalty, self.settings.other_type_penalty))

    def _decide(self, scores: np.ndarray, candidates: np.ndarray) -> OrgMatch:
        if len(scores) == 0:
            return OrgMatch(None, 0.0, None, 0.0, "unmatched", "no candidate in that province")
        order = np.argsort(-scores, kind="stable")
        best = self.entries[candidates[order[0]]]
        best_score = float(scores[order[0]])
        runner, runner_score = None, 0.0
        for position in order[1:]:
            entry = self.entries[candidates[position]]
            if entry.code != best.code or entry.full_name != best.full_name:
                runner, runner_score = entry, float(scores[position])
                break
        settings = self.settings
        if best_score < settings.accept:
            return OrgMatch(None, best_score, best, runner_score, "unmatched",
                            f"best candidate {best.full_name} scores {best_score:.0f} < {settings.accept:.0f}")
        if runner is not None and best_score - runner_score < settings.margin:
            return OrgMatch(None, best_score, runner, runner_score, "ambiguous",
                            f"{best.full_name} ({best.province}) {best_score:.0f} and "
                            f"{runner.full_name} ({runner.province}) {runner_score:.0f} are too close")
        return OrgMatch(best, best_score, runner, runner_score, "matched", "")
