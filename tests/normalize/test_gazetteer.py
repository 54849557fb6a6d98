"""The DLA open-data CSV and the registry TSV read into gazetteer entries."""

from __future__ import annotations

import pytest

from normalize.gazetteer import entries_from_places, parse_dla_csv, parse_registry_tsv, to_registry_tsv

CSV = (
    "\ufeffจังหวัด,อำเภอ,ตำบล,รหัส อปท.,ประเภท อปท.,อปท.,ที่ตั้งสำนักงานเลขที่,หมู่ที่,รหัสไปรษณีย์,"
    "ขนาดพื้นที่,LAT,LONG,เว็ปไซต์ของอปท\n"
    'ยะลา,เมืองยะลา,สะเตงนอก,4950103,เทศบาลเมือง,เทศบาลเมืองสะเตงนอก,"99/9, ถ.สุขยางค์",1,95000,42.1,6.5,101.2,\n'
    "ยะลา,เมืองยะลา,ลำใหม่,4950103,เทศบาลเมือง,เทศบาลเมืองสะเตงนอก,,,95000,,,,\n"
    "จังหวัดกระบี่,อำเภอคลองท่อม,คลองท่อมใต้,5810401,ทต.,คลองท่อมใต้,,,,,,,\n"
    "กระบี่,คลองท่อม,เพหลา,6810409,,องค์การบริหารส่วนตำบลเพหลา,,,,,,,\n"
)


def test_dla_csv_one_entry_per_code_with_types_by_word_abbreviation_or_code(resources):
    entries = parse_dla_csv(CSV, resources.vocab.org_types)
    assert [e.code for e in entries] == ["4950103", "5810401", "6810409"]  # tambon rows deduplicated
    sateng, khlong, phela = entries
    assert (sateng.type_code, sateng.name, sateng.full_name, sateng.province, sateng.district) == (
        "town_municipality", "สะเตงนอก", "เทศบาลเมืองสะเตงนอก", "ยะลา", "เมืองยะลา")
    assert (khlong.type_code, khlong.full_name, khlong.province, khlong.district) == (
        "subdistrict_municipality", "เทศบาลตำบลคลองท่อมใต้", "กระบี่", "คลองท่อม")
    assert phela.type_code == "subdistrict_admin_org" and phela.name == "เพหลา"  # by the code's digit


def test_registry_tsv_round_trip(resources):
    entries = parse_dla_csv(CSV, resources.vocab.org_types)
    text = to_registry_tsv(entries, {"ยะลา": "95", "กระบี่": "81"})
    assert parse_registry_tsv(text, {"95": "ยะลา", "81": "กระบี่"}) == entries


def test_files_that_are_not_the_registry_are_refused(resources):
    with pytest.raises(ValueError, match="รหัส อปท."):
        parse_dla_csv("จังหวัด,อำเภอ,อปท.\nยะลา,เมือง,x\n", resources.vocab.org_types)
    with pytest.raises(ValueError, match="dla_code"):
        parse_registry_tsv("code\tname\n1\tx\n", {})


def test_place_names_give_candidates_without_codes(resources):
    entries = entries_from_places([("ยะลา", "เมืองยะลา", "สะเตงนอก")], resources.vocab.org_types)
    names = {e.full_name for e in entries}
    assert {"องค์การบริหารส่วนตำบลสะเตงนอก", "เทศบาลตำบลสะเตงนอก", "เทศบาลเมืองเมืองยะลา",
            "องค์การบริหารส่วนจังหวัดยะลา"} <= names
    assert all(e.code == "" for e in entries)
