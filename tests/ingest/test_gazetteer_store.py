"""The gazetteer's I/O edge: where it is stored, importing the DLA CSV or TSV, which one a run
loads, the geothai fallback, and the `saraban gazetteer import` command."""

from __future__ import annotations

import csv
import time
from pathlib import Path

import geothai
import pytest

from saraban.ingest.cli import main
from saraban.ingest.gazetteer_store import (
    GAZETTEER_FILE,
    GazetteerError,
    import_gazetteer,
    load_gazetteer,
    read_gazetteer_file,
    user_data_dir,
)
from saraban.normalize.gazetteer import LaoEntry
from tests.conftest import SEED_BUNDLE, shared_path

DLA_HEADER = ["จังหวัด", "อำเภอ", "ตำบล", "รหัส อปท.", "ประเภท อปท.", "อปท.", "ที่ตั้งสำนักงานเลขที่",
              "หมู่ที่", "รหัสไปรษณีย์", "ขนาดพื้นที่", "LAT", "LONG", "เว็ปไซต์ของอปท"]
TSV_HEADER = "dla_code\ttype\tname_th\tfull_name_th\tprovince_code\tdistrict_th\tlat\tlon\tarea_km2\n"
SATENG_NOK = "4950103\ttown_municipality\tสะเตงนอก\tเทศบาลเมืองสะเตงนอก\t95\tเมืองยะลา\t\t\t\n"
KHLONG_THOM = "5810401\tsubdistrict_municipality\tคลองท่อมใต้\tเทศบาลตำบลคลองท่อมใต้\t81\tคลองท่อม\t\t\t\n"


@pytest.fixture(scope="module")
def org_types(resources):
    return resources.vocab.org_types


def summary(entry: LaoEntry) -> tuple[str, str, str, str, str, str]:
    return (entry.code, entry.type_code, entry.name, entry.full_name, entry.province, entry.district)


