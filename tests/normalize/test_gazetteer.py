"""The DLA open-data CSV and the registry TSV read into gazetteer entries, their aliases, and
the place-name fallback."""

from __future__ import annotations

import pytest

from saraban.normalize.gazetteer import (
    LaoEntry,
    Place,
    entries_from_places,
    parse_dla_csv,
    parse_registry_tsv,
    to_registry_tsv,
    with_aliases,
)

HEADER = (
    "จังหวัด,อำเภอ,ตำบล,รหัส อปท.,ประเภท อปท.,อปท.,ที่ตั้งสำนักงานเลขที่,หมู่ที่,รหัสไปรษณีย์,"
    "ขนาดพื้นที่,LAT,LONG,เว็ปไซต์ของอปท\n"
)
CSV = "\ufeff" + HEADER + (
    # Two tambon rows of one LAO; the quoted cells hold commas, a doubled quote and a newline.
    'ยะลา,เมืองยะลา,สะเตงนอก,4950103,เทศบาลเมือง,สะเตงนอก,"99/9, ถ.สุขยางค์",1,95000,42.1,6.5,101.2,'
    '"http://a.go.th,http://b.go.th"\n'
    'ยะลา,บันนังสตา,ลำใหม่,4950103,อบต.,ผิดแถว,"อาคาร ""ใหม่""\nชั้น 2",,95000,,,,\n'
    "จังหวัดกระบี่,อำเภอคลองท่อม,คลองท่อมใต้,5810401,ทต.,คลองท่อมใต้,,,,,,,\n"
    "กระบี่,คลองท่อม,เพหลา,6810409,,เพหลา,,,,,,,\n"
    "ปทุมธานี,หนองเสือ,หนองสามวัง,6130408,เทศบาลตำบล,เทศบาลตำบลหนองสามวัง,,,,,,,\n"
    "ชลบุรี,บางละมุง,หนองปรือ,3200408,ท้องถิ่นรูปแบบพิเศษ,เมืองพัทยา,,,,,,,\n"
    "ชลบุรี,บางละมุง,นาเกลือ,3200408,ท้องถิ่นรูปแบบพิเศษ,เมืองพัทยา,,,,,,,\n"
    "ขอนแก่น,เมืองขอนแก่น,ในเมือง,3400102,,เทศบาลนครขอนแก่น,,,,,,,\n"
    ",,,,,,,,,,,,\n"
)


@pytest.fixture(scope="module")
def org_types(resources):
    return resources.vocab.org_types


def summary(entry: LaoEntry) -> tuple[str, str, str, str, str, str]:
    return (entry.code, entry.type_code, entry.name, entry.full_name, entry.province, entry.district)


def test_one_entry_per_code_typed_by_word_abbreviation_prefix_or_code_digit(org_types):
    entries = parse_dla_csv(CSV, org_types)
    assert [summary(e) for e in entries] == [
        # the first tambon row wins (the second names another district, type and name)
        ("4950103", "town_municipality", "สะเตงนอก", "เทศบาลเมืองสะเตงนอก", "ยะลา", "เมืองยะลา"),
        # abbreviation; จังหวัด / อำเภอ prefixes dropped
        ("5810401", "subdistrict_municipality", "คลองท่อมใต้", "เทศบาลตำบลคลองท่อมใต้", "กระบี่", "คลองท่อม"),
        # no type printed: the code's first digit
        ("6810409", "subdistrict_admin_org", "เพหลา", "องค์การบริหารส่วนตำบลเพหลา", "กระบี่", "คลองท่อม"),
        # the printed type wins over the digit (upgraded, code kept); prefix on the name removed
        ("6130408", "subdistrict_municipality", "หนองสามวัง", "เทศบาลตำบลหนองสามวัง", "ปทุมธานี", "หนองเสือ"),
        # the special form: its name is its full name
        ("3200408", "special_admin_area", "เมืองพัทยา", "เมืองพัทยา", "ชลบุรี", "บางละมุง"),
        # no type printed, but the name carries it
        ("3400102", "city_municipality", "ขอนแก่น", "เทศบาลนครขอนแก่น", "ขอนแก่น", "เมืองขอนแก่น"),
    ]
    assert all(e.aliases == () for e in entries)  # facts only; with_aliases derives the rest


