"""The organization matcher: garbles matched, context used, abstention when unsure."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
from rapidfuzz.distance import Levenshtein

from saraban.normalize.gazetteer import LaoEntry
from saraban.normalize.org_match import RESCORED, MatchContext, OrgMatcher
from saraban.normalize.org_printed import fold, name_key

ENTRIES = (
    LaoEntry("4950103", "town_municipality", "สะเตงนอก", "เทศบาลเมืองสะเตงนอก", "ยะลา", "เมืองยะลา"),
    LaoEntry("6950104", "subdistrict_admin_org", "ลำใหม่", "องค์การบริหารส่วนตำบลลำใหม่", "ยะลา", "เมืองยะลา"),
    LaoEntry("5810401", "subdistrict_municipality", "บ้านนา", "เทศบาลตำบลบ้านนา", "กระบี่", "คลองท่อม"),
    LaoEntry("6950199", "subdistrict_admin_org", "บ้านนา", "องค์การบริหารส่วนตำบลบ้านนา", "ยะลา", "เมืองยะลา"),
    LaoEntry("6810409", "subdistrict_admin_org", "เพหลา", "องค์การบริหารส่วนตำบลเพหลา", "กระบี่", "คลองท่อม"),
)


@pytest.fixture(scope="module")
def matcher(resources) -> OrgMatcher:
    return OrgMatcher(ENTRIES, resources.vocab.org_types)


def test_confusable_letters_and_marks_fold_together():
    assert fold(name_key("สระเดงนอก")) == fold(name_key("สะเตงนอก"))
    assert fold(name_key("บ้านนา")) == fold(name_key("ปานนา"))


@pytest.mark.parametrize("printed", ["เทศบาลเมืองสระเดงนอก", "ทม.สะเตงนอก", "เทศบาลตำบลสะเตงนอก", "สะเตง นอก"])
def test_garbled_abbreviated_and_old_type_names_match(matcher, printed):
    found = matcher.match(printed, MatchContext(province="ยะลา"))
    assert found.verdict == "matched" and found.entry.code == "4950103"


def test_the_province_and_the_type_decide_between_namesakes(matcher):
    assert matcher.match("บ้านนา").verdict == "ambiguous"
    assert matcher.match("บ้านนา", MatchContext(province="กระบี่")).entry.code == "5810401"
    assert matcher.match("อบต.บ้านนา").entry.code == "6950199"  # the type printed settles it


def test_names_not_in_the_gazetteer_are_unmatched(matcher):
    for printed in ("เทศบาลตำบลหนองหอยทาก", "เทศบาลเมืองสงขลา"):
        found = matcher.match(printed, MatchContext(province="ยะลา"))
        assert found.verdict == "unmatched" and found.entry is None


def test_many_queries_in_one_call_keep_their_order(matcher):
    found = matcher.match_many(["เพหลา", "ลำใหม่", "สะเตงนอก"],
                               [MatchContext("กระบี่"), MatchContext("ยะลา"), MatchContext("")])
    assert [f.entry.code for f in found] == ["6810409", "6950104", "4950103"]


def test_a_namesake_of_another_type_does_not_make_a_garbled_name_ambiguous(resources):
    entries = (
        LaoEntry("3900601", "subdistrict_municipality", "แว้ง", "เทศบาลตำบลแว้ง", "นราธิวาส", "แว้ง"),
        LaoEntry("6960601", "subdistrict_admin_org", "แว้ง", "องค์การบริหารส่วนตำบลแว้ง", "นราธิวาส", "แว้ง"),
        LaoEntry("6960602", "subdistrict_admin_org", "กายูคละ", "องค์การบริหารส่วนตำบลกายูคละ", "นราธิวาส", "แว้ง"),
    )
    matcher = OrgMatcher(entries, resources.vocab.org_types)
    found = matcher.match("เทศบาลตำบลแช้ง", MatchContext(province="นราธิวาส"))  # ว read ช
    assert found.verdict == "matched" and found.entry.code == "3900601"
    assert found.namesake is not None and found.namesake.code == "6960601"
    # With no type printed, only a guess could choose between the two: it abstains.
    assert matcher.match("แว้ง", MatchContext(province="นราธิวาส")).verdict == "ambiguous"
    bare = matcher.match("แช้ง", MatchContext(province="นราธิวาส"))
    assert bare.verdict != "matched" and bare.entry is None


def test_a_looser_match_is_taken_only_far_ahead_of_the_next(matcher):
    settings = matcher.settings
    assert settings.answers(settings.lone_accept, settings.lone_accept - settings.lone_margin)
    assert not settings.answers(settings.lone_accept, settings.lone_accept - settings.lone_margin + 1)
    assert not settings.answers(settings.accept + 10, None, settings.accept + 10 - settings.margin + 1)


def test_a_bundles_mentions_outvote_the_one_that_a_misread_made_another_name(resources):
    entries = (
        LaoEntry("6300101", "subdistrict_admin_org", "ระเริง", "องค์การบริหารส่วนตำบลระเริง", "นครราชสีมา", "วังน้ำเขียว"),
        LaoEntry("6300102", "subdistrict_admin_org", "มะเริง", "องค์การบริหารส่วนตำบลมะเริง", "นครราชสีมา", "เมืองนครราชสีมา"),
        LaoEntry("6300103", "subdistrict_admin_org", "หนองระเวียง", "องค์การบริหารส่วนตำบลหนองระเวียง",
                 "นครราชสีมา", "เมืองนครราชสีมา"),
    )
    matcher = OrgMatcher(entries, resources.vocab.org_types)
    korat = MatchContext(province="นครราชสีมา")
    # ร read น: alone, the name is มะเริง's (ม and น are confused), never ระเริง's.
    alone = matcher.match("อบต.นะเริง", korat)
    assert alone.entry is None or alone.entry.code == "6300102"
    together = matcher.match_mentions(["อบต.นะเริง", "องค์การบริหารส่วนตำบลระเริง", "อบต. ระเริ่ง"], korat)
    assert together.verdict == "matched" and together.entry.code == "6300101"
    assert together.runner_up.code == "6300102"
    # Repeats count: one clean printing among three misread ones does not outvote them.
    outvoted = matcher.match_mentions(["อบต.นะเริง"] * 3 + ["อบต.ระเริง"], korat)
    assert outvoted.entry is None or outvoted.entry.code != "6300101"


def test_bundles_in_one_call_keep_their_order_and_empty_ones_are_unmatched(matcher):
    found = matcher.match_bundles([["เทศบาลเมืองสระเดงนอก", "ทม.สะเตงนอก"], [" ", ""], ["อบต.เพหลา"]],
                                  [MatchContext("ยะลา"), MatchContext("ยะลา"), MatchContext("กระบี่")])
    assert [f.entry.code if f.entry else f.verdict for f in found] == ["4950103", "unmatched", "6810409"]


def test_a_type_word_with_two_misread_letters_is_still_read_as_the_type(matcher):
    # เทศบาลเมือง with ศ read ด and อ read ถ (neither a pair folded together): still the type.
    found = matcher.match("เทดบาลเมืถงสะเตงนอก", MatchContext(province="ยะลา"))
    assert matcher.read("เทดบาลเมืถงสะเตงนอก").type_code == "town_municipality"
    assert found.verdict == "matched" and found.entry.code == "4950103"


def test_a_short_name_one_misread_from_only_one_lao_of_its_province_is_answered(resources):
    def sao(code: str, name: str) -> LaoEntry:
        return LaoEntry(code, "subdistrict_admin_org", name, "องค์การบริหารส่วนตำบล" + name, "สุรินทร์", "เขวาสินรินทร์")

    matcher = OrgMatcher((sao("6320101", "แขม"), sao("6320102", "พิมาย"), sao("6320103", "แนงมุด"),
                          sao("6320104", "แกใหญ่")), resources.vocab.org_types)
    found = matcher.match("แพม", MatchContext("สุรินทร์"))  # ข read พ: a third of the name
    assert found.verdict == "matched" and found.entry.code == "6320101"
    assert 60 < found.score < 70 and found.score - found.runner_up_score > 20


def test_a_name_missing_its_last_letters_scores_above_one_with_as_many_misread(resources):
    def sao(code: str, name: str) -> LaoEntry:
        return LaoEntry(code, "subdistrict_admin_org", name, "องค์การบริหารส่วนตำบล" + name, "ขอนแก่น", "ชนบท")

    matcher = OrgMatcher((sao("6400101", "ดงดินแดง"), sao("6400102", "ดงมะรุม"), sao("6400103", "หนองคู"),
                          sao("6400104", "บ้านแท่น")), resources.vocab.org_types)
    khon_kaen = MatchContext("ขอนแก่น")
    cut = matcher.match("อบต.ดงดินแ", khon_kaen)  # the line cut two letters short
    misread = matcher.match("อบต.ดงดินแยม", khon_kaen)  # two letters misread as ones no pair confuses
    assert cut.verdict == "matched" and cut.entry.code == "6400101"
    assert cut.candidate == misread.candidate and cut.score > misread.score + 5
    uniform = OrgMatcher(matcher.entries, resources.vocab.org_types, replace(matcher.settings, edit_weights=(1, 1, 1)))
    assert uniform.match("อบต.ดงดินแ", khon_kaen).score == pytest.approx(misread.score, abs=1)


def test_only_the_best_rows_are_rescored_and_each_gets_its_own_weighted_score(resources):
    # More entries than are rescored: the weighted score must land on the row it was computed for.
    rng = random.Random(5)
    letters = "กขคงจดตนบปมยรลวสหอ"
    names = sorted({"".join(rng.choice(letters) for _ in range(rng.randint(3, 8))) for _ in range(300)})
    entries = [LaoEntry(f"69{i:05d}", "subdistrict_admin_org", n, "องค์การบริหารส่วนตำบล" + n, "ตาก", "แม่สอด")
               for i, n in enumerate(names)]
    matcher = OrgMatcher(entries, resources.vocab.org_types)
    weights = matcher.settings.edit_weights
    assert len(entries) > RESCORED
    def weighted(a: str, b: str) -> float:
        return 100 * Levenshtein.normalized_similarity(a, b, weights=weights)

    for name in rng.sample(names, 20):
        query = name[:-1]  # cut short by a letter
        found = matcher.match(query, MatchContext("ตาก"))
        score_of = {n: (weighted(query, n) + weighted(fold(query), fold(n))) / 2 for n in names}
        assert found.score == pytest.approx(max(score_of.values()), abs=1e-3)
        assert score_of[found.candidate.name] == pytest.approx(found.score, abs=1e-3)


def test_a_mark_left_between_the_type_and_the_name_is_not_part_of_the_name(matcher):
    assert matcher.read("เทศบาลตำบล่บ้านนา").key == "บ้านนา"
    assert matcher.read("องค์การบริหารส่วนตำบลิลำใหม่").key == "ลำใหม่"