def write_dla_csv(path: Path, entries: list[LaoEntry], org_types, encoding: str = "utf-8-sig") -> Path:
    """The official CSV's shape: 1–3 tambon rows per LAO (later ones naming another district,
    which must not win), the type as a word, an abbreviation, or only as the name's prefix."""
    abbreviation = {t.code: t.alias for t in org_types}
    with path.open("w", encoding=encoding, newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(DLA_HEADER)
        for i, e in enumerate(entries):
            if e.type_code == "special_admin_area":
                printed_type, printed_name = "ท้องถิ่นรูปแบบพิเศษ", e.name
            else:
                printed_type, printed_name = [
                    (e.full_name.removesuffix(e.name), e.name),
                    (abbreviation[e.type_code], e.full_name),
                    ("", e.full_name),
                ][i % 3]
            for tambon in range(i % 3 + 1):
                district = e.district if tambon == 0 else "อำเภออื่น"
                writer.writerow([e.province, district, f"ตำบล{tambon}", e.code, printed_type, printed_name,
                                 f"{i}/1, ถนน \"สาย {tambon}\"", "1", "95000", "", "", "", "http://x.go.th"])
    return path


def registry_sample(org_types) -> list[LaoEntry]:
    registry = read_gazetteer_file(shared_path("data/dla-lao-registry.tsv"), org_types).entries
    wanted = {"4950103", "3200408", "6130408", "2810101"}  # the seed's LAO, Pattaya, a stale digit, an อบจ.
    sample = [e for e in registry if e.code in wanted] + list(registry[::500])
    return list({e.code: e for e in sample}.values())


def test_user_data_dir_honours_saraban_then_xdg_then_home(monkeypatch, tmp_path):
    monkeypatch.setenv("SARABAN_DATA_HOME", str(tmp_path / "explicit"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert user_data_dir() == tmp_path / "explicit"
    monkeypatch.delenv("SARABAN_DATA_HOME")
    assert user_data_dir() == tmp_path / "xdg" / "saraban"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert user_data_dir() == tmp_path / "home" / ".local" / "share" / "saraban"


def test_import_then_load_from_the_data_home(tmp_path, org_types):
    source = tmp_path / "registry.tsv"
    source.write_text(TSV_HEADER + SATENG_NOK + KHLONG_THOM, encoding="utf-8")
    home = tmp_path / "home" / "saraban"  # created on import
    imported = import_gazetteer(source, home, org_types)
    assert imported.source == str(home / GAZETTEER_FILE)
    assert [summary(e) for e in imported.entries] == [
        ("4950103", "town_municipality", "สะเตงนอก", "เทศบาลเมืองสะเตงนอก", "ยะลา", "เมืองยะลา"),
        ("5810401", "subdistrict_municipality", "คลองท่อมใต้", "เทศบาลตำบลคลองท่อมใต้", "กระบี่", "คลองท่อม")]
    assert "ทม.สะเตงนอก" in imported.entries[0].aliases  # loaded entries carry their aliases
    assert sorted(p.name for p in home.iterdir()) == [GAZETTEER_FILE]  # no temporary file left
    assert "\t95\t" in (home / GAZETTEER_FILE).read_text(encoding="utf-8")  # provinces stored as codes
    assert load_gazetteer(None, home, org_types) == imported


def test_an_explicit_file_wins_over_the_installed_one(tmp_path, org_types):
    home = tmp_path / "home"
    installed = tmp_path / "installed.tsv"
    installed.write_text(TSV_HEADER + SATENG_NOK, encoding="utf-8")
    import_gazetteer(installed, home, org_types)
    explicit = tmp_path / "explicit.tsv"
    explicit.write_text(TSV_HEADER + KHLONG_THOM, encoding="utf-8")
    chosen = load_gazetteer(explicit, home, org_types)
    assert chosen.source == str(explicit) and [e.code for e in chosen.entries] == ["5810401"]
    assert [e.code for e in load_gazetteer(None, home, org_types).entries] == ["4950103"]


def test_a_failed_import_leaves_the_installed_gazetteer_alone(tmp_path, org_types):
    home = tmp_path / "home"
    good = tmp_path / "good.tsv"
    good.write_text(TSV_HEADER + SATENG_NOK, encoding="utf-8")
    import_gazetteer(good, home, org_types)
    before = (home / GAZETTEER_FILE).read_bytes()
    bad = tmp_path / "notes.csv"
    bad.write_text("ชื่อ,นามสกุล\nสมชาย,ใจดี\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match="is not a DLA registry: its first line is neither"):
        import_gazetteer(bad, home, org_types)
    with pytest.raises(GazetteerError, match="no such gazetteer file"):
        import_gazetteer(tmp_path / "missing.csv", home, org_types)
    with pytest.raises(GazetteerError, match="is a folder"):
        import_gazetteer(tmp_path, home, org_types)
    assert (home / GAZETTEER_FILE).read_bytes() == before
    assert sorted(p.name for p in home.iterdir()) == [GAZETTEER_FILE]


def test_without_a_registry_geothai_place_names_stand_in(tmp_path, org_types):
    fallback = load_gazetteer(None, tmp_path / "empty-home", org_types)
    assert f"geothai {geothai.DATA_VERSION}" in fallback.source and "no DLA codes" in fallback.source
    assert "saraban gazetteer import FILE" in fallback.source
    assert not fallback.has_codes and len(fallback.entries) > 20_000
    yala = {(e.full_name, e.district) for e in fallback.entries if e.province == "ยะลา"}
    assert {("องค์การบริหารส่วนตำบลสะเตงนอก", "เมืองยะลา"), ("เทศบาลเมืองสะเตงนอก", "เมืองยะลา"),
            ("เทศบาลนครยะลา", "เมืองยะลา"), ("องค์การบริหารส่วนจังหวัดยะลา", "เมืองยะลา")} <= yala
    assert "กรุงเทพมหานคร" not in {e.province for e in fallback.entries}  # Bangkok has no DLA LAOs


def test_the_real_registry_loads_whole_and_fast(org_types):
    path = shared_path("data/dla-lao-registry.tsv")
    started = time.perf_counter()
    gazetteer = read_gazetteer_file(path, org_types)
    elapsed = time.perf_counter() - started
    assert len(gazetteer.entries) == 7849 and len({e.code for e in gazetteer.entries}) == 7849
    by_code = {e.code: e for e in gazetteer.entries}
    assert summary(by_code["4950103"]) == (
        "4950103", "town_municipality", "สะเตงนอก", "เทศบาลเมืองสะเตงนอก", "ยะลา", "เมืองยะลา")
    assert len({e.province for e in gazetteer.entries}) == 76  # every province but Bangkok, by name
    assert elapsed < 1.0, f"loading the registry took {elapsed:.2f} s"


def test_a_dla_csv_with_tambon_rows_imports_one_entry_per_organization(tmp_path, org_types):
    sample = registry_sample(org_types)
    source = write_dla_csv(tmp_path / "re01_tambon.csv", sample, org_types)
    assert len(source.read_text(encoding="utf-8-sig").splitlines()) > len(sample) + 15  # duplicated rows
    imported = import_gazetteer(source, tmp_path / "home", org_types)
    assert len(imported.entries) == len(sample) >= 20
    assert [summary(e) for e in imported.entries] == [summary(e) for e in sample]
    assert load_gazetteer(None, tmp_path / "home", org_types) == imported


def test_a_windows_874_csv_is_read_too(tmp_path, org_types):
    entry = LaoEntry("4950103", "town_municipality", "สะเตงนอก", "เทศบาลเมืองสะเตงนอก", "ยะลา", "เมืองยะลา")
    source = write_dla_csv(tmp_path / "excel.csv", [entry], org_types, encoding="cp874")
    assert [summary(e) for e in read_gazetteer_file(source, org_types).entries] == [summary(entry)]


def test_cli_import_reports_counts_and_where(tmp_path, monkeypatch, capsys, org_types):
    home = tmp_path / "data-home"
    monkeypatch.setenv("SARABAN_DATA_HOME", str(home))
    entries = [LaoEntry("4950103", "town_municipality", "สะเตงนอก", "เทศบาลเมืองสะเตงนอก", "ยะลา", "เมืองยะลา"),
               LaoEntry("6810409", "subdistrict_admin_org", "เพหลา", "องค์การบริหารส่วนตำบลเพหลา", "กระบี่",
                        "คลองท่อม")]
    source = write_dla_csv(tmp_path / "dla.csv", entries, org_types)
    assert main(["gazetteer", "import", str(source)]) == 0
    out = capsys.readouterr().out
    assert f"imported 2 organizations (2 with DLA codes) into {home / GAZETTEER_FILE}" in out
    assert (home / GAZETTEER_FILE).is_file()

    assert main(["gazetteer", "import", str(tmp_path / "missing.csv")]) == 2
    assert "no such gazetteer file" in capsys.readouterr().err
    (tmp_path / "notes.txt").write_text("hello\n", encoding="utf-8")
    assert main(["gazetteer", "import", str(tmp_path / "notes.txt")]) == 2
    assert "is not a DLA registry" in capsys.readouterr().err
    assert main(["gazetteer"]) == 2  # the subcommand is required


def test_cli_ingest_names_its_gazetteer(tmp_path, capsys):
    registry = tmp_path / "registry.tsv"
    registry.write_text(TSV_HEADER + SATENG_NOK, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["ingest", str(SEED_BUNDLE), "--out", str(out), "--jobs", "1", "--gazetteer", str(registry)]) == 0
    assert f"gazetteer: {registry}\n" in capsys.readouterr().out
    with (out / "records.csv").open(encoding="utf-8-sig", newline="") as stream:
        assert {row["organization_code"] for row in csv.DictReader(stream)} == {"4950103"}

    assert main(["ingest", str(SEED_BUNDLE), "--out", str(tmp_path / "out2"), "--jobs", "1"]) == 0
    assert "gazetteer: geothai " in capsys.readouterr().out

    broken = tmp_path / "broken.csv"
    broken.write_text("a,b\n1,2\n", encoding="utf-8")
    assert main(["ingest", str(SEED_BUNDLE), "--out", str(tmp_path / "out3"), "--gazetteer", str(broken)]) == 2
    assert "is not a DLA registry" in capsys.readouterr().err
    assert not (tmp_path / "out3").exists()  # refused before anything was written
    assert main(["ingest", str(SEED_BUNDLE), "--out", str(tmp_path / "out4"), "--gazetteer",
                 str(tmp_path / "nope.tsv")]) == 2
    assert "no such gazetteer file" in capsys.readouterr().err