def test_crlf_lines_and_spaced_headers_are_read_alike(org_types):
    variant = CSV.replace("\n", "\r\n").replace("รหัส อปท.", "รหัสอปท.").replace("ประเภท อปท.", " ประเภท  อปท. ")
    assert parse_dla_csv(variant, org_types) == parse_dla_csv(CSV, org_types)


def test_files_that_are_not_the_dla_csv_are_refused_with_the_missing_columns_named(org_types):
    with pytest.raises(ValueError, match=r"not the DLA open-data CSV.*รหัส อปท\., ประเภท อปท\."):
        parse_dla_csv("จังหวัด,อำเภอ,อปท.\nยะลา,เมือง,x\n", org_types)
    with pytest.raises(ValueError, match="empty"):
        parse_dla_csv("", org_types)
    with pytest.raises(ValueError, match=r"line 2: รหัส อปท\. '49501' is not a 7-digit"):
        parse_dla_csv(HEADER + "ยะลา,เมืองยะลา,สะเตง,49501,ทม.,สะเตง,,,,,,,\n", org_types)
    with pytest.raises(ValueError, match="the type of 9950101"):
        parse_dla_csv(HEADER + "ยะลา,เมืองยะลา,สะเตง,9950101,,สะเตง,,,,,,,\n", org_types)
    with pytest.raises(ValueError, match="dla_code"):
        parse_registry_tsv("code\tname\n1\tx\n", {})


def test_registry_tsv_round_trip(org_types):
    entries = parse_dla_csv(CSV, org_types)
    codes = {"ยะลา": "95", "กระบี่": "81", "ปทุมธานี": "13", "ชลบุรี": "20", "ขอนแก่น": "40"}
    text = to_registry_tsv(entries, codes)
    assert text.splitlines()[1].split("\t") == [
        "4950103", "town_municipality", "สะเตงนอก", "เทศบาลเมืองสะเตงนอก", "95", "เมืองยะลา"]
    assert parse_registry_tsv(text, {code: name for name, code in codes.items()}) == entries


def test_round_trip_keeps_unknown_provinces_and_empty_codes_and_no_stray_tabs():
    odd = LaoEntry("", "subdistrict_admin_org", "บ้าน\tนา", "องค์การบริหารส่วนตำบลบ้าน\tนา", "ไม่มีจริง", "x")
    (back,) = parse_registry_tsv(to_registry_tsv([odd], {}), {})
    assert summary(back) == ("", "subdistrict_admin_org", "บ้าน นา", "องค์การบริหารส่วนตำบลบ้าน นา", "ไม่มีจริง", "x")


def test_a_municipality_is_also_known_by_abbreviation_other_municipal_types_and_place(org_types):
    entry = LaoEntry("5810401", "subdistrict_municipality", "บ้านนา", "เทศบาลตำบลบ้านนา", "กระบี่", "เมืองกระบี่")
    aliases = with_aliases(entry, org_types).aliases
    assert {"ทต.บ้านนา", "ทต. บ้านนา",  # abbreviated
            "เทศบาลเมืองบ้านนา", "ทม.บ้านนา", "เทศบาลนครบ้านนา", "ทน.บ้านนา",  # after an upgrade
            "องค์การบริหารส่วนตำบลบ้านนา", "อบต.บ้านนา",  # before it
            "เทศบาลตำบลบ้านนา จังหวัดกระบี่",
            "เทศบาลตำบลบ้านนา อำเภอเมืองกระบี่ จังหวัดกระบี่"} == set(aliases)
    assert len(aliases) == len(set(aliases)) and entry.full_name not in aliases


