"""Label vocabularies (facts kept in data/vocab/*.tsv), parsed from text the caller has read.

Loading files is I/O and belongs to ingest/; this module only turns their text into a typed,
immutable value that parsers and normalizers receive explicitly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

VOCAB_FILES = (
    "column_roles",
    "summary_labels",
    "plan_titles",
    "org_types",
    "person_titles",
    "agency_codes",
)


@dataclass(frozen=True, slots=True)
class OrgType:
    canonical: str  # เทศบาลเมือง
    alias: str  # ทม.
    code: str  # town_municipality


@dataclass(frozen=True, slots=True)
class Vocabulary:
    column_roles: tuple[tuple[str, str], ...]  # (role, label)
    summary_labels: tuple[tuple[str, str], ...]  # (field, label)
    plan_titles: tuple[str, ...]
    org_types: tuple[OrgType, ...]
    person_titles: tuple[str, ...]
    agency_codes: frozenset[str] = frozenset()  # the central agencies' document-number codes

    @classmethod
    def from_texts(cls, texts: Mapping[str, str]) -> Vocabulary:
        missing = [name for name in VOCAB_FILES if name not in texts]
        if missing:
            raise ValueError(f"vocabulary files missing: {', '.join(missing)}")
        return cls(
            column_roles=tuple((r[0], r[1]) for r in parse_tsv(texts["column_roles"])),
            summary_labels=tuple((r[0], r[1]) for r in parse_tsv(texts["summary_labels"])),
            plan_titles=tuple(r[0] for r in parse_tsv(texts["plan_titles"])),
            org_types=tuple(OrgType(r[0], r[1], r[2]) for r in parse_tsv(texts["org_types"])),
            # Longest first, so that นางสาว wins over นาง.
            person_titles=tuple(
                sorted((r[0] for r in parse_tsv(texts["person_titles"])), key=len, reverse=True)
            ),
            agency_codes=frozenset(r[0] for r in parse_tsv(texts["agency_codes"])),
        )

    def roles(self, *names: str) -> tuple[tuple[str, str], ...]:
        """The (role, label) pairs whose role is one of ``names``."""
        return tuple(pair for pair in self.column_roles if pair[0] in names)


def parse_tsv(text: str) -> list[list[str]]:
    """Rows of a small tab-separated vocabulary; ``#`` starts a comment line."""
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append([field.strip() for field in line.split("\t")])
    return rows
