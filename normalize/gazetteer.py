"""The gazetteer: every local administrative organization (LAO) a name can be matched against.

Pure data and parsers over text the caller has read: the DLA registry (TSV or the official
open-data CSV) or, with neither, a list built from Thai places × LAO types without codes
(entries_from_places). with_aliases adds the other names an entry is printed under, and
to_registry_tsv stores an imported CSV in the TSV form. Reading files, the user data
directory and the fallback package (geothai) belong to ingest/gazetteer_store.py.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from saraban.normalize.vocab import OrgType


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
# 4 เทศบาลเมือง, 5 เทศบาลตำบล, 6 อบต. Only a fallback: an LAO keeps its code when it is upgraded
# (6130408 is a เทศบาลตำบล now), so the printed type wins whenever it is recognised.
TYPE_BY_CODE_DIGIT = {
    "2": "provincial_admin_org",
    "3": "city_municipality",
    "4": "town_municipality",
    "5": "subdistrict_municipality",
    "6": "subdistrict_admin_org",
}
# Type words the DLA CSV prints beyond data/vocab/org_types.tsv: it files เมืองพัทยา under
# "local government of a special form".
EXTRA_TYPE_WORDS = {"ท้องถิ่นรูปแบบพิเศษ": "special_admin_area"}
DLA_CSV_COLUMNS = ("จังหวัด", "อำเภอ", "รหัส อปท.", "ประเภท อปท.", "อปท.")
MUNICIPAL_TYPES = ("subdistrict_municipality", "town_municipality", "city_municipality")
# Types an organization is printed under besides its current one. Municipalities are upgraded
# (ทต. → ทม. → ทน.) and most เทศบาลตำบล were อบต. first; a document may predate the registry
# (old type) or postdate it (new type), so both directions are aliases.
RELATED_TYPES = {
    "subdistrict_admin_org": ("subdistrict_municipality",),
    "subdistrict_municipality": ("town_municipality", "city_municipality", "subdistrict_admin_org"),
    "town_municipality": ("subdistrict_municipality", "city_municipality"),
    "city_municipality": ("town_municipality", "subdistrict_municipality"),
}
# The fallback's candidates: most municipalities and every อบต. carry a subdistrict's name (ทม.
# too: 121 of 195 in the 2566 registry); district seats carry the district's.
SUBDISTRICT_CANDIDATE_TYPES = ("subdistrict_admin_org", "subdistrict_municipality", "town_municipality")
DISTRICT_CANDIDATE_TYPES = MUNICIPAL_TYPES


@dataclass(frozen=True, slots=True)
class Place:
    """A DOPA place: ``code`` has 2 digits for a province, 4 for a district, 6 for a
    subdistrict, and begins with the code of the place it lies in."""

    code: str
    name: str


def parse_dla_csv(text: str, org_types: Sequence[OrgType]) -> tuple[LaoEntry, ...]:
    """Entries of the DLA open-data CSV (ชื่อและที่ตั้งองค์กรปกครองส่วนท้องถิ่น): one row per
    tambon an LAO covers, so rows are deduplicated by รหัส อปท. (the first row wins).

    The type comes from ประเภท อปท. (a full type word or its abbreviation), else from a type
    prefix on the อปท. column, else from the code's first digit; the อปท. column may or may not
    carry that prefix, and ``name`` never does.
    """
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    header = next(reader, None)
    if header is None:
        raise ValueError("the file is empty")
    keys = [_column_key(name) for name in header]
    missing = [c for c in DLA_CSV_COLUMNS if _column_key(c) not in keys]
    if missing:
        raise ValueError(
            f"not the DLA open-data CSV: the column(s) {', '.join(missing)} are missing "
            f"(expected {', '.join(DLA_CSV_COLUMNS)}, …; the header has {', '.join(header[:8])})"
        )
    at = {c: keys.index(_column_key(c)) for c in DLA_CSV_COLUMNS}
    prefixes = {t.code: t.canonical for t in org_types}
    entries: dict[str, LaoEntry] = {}
    for row in reader:
        cells = {c: row[i].strip() if i < len(row) else "" for c, i in at.items()}
        code = cells["รหัส อปท."]
        if not code or code in entries:  # a blank line, or another tambon of the same LAO
            continue
        if not (len(code) == 7 and code.isascii() and code.isdigit()):
            raise ValueError(f"line {reader.line_num}: รหัส อปท. {code!r} is not a 7-digit DLA code")
        printed_type, name = _split_prefix(cells["อปท."], org_types)
        type_code = _type_of(cells["ประเภท อปท."], org_types) or printed_type
        type_code = type_code or TYPE_BY_CODE_DIGIT.get(code[0], "")
        if type_code not in prefixes:
            raise ValueError(f"line {reader.line_num}: the type of {code} ({cells['ประเภท อปท.']!r}) is unknown")
        entries[code] = LaoEntry(
            code, type_code, name, _full_name(prefixes[type_code], name),
            cells["จังหวัด"].removeprefix("จังหวัด").strip(), cells["อำเภอ"].removeprefix("อำเภอ").strip(),
        )
    return tuple(entries.values())


def with_aliases(entry: LaoEntry, org_types: Sequence[OrgType]) -> LaoEntry:
    """``entry`` with the other full names it is printed under, derived from its type and place
    (the registry holds current names only; renamed LAOs would need a list of old names).

    - the abbreviation, with and without a space (ทต.บ้านนา, ทต. บ้านนา): memos and tables
      abbreviate the type;
    - the related types of RELATED_TYPES (เทศบาลเมืองบ้านนา, ทม.บ้านนา for a เทศบาลตำบล):
      documents from before or after an upgrade print the other type;
    - the name with its place (… จังหวัดยะลา, … อำเภอเมืองยะลา จังหวัดยะลา): letterheads and
      signature blocks print it so, and it is what tells apart the ~670 names that occur twice
      in one province. Not for an อบจ., whose name is its province.
    """
    by_code = {t.code: t for t in org_types}
    found: list[str] = list(entry.aliases)

    def abbreviated(type_code: str) -> list[str]:
        org_type = by_code.get(type_code)
        if org_type is None or org_type.alias == org_type.canonical:  # เมืองพัทยา: none
            return []
        return [org_type.alias + entry.name, f"{org_type.alias} {entry.name}"]

    found += abbreviated(entry.type_code)
    for related in RELATED_TYPES.get(entry.type_code, ()):
        if related in by_code:
            found += [_full_name(by_code[related].canonical, entry.name)] + abbreviated(related)[:1]
    if entry.province and entry.type_code != "provincial_admin_org":
        found.append(f"{entry.full_name} จังหวัด{entry.province}")
        if entry.district:
            found.append(f"{entry.full_name} อำเภอ{entry.district} จังหวัด{entry.province}")
    aliases = tuple(dict.fromkeys(a for a in found if a and a != entry.full_name))
    return replace(entry, aliases=aliases)


def entries_from_places(
    provinces: Sequence[Place],
    districts: Sequence[Place],
    subdistricts: Sequence[Place],
    org_types: Sequence[OrgType],
) -> tuple[LaoEntry, ...]:
    """Candidate LAOs without codes, for when the DLA registry is not installed: each
    subdistrict as an อบต., a เทศบาลตำบล and a เทศบาลเมือง; each district seat as a เทศบาลตำบล,
    เมือง and นคร (under the district's name, and the capital district's without เมือง:
    เมืองยะลา → เทศบาลนครยะลา); each province as an อบจ. Most do not exist; they are plausible
    names a garbled title can be matched to. Places outside ``provinces`` are left out."""
    prefixes = {t.code: t.canonical for t in org_types}
    province_names = {p.code: p.name for p in provinces}
    district_names = {d.code: d.name for d in districts}
    found: dict[tuple[str, str, str, str], LaoEntry] = {}

    def add(type_code: str, name: str, province_code: str, district: str) -> None:
        province = province_names.get(province_code)
        key = (type_code, name, province or "", district)
        if province is not None and type_code in prefixes and name and key not in found:
            found[key] = LaoEntry("", type_code, name, _full_name(prefixes[type_code], name), province, district)

    for subdistrict in subdistricts:
        for type_code in SUBDISTRICT_CANDIDATE_TYPES:
            add(type_code, subdistrict.name, subdistrict.code[:2], district_names.get(subdistrict.code[:4], ""))
    for district in districts:
        seats = [district.name]
        if district.code.endswith("01"):  # DOPA numbers the capital district 01: เมืองยะลา
            seats.append(district.name.removeprefix("เมือง"))
        for seat in dict.fromkeys(seats):
            for type_code in DISTRICT_CANDIDATE_TYPES:
                add(type_code, seat, district.code[:2], district.name)
    for province in provinces:
        add("provincial_admin_org", province.name, province.code, district_names.get(province.code + "01", ""))
    return tuple(found.values())


def to_registry_tsv(entries: Sequence[LaoEntry], province_codes: Mapping[str, str]) -> str:
    """``entries`` in the registry TSV form parse_registry_tsv reads: the province as its DOPA
    code (``province_codes`` maps name → code; a name it lacks is written as it is, and reads
    back as it is). Aliases are not stored: they are derived again on loading."""
    lines = ["\t".join(REGISTRY_COLUMNS)]
    for e in entries:
        province = province_codes.get(e.province, e.province)
        cells = (e.code, e.type_code, e.name, e.full_name, province, e.district)
        lines.append("\t".join(" ".join(cell.split()) for cell in cells))  # no tab or newline inside
    return "\n".join(lines) + "\n"


def _column_key(name: str) -> str:
    """A header cell compared without spaces: exports differ on 'รหัส อปท.' vs 'รหัสอปท.'."""
    return "".join(name.split())


def _type_of(printed: str, org_types: Sequence[OrgType]) -> str:
    """The type code a ประเภท อปท. cell names ('เทศบาลตำบล', 'ทต.', 'ทต'), or ''."""
    cleaned = "".join(printed.split())
    if cleaned in EXTRA_TYPE_WORDS:
        return EXTRA_TYPE_WORDS[cleaned]
    for org_type in org_types:
        if cleaned and cleaned in (org_type.canonical, org_type.alias, org_type.alias.rstrip(".")):
            return org_type.code
    return ""


def _split_prefix(printed: str, org_types: Sequence[OrgType]) -> tuple[str, str]:
    """(type code, name) of an อปท. cell that may carry a type prefix ('' when it carries none).
    A cell that is nothing but a type word is an organization of that name: เมืองพัทยา."""
    cleaned = " ".join(printed.split())
    prefixes = sorted(
        [(t.canonical, t.code) for t in org_types] + [(t.alias, t.code) for t in org_types],
        key=lambda pair: len(pair[0]), reverse=True,
    )
    for prefix, type_code in prefixes:
        if prefix and cleaned.startswith(prefix):
            return type_code, cleaned[len(prefix):].strip() or cleaned
    return "", cleaned


def _full_name(prefix: str, name: str) -> str:
    """The canonical type prefix + name; เมืองพัทยา is its own full name."""
    return name if name.startswith(prefix) else prefix + name