def test_aliases_of_other_types(org_types):
    def aliases(*fields: str) -> tuple[str, ...]:
        return with_aliases(LaoEntry(*fields), org_types).aliases

    town = aliases("4950103", "town_municipality", "สะเตงนอก", "เทศบาลเมืองสะเตงนอก", "ยะลา", "เมืองยะลา")
    assert {"ทม.สะเตงนอก", "เทศบาลตำบลสะเตงนอก", "ทต.สะเตงนอก", "เทศบาลนครสะเตงนอก"} <= set(town)
    assert "องค์การบริหารส่วนตำบลสะเตงนอก" not in town  # a ทม. was never an อบต. directly
    sao = aliases("6810409", "subdistrict_admin_org", "เพหลา", "องค์การบริหารส่วนตำบลเพหลา", "กระบี่", "")
    assert set(sao) == {"อบต.เพหลา", "อบต. เพหลา", "เทศบาลตำบลเพหลา", "ทต.เพหลา",
                        "องค์การบริหารส่วนตำบลเพหลา จังหวัดกระบี่"}  # no district: no อำเภอ form
    province = aliases("2950101", "provincial_admin_org", "ยะลา", "องค์การบริหารส่วนจังหวัดยะลา", "ยะลา", "เมืองยะลา")
    assert set(province) == {"อบจ.ยะลา", "อบจ. ยะลา"}
    pattaya = aliases("3200408", "special_admin_area", "เมืองพัทยา", "เมืองพัทยา", "ชลบุรี", "บางละมุง")
    assert set(pattaya) == {"เมืองพัทยา จังหวัดชลบุรี", "เมืองพัทยา อำเภอบางละมุง จังหวัดชลบุรี"}


def test_aliases_keep_the_ones_given_and_are_idempotent(org_types):
    entry = LaoEntry("4950103", "town_municipality", "สะเตงนอก", "เทศบาลเมืองสะเตงนอก", "ยะลา", "เมืองยะลา",
                     aliases=("เทศบาลตำบลสะเตง",))
    once = with_aliases(entry, org_types)
    assert once.aliases[0] == "เทศบาลตำบลสะเตง"
    assert with_aliases(once, org_types) == once
    assert summary(once) == summary(entry)


PROVINCES = (Place("95", "ยะลา"), Place("40", "ขอนแก่น"))
DISTRICTS = (Place("9501", "เมืองยะลา"), Place("9503", "บันนังสตา"), Place("4012", "เมืองพล"))
SUBDISTRICTS = (
    Place("950102", "สะเตงนอก"), Place("950301", "บาเจาะ"), Place("950108", "บาเจาะ"),
    Place("401201", "เมืองพล"), Place("100101", "พระบรมมหาราชวัง"),  # the last in no province given
)


def test_place_names_give_candidates_without_codes(org_types):
    entries = entries_from_places(PROVINCES, DISTRICTS, SUBDISTRICTS, org_types)
    assert all(e.code == "" for e in entries)
    by_name = {(e.full_name, e.district) for e in entries}
    assert {("องค์การบริหารส่วนตำบลสะเตงนอก", "เมืองยะลา"), ("เทศบาลตำบลสะเตงนอก", "เมืองยะลา"),
            ("เทศบาลเมืองสะเตงนอก", "เมืองยะลา"),  # subdistricts
            ("เทศบาลนครยะลา", "เมืองยะลา"), ("เทศบาลเมืองยะลา", "เมืองยะลา"),  # the capital district's seat
            ("เทศบาลตำบลบันนังสตา", "บันนังสตา"),  # another district's seat
            ("องค์การบริหารส่วนจังหวัดยะลา", "เมืองยะลา")} <= by_name  # the province
    # One name in two districts is two candidates, each with its own district.
    assert {d for name, d in by_name if name == "องค์การบริหารส่วนตำบลบาเจาะ"} == {"เมืองยะลา", "บันนังสตา"}
    # Only the capital (numbered 01) loses เมือง: เมืองพล is a town's own name.
    names = {n for n, _ in by_name}
    assert "เทศบาลเมืองเมืองพล" in names and not {"เทศบาลเมืองพล", "เทศบาลนครพล"} & names
    assert "องค์การบริหารส่วนตำบลพระบรมมหาราชวัง" not in names
    assert len(by_name) == len(entries)  # no duplicates
    assert {e.province for e in entries} == {"ยะลา", "ขอนแก่น"}
