"""Where the gazetteer comes from: a file given on the command line, the one imported into the
user's data directory, or else place names from the ``geothai`` package (no DLA codes).

``saraban gazetteer import FILE`` reads the DLA registry (its open-data CSV, or the TSV form)
and stores it as ``gazetteer.tsv`` in the data directory: $SARABAN_DATA_HOME, else
$XDG_DATA_HOME/saraban, else ~/.local/share/saraban. Loading adds the aliases (with_aliases)
to registry entries; they are derived, so the stored file does not carry them.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from saraban.normalize.gazetteer import (
    DLA_CSV_COLUMNS,
    REGISTRY_COLUMNS,
    Gazetteer,
    LaoEntry,
    Place,
    entries_from_places,
    parse_dla_csv,
    parse_registry_tsv,
    to_registry_tsv,
    with_aliases,
)
from saraban.normalize.vocab import OrgType

GAZETTEER_FILE = "gazetteer.tsv"
# Bangkok is not an LAO under the DLA (the BMA is governed by its own act), so its เขต and แขวง
# would only be false candidates.
BANGKOK_CODE = "10"
# Thai spreadsheet programs on Windows save CSV in Windows-874 unless told otherwise.
FALLBACK_ENCODING = "cp874"


class GazetteerError(ValueError):
    """A gazetteer file that cannot be used; the message says why, in plain words."""


def user_data_dir() -> Path:
    """$SARABAN_DATA_HOME (tests point it at a temporary folder), else the XDG data home."""
    explicit = os.environ.get("SARABAN_DATA_HOME")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "saraban"


def province_names() -> dict[str, str]:
    """DOPA province code ('95') → Thai name ('ยะลา'), from geothai."""
    import geothai  # loads its data on first use only

    return {p.code: p.name_th for p in geothai.provinces()}


def read_gazetteer_file(path: Path, org_types: tuple[OrgType, ...]) -> Gazetteer:
    """The registry TSV or the DLA open-data CSV at ``path`` (told apart by the header), with
    aliases; ``source`` is the path."""
    return Gazetteer(_with_aliases(_read_entries(path, org_types), org_types), str(path))


def import_gazetteer(source: Path, data_home: Path, org_types: tuple[OrgType, ...]) -> Gazetteer:
    """Read ``source`` and store it as data_home/gazetteer.tsv, written to a temporary file and
    renamed so that a failed import never leaves half a registry; returns what was stored."""
    entries = _read_entries(source, org_types)
    codes = {name: code for code, name in province_names().items()}
    target = data_home / GAZETTEER_FILE
    try:
        _write_atomically(target, to_registry_tsv(entries, codes))
    except OSError as error:
        raise GazetteerError(f"cannot write the gazetteer into {data_home}: {error.strerror or error}") from error
    return Gazetteer(_with_aliases(entries, org_types), str(target))


def load_gazetteer(path: Path | None, data_home: Path, org_types: tuple[OrgType, ...]) -> Gazetteer:
    """The explicit file, else the imported data_home/gazetteer.tsv, else the place-name fallback."""
    if path is not None:
        return read_gazetteer_file(path, org_types)
    installed = data_home / GAZETTEER_FILE
    if installed.exists():
        return read_gazetteer_file(installed, org_types)
    return place_name_gazetteer(org_types)


def place_name_gazetteer(org_types: tuple[OrgType, ...]) -> Gazetteer:
    """Candidates from geothai's places × LAO types, without codes (entries_from_places). They
    get no aliases: every type of each name is already a candidate of its own, and aliases
    would triple the ~24,000 entries every worker receives."""
    import geothai  # loads its data on first use only

    provinces = [Place(p.code, p.name_th) for p in geothai.provinces() if p.code != BANGKOK_CODE]
    districts = [Place(d.code, d.name_th) for p in provinces for d in geothai.districts(p.code)]
    subdistricts = [Place(s.code, s.name_th) for d in districts for s in geothai.subdistricts(d.code)]
    return Gazetteer(
        entries_from_places(provinces, districts, subdistricts, org_types),
        f"geothai {geothai.DATA_VERSION} place names × LAO types (no DLA codes; import the DLA "
        "registry with `saraban gazetteer import FILE`)",
    )


def _read_entries(path: Path, org_types: tuple[OrgType, ...]) -> tuple[LaoEntry, ...]:
    text = _read_text(path)
    first_line = text.removeprefix("\ufeff").split("\n", 1)[0]
    try:
        if "\t" in first_line and REGISTRY_COLUMNS[0] in first_line:
            entries = parse_registry_tsv(text, province_names())
        elif any(column.replace(" ", "") in first_line.replace(" ", "") for column in DLA_CSV_COLUMNS[2:]):
            entries = parse_dla_csv(text, org_types)
        else:
            raise ValueError(
                f"its first line is neither the DLA open-data CSV header ({', '.join(DLA_CSV_COLUMNS)}, …) "
                f"nor the registry TSV header ({', '.join(REGISTRY_COLUMNS)}, …): {first_line[:120]!r}"
            )
    except ValueError as error:
        raise GazetteerError(f"{path} is not a DLA registry: {error}") from error
    if not entries:
        raise GazetteerError(f"{path} lists no organizations")
    return entries


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError as error:
        raise GazetteerError(f"no such gazetteer file: {path}") from error
    except IsADirectoryError as error:
        raise GazetteerError(f"the gazetteer {path} is a folder, not a file") from error
    except OSError as error:
        raise GazetteerError(f"the gazetteer {path} cannot be read: {error.strerror or error}") from error
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode(FALLBACK_ENCODING)
    except UnicodeDecodeError as error:
        raise GazetteerError(f"the gazetteer {path} is neither UTF-8 nor Windows-874 text") from error


def _write_atomically(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=".gazetteer-", suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _with_aliases(entries: tuple[LaoEntry, ...], org_types: tuple[OrgType, ...]) -> tuple[LaoEntry, ...]:
    return tuple(with_aliases(entry, org_types) for entry in entries)
