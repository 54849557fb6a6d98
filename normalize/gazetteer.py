"""The gazetteer: every local administrative organization (LAO) a name can be matched against.

Pure data and parsers over text the caller has read: the DLA registry (TSV or the official
open-data CSV) or, with neither, a list built from Thai places × LAO types without codes.
Reading files, the user data directory and the fallback package belong to ingest/.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from normalize.vocab import OrgType


@dataclass(frozen=True, slots=True)
class LaoEntry:
    code: str  # 7-digit DLA code (first digit the type); '' in the place-name fallback
    type_code: str  # town_municipality, subdistrict_admin_org, ... (data/vocab/org_types.tsv)
    name: str  # สะเตงนอก (without the type prefix)
    full_name: str  # เทศบาลเมืองสะเตงนอก
    province: str  # ยะลา
    district: str  # เมืองยะลา
    aliases: tuple[str, ...] = ()  # other full names it is printed under (old names, old types)


@dataclass(frozen=True, slots=True)
class Gazetteer:
    entries: tuple[LaoEntry, ...]
    source: str  # where it came from, for the run summary: a path, or 'geothai 3.2.1 (no codes)'

    @property
    def has_codes(self) -> bool:
        return any(entry.code for entry in self.entries)


REGISTRY_COLUMNS = ("dla_code", "type", "name_th", "full_name_th", "province_code", "district_th")


def parse_registry_tsv(text: str, province_names: Mapping[str, str]) -> tuple[LaoEntry, ...]:
    """Entries of the registry TSV (dla_code, type, name_th, full_name_th, province_code, district_th, …).

    ``province_names`` maps DOPA province codes ('95') to names ('ยะลา'); the file has codes only.
    """
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise ValueError("the registry is empty")
    header = lines[0].lstrip("\ufeff").split("\t")
    missing = [c for c in REGISTRY_COLUMNS if c not in header]
    if missing:
        raise ValueError(f"the registry lacks the columns {', '.join(missing)}")
    at = {name: header.index(name) for name in REGISTRY_COLUMNS}
    entries = []
    for number, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        if len(cells) < len(header):
            raise ValueError(f"line {number} has {len(cells)} cells, the header {len(header)}")
        province_code = cells[at["province_code"]].strip()
        entries.append(LaoEntry(
            code=cells[at["dla_code"]].strip(),
            type_code=cells[at["type"]].strip(),
            name=cells[at["name_th"]].strip(),
            full_name=cells[at["full_name_th"]].strip(),
            province=province_names.get(province_code, province_code),
            district=cells[at["district_th"]].strip(),
        ))
    return tuple(entries)


# First digit of a DLA code → type (the registry README): 2 อบจ., 3 เทศบาลนคร (and เมืองพัทยา),
# 4 เทศบาลเมือง, 5 เทศบาลตำบล, 6 อบต.
TYPE_BY_CODE_DIGIT = {
    "2": "provincial_admin_org",
    "3": "city_municipality",
    "4": "town_municipality",
    "5": "subdistrict_municipality",
    "6": "subdistrict_admin_org",
}
DLA_CSV_COLUMNS = ("จังหวัด", "อำเภอ", "รหัส อปท.", "ประเภท อปท.", "อปท.")


def parse_dla_csv(text: str, org_types: Sequence[OrgType]) -> tuple[LaoEntry, ...]:
    """Entries of the DLA open-data CSV (ชื่อและที่ตั้งองค์กรปกครองส่วนท้องถิ่น): one row per
    tambon an LAO covers, so rows are deduplicated by รหัส อปท. (the first row wins)."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [name.strip() for name in reader.fieldnames or ()]
    missing = [c for c in DLA_CSV_COLUMNS if c not in header]
    if missing:
        raise ValueError(f"not the DLA CSV: the columns {', '.join(missing)} are missing")
    entries: dict[str, LaoEntry] = {}
    for row in reader:
        cells = {k.strip(): (v or "").strip() for k, v in row.items() if k}
        code = cells["รหัส อปท."]
        if not code or code in entries:
            continue
        type_code = _type_of(cells["ประเภท อปท."], code, org_types)
        name = _without_prefix(cells["อปท."], org_types)
        prefix = next((t.canonical for t in org_types if t.code == type_code), "")
        district = cells["อำเภอ"].removeprefix("อำเภอ").strip()
        entries[code] = LaoEntry(code, type_code, name, prefix + name,
                                 cells["จังหวัด"].removeprefix("จังหวัด").strip(), district)
    return tuple(entries.values())


def to_registry_tsv(entries: Sequence[LaoEntry], province_codes: Mapping[str, str]) -> str:
    """``entries`` in the registry TSV form parse_registry_tsv reads (province as its code)."""
    lines = ["\t".join(REGISTRY_COLUMNS)]
    for e in entries:
        province = province_codes.get(e.province, e.province)
        lines.append("\t".join((e.code, e.type_code, e.name, e.full_name, province, e.district)))
    return "\n".join(lines) + "\n"


def entries_from_places(
    places: Sequence[tuple[str, str, str]], org_types: Sequence[OrgType]
) -> tuple[LaoEntry, ...]:
    """Candidate LAOs without codes, from (province, district, subdistrict) triples: each
    subdistrict as an อบต. and a เทศบาลตำบล, each district as a เทศบาลเมือง, each province as
    an อบจ. and a เทศบาลนคร. Most do not exist; they are names a garbled title can be
    matched to when the DLA registry is not installed."""
    prefix = {t.code: t.canonical for t in org_types}
    found: dict[tuple[str, str, str], LaoEntry] = {}

    def add(type_code: str, name: str, province: str, district: str) -> None:
        key = (type_code, name, province)
        if type_code in prefix and key not in found:
            found[key] = LaoEntry("", type_code, name, prefix[type_code] + name, province, district)

    for province, district, subdistrict in places:
        add("subdistrict_admin_org", subdistrict, province, district)
        add("subdistrict_municipality", subdistrict, province, district)
        add("town_municipality", district, province, district)
        add("provincial_admin_org", province, province, "")
        add("city_municipality", province, province, "")
    return tuple(found.values())


def _type_of(printed: str, code: str, org_types: Sequence[OrgType]) -> str:
    cleaned = printed.replace(" ", "")
    for org_type in sorted(org_types, key=lambda t: len(t.canonical), reverse=True):
        if cleaned in (org_type.canonical, org_type.alias, org_type.alias.rstrip(".")):
            return org_type.code
    return TYPE_BY_CODE_DIGIT.get(code[:1], "")


def _without_prefix(name: str, org_types: Sequence[OrgType]) -> str:
    cleaned = name.strip()
    prefixes = sorted([t.canonical for t in org_types] + [t.alias for t in org_types], key=len, reverse=True)
    for prefix in prefixes:
        if cleaned.startswith(prefix):
            return cleaned[len(prefix):].strip(" .")
    return cleaned
