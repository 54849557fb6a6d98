"""Organizations tied to the gazetteer: codes when clear, ORG_AMBIGUOUS / ORG_UNMATCHED when not."""

from __future__ import annotations

from pathlib import Path

import pytest

from saraban.ingest.cli import main
from saraban.ingest.config import IngestConfig, load_resources
from saraban.ingest.pipeline import process_file
from tests.conftest import SEED_BUNDLE, shared_path
from tests.ingest.report_text import Bundle

HEADER = "dla_code\ttype\tname_th\tfull_name_th\tprovince_code\tdistrict_th\tlat\tlon\tarea_km2\n"
BAN_NA_KRABI = "5810999\tsubdistrict_municipality\tบ้านนา\tเทศบาลตำบลบ้านนา\t81\tเมืองกระบี่\t\t\t\n"
BAN_NA_YALA = "5950999\tsubdistrict_municipality\tบ้านนา\tเทศบาลตำบลบ้านนา\t95\tเมืองยะลา\t\t\t\n"
OTHER = "6950998\tsubdistrict_admin_org\tบ้านไร่\tองค์การบริหารส่วนตำบลบ้านไร่\t95\tเมืองยะลา\t\t\t\n"


def run(bundle_text: str, gazetteer: Path, tmp_path: Path):
    config = IngestConfig(gazetteer_path=gazetteer)
    return run_with(bundle_text, load_resources(config), tmp_path, config)


def run_with(bundle_text: str, resources, tmp_path: Path, config: IngestConfig = IngestConfig()):
    path = tmp_path / "bundle.txt"
    path.write_text(bundle_text, encoding="utf-8")
    return process_file(path, "bundle.txt", config, resources)


