"""Where the gazetteer comes from: a file given on the command line, the one imported into the
user's data directory, or else place names from the ``geothai`` package (no DLA codes).

``saraban gazetteer import FILE`` reads the DLA registry (its open-data CSV, or the TSV form)
and stores it as ``gazetteer.tsv`` in the data directory: $SARABAN_DATA_HOME, else
$XDG_DATA_HOME/saraban, else ~/.local/share/saraban.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from normalize.gazetteer import (
    Gazetteer,
    entries_from_places,
    parse_dla_csv,
    parse_registry_tsv,
    to_registry_tsv,
)
from normalize.vocab import OrgType

GAZETTEER_FILE = "gazetteer.tsv"


class GazetteerError(ValueError):
    """A gazetteer file that cannot be used; the message says why, in plain words."""


def user_data_dir() -> Path:
    explicit = os.environ.get("SARABAN_DATA_HOME")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "saraban"


def province_names() -> dict[str, str]:
    """DOPA province code ('95') → Thai name ('ยะลา'), from geothai."""
    import geothai

    return {p.code: p.name_th for p in geothai.provinces()}


def read_gazetteer_file(path: Path, org_types: tuple[OrgType, ...]) -> Gazetteer:
    """The registry TSV or the DLA open-data CSV at ``path``."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise GazetteerError(f"the gazetteer {path} cannot be read: {error}") from error
    first = text.split("\n", 1)[0]
    try:
        if "\t" in first:
            entries = parse_registry_tsv(text, province_names())
        else:
            entries = parse_dla_csv(text, org_types)
    except ValueError as error:
        raise GazetteerError(f"{path} is not a DLA registry: {error}") from error
    if not entries:
        raise GazetteerError(f"{path} lists no organizations")
    return Gazetteer(entries, str(path))


def import_gazetteer(source: Path, data_home: Path, org_types: tuple[OrgType, ...]) -> Gazetteer:
    """Read ``source`` and store it as data_home/gazetteer.tsv (written whole, then renamed)."""
    gazetteer = read_gazetteer_file(source, org_types)
    codes = {name: code for code, name in province_names().items()}
    data_home.mkdir(parents=True, exist_ok=True)
    target = data_home / GAZETTEER_FILE
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=data_home, delete=False,
                                     suffix=".tmp") as stream:
        stream.write(to_registry_tsv(gazetteer.entries, codes))
    os.replace(stream.name, target)
    return Gazetteer(gazetteer.entries, str(target))


def load_gazetteer(path: Path | None, data_home: Path, org_types: tuple[OrgType, ...]) -> Gazetteer:
    """The explicit file, else the imported one, else the place-name fallback."""
    if path is not None:
        return read_gazetteer_file(path, org_types)
    installed = data_home / GAZETTEER_FILE
    if installed.exists():
        return read_gazetteer_file(installed, org_types)
    return place_name_gazetteer(org_types)


def place_name_gazetteer(org_types: tuple[OrgType, ...]) -> Gazetteer:
    import geothai

    places = [
        (province.name_th, district.name_th.removeprefix("เขต"), subdistrict.name_th)
        for province in geothai.provinces()
        for district in geothai.districts(province.code)
        for subdistrict in geothai.subdistricts(district.code)
    ]
    return Gazetteer(
        entries_from_places(places, org_types),
        f"geothai {geothai.DATA_VERSION} place names × LAO types (no DLA codes; import the DLA "
        "registry with `saraban gazetteer import FILE`)",
    )
