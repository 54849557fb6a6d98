"""The report's organization tied to the gazetteer: DLA code, canonical name, type, place.

The bundle context first resolves which organization the report is about (saraban.reconcile.build_report);
this module looks that name up in the gazetteer, through every printing of it in the bundle,
within the province the bundle names, and answers only when the match is clear
(saraban.normalize.org_match): an unclear or missing match leaves the code empty and says so with
ORG_AMBIGUOUS or ORG_UNMATCHED. With no registry installed, the stand-in gazetteer of place
names still gives a clear match's spelling, type and district, without a code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from saraban.reconcile.flags import FlagCode
from saraban.normalize.org_match import MatchContext, OrgMatcher
from saraban.normalize.org_printed import split_type
from saraban.normalize.vocab import Vocabulary


@dataclass(frozen=True, slots=True)
class OrgIdentity:
    name: str
    code: str  # 7-digit DLA code; '' when not matched or the gazetteer has no codes
    type_code: str
    province: str
    district: str


@dataclass(frozen=True, slots=True)
class OrgProblem:
    code: FlagCode
    message: str
    found: str


def identify(
    name: str, mentions: Sequence[str], province: str, vocab: Vocabulary, matcher: OrgMatcher | None
) -> tuple[OrgIdentity, OrgProblem | None]:
    """``name``, the organization the bundle resolved, in the gazetteer: matched through all of
    its ``mentions`` (each printing of it in the bundle, each with its own type prefix or none)."""
    type_code, _ = split_type(name, vocab.org_types)
    printed = OrgIdentity(name, "", type_code, province, "")
    if matcher is None or not name:
        return printed, None
    found = matcher.match_mentions(list(mentions) or [name], MatchContext(province=province))
    if found.verdict == "matched" and found.entry is not None:
        entry = found.entry
        return OrgIdentity(entry.full_name, entry.code, entry.type_code, entry.province, entry.district), None
    if not matcher.has_codes:
        # A stand-in of place names × LAO types: a clear match still spells the name and gives
        # its district, but a miss says nothing (many LAOs are not named after their tambon,
        # one tambon name recurs in several districts) and no code was to be had anyway.
        return printed, None
    where = f" in {province}" if province else " (the bundle names no province)"
    if found.verdict == "ambiguous":
        return printed, OrgProblem(
            FlagCode.ORG_AMBIGUOUS,
            f"'{name}' matches more than one organization{where}: {found.reason}; no code given.",
            name,
        )
    return printed, OrgProblem(
        FlagCode.ORG_UNMATCHED,
        f"'{name}' matches no organization in the gazetteer{where} ({found.reason}); no code given.",
        name,
    )