def gazetteer(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "registry.tsv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def test_one_clear_match_gives_the_code_and_place(tmp_path):
    result = run(Bundle().text(), gazetteer(tmp_path, BAN_NA_KRABI, OTHER), tmp_path)
    assert {r.organization_code for r in result.records} == {"5810999"}
    assert {(r.organization_type, r.province, r.district) for r in result.records} == {
        ("subdistrict_municipality", "กระบี่", "เมืองกระบี่")}
    assert result.reports[0].organization_code == "5810999"
    assert not {"ORG_AMBIGUOUS", "ORG_UNMATCHED"} & {f.code for f in result.flags}


def test_the_same_name_in_two_provinces_with_none_named_is_ambiguous(tmp_path):
    result = run(Bundle().text(), gazetteer(tmp_path, BAN_NA_KRABI, BAN_NA_YALA), tmp_path)
    assert "ORG_AMBIGUOUS" in {f.code for f in result.flags}
    assert {r.organization_code for r in result.records} == {""}
    # Named in the bundle, the province settles it.
    named = Bundle(memo=Bundle().memo.replace("จึงเรียนมา", "สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดยะลา\n\nจึงเรียนมา"))
    settled = run(named.text(), gazetteer(tmp_path, BAN_NA_KRABI, BAN_NA_YALA), tmp_path)
    assert {r.organization_code for r in settled.records} == {"5950999"}


def test_seed_bundle_is_sateng_nok_in_the_real_registry(tmp_path):
    registry = shared_path("data/dla-lao-registry.tsv")
    config = IngestConfig(gazetteer_path=registry)
    result = process_file(SEED_BUNDLE, SEED_BUNDLE.name, config, load_resources(config))
    assert len(result.records) == 65
    assert {(r.organization_code, r.organization, r.province, r.district) for r in result.records} == {
        ("4950103", "เทศบาลเมืองสะเตงนอก", "ยะลา", "เมืองยะลา")}


def test_a_made_up_municipality_is_never_given_a_code(tmp_path):
    registry = shared_path("data/dla-lao-registry.tsv")
    made_up = Bundle(organization="เทศบาลตำบลหนองหอยทากน้อย",
                     memo=Bundle().memo.replace("บ้านนา", "หนองหอยทากน้อย"))
    result = run(made_up.text(), registry, tmp_path)
    assert "ORG_UNMATCHED" in {f.code for f in result.flags}
    assert {r.organization_code for r in result.records} == {""}


def test_gazetteer_import_installs_it_for_later_runs(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SARABAN_DATA_HOME", str(tmp_path / "home"))
    assert main(["gazetteer", "import", str(gazetteer(tmp_path, BAN_NA_KRABI, OTHER))]) == 0
    assert "imported 2 organizations (2 with DLA codes)" in capsys.readouterr().out
    assert (tmp_path / "home" / "gazetteer.tsv").exists()
    installed = load_resources(IngestConfig())
    assert len(installed.gazetteer.entries) == 2 and installed.gazetteer.has_codes
    assert main(["gazetteer", "import", str(tmp_path / "missing.csv")]) == 2


def test_without_a_registry_place_names_stand_in_and_the_run_says_so(resources):
    assert not resources.gazetteer.has_codes
    assert "no DLA codes" in resources.gazetteer.source
    names = {e.full_name for e in resources.gazetteer.entries if e.province == "ยะลา"}
    assert "องค์การบริหารส่วนตำบลสะเตงนอก" in names


@pytest.mark.parametrize("missing", ["รหัส อปท.", "อปท."])
def test_a_csv_without_the_dla_columns_is_refused_plainly(tmp_path, missing):
    from saraban.ingest.gazetteer_store import GazetteerError, read_gazetteer_file

    columns = [c for c in ("จังหวัด", "อำเภอ", "ตำบล", "รหัส อปท.", "ประเภท อปท.", "อปท.") if c != missing]
    path = tmp_path / "bad.csv"
    path.write_text(",".join(columns) + "\n" + ",".join("x" for _ in columns) + "\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=missing.replace(".", r"\.")):
        read_gazetteer_file(path, load_resources(IngestConfig()).vocab.org_types)


def test_every_printing_of_the_organization_goes_to_the_gazetteer_and_no_other_name(resources):
    from saraban.reconcile.build_report import BuildSettings, organization_mentions
    from saraban.reconcile.context import BundleContext
    from saraban.normalize.names import split_org
    from saraban.parsers.report import ReportTitle

    org_types = resources.vocab.org_types
    letters = BundleContext(((split_org("เทศบาลเมืองสะเตงนอก", org_types), 3),
                             (split_org("นายกเทศมนตรีเมืองเบตง", org_types), 1),
                             (split_org("เทศบาลเมืองสระเดงนอก", org_types), 1)), "ยะลา")
    titles = [ReportTitle("", page, "", org, "2565", "12")
              for page, org in enumerate(("เทศบาลเมืองสระเตงนอก", "เทศบาลเมืองสงขลา", "ทม.สะเตงนอก"), 1)]
    mentions = organization_mentions("เทศบาลเมืองสะเตงนอก", titles, letters, resources.vocab, BuildSettings())
    assert sorted(mentions) == sorted(["เทศบาลเมืองสระเตงนอก", "เทศบาลเมืองสะเตงนอก"] + ["เทศบาลเมืองสะเตงนอก"] * 3
                                      + ["เทศบาลเมืองสระเดงนอก"])
    assert organization_mentions("", titles, letters, resources.vocab, BuildSettings()) == []


def test_without_a_registry_a_clear_match_still_gives_the_place_but_never_a_code(resources, tmp_path):
    seed = process_file(SEED_BUNDLE, SEED_BUNDLE.name, IngestConfig(), resources)
    assert {(r.organization_code, r.organization, r.organization_type, r.province, r.district)
            for r in seed.records} == {("", "เทศบาลเมืองสะเตงนอก", "town_municipality", "ยะลา", "เมืองยะลา")}
    # A stand-in's misses say nothing: no tambon is called หนองหอยทากน้อย, and no flag says so.
    made_up = Bundle(organization="เทศบาลตำบลหนองหอยทากน้อย", memo=Bundle().memo.replace("บ้านนา", "หนองหอยทากน้อย"))
    result = run_with(made_up.text(), resources, tmp_path)
    assert {(r.organization_code, r.organization, r.district) for r in result.records} == {
        ("", "เทศบาลตำบลหนองหอยทากน้อย", "")}
    assert not {"ORG_AMBIGUOUS", "ORG_UNMATCHED"} & {f.code for f in result.flags}


def test_without_a_registry_only_close_matches_are_taken(resources):
    settings = resources.matcher.settings
    assert not resources.matcher.has_codes
    assert settings.municipal_upgrade_penalty == settings.other_type_penalty
    assert not settings.answers(settings.accept - 1, 0.0)  # no looser tier: far ahead is not enough
