"""Project and person keys that survive OCR spelling differences, on the seed bundle's own text."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz import fuzz

from saraban.normalize.keys import (
    ProjectMention,
    batch_project_keys,
    PersonLinkSettings,
    ProjectLinkSettings,
    cluster_keys,
    link_people,
    link_project_names,
    link_reporter,
    person_key,
    person_skeleton,
    project_key,
    project_skeleton,
)
from tests.conftest import SEED_BUNDLE

ORG = "4950103"
TITLES = ("นางสาว", "นาง", "นาย", "น.ส.", "ว่าที่ร้อยตรี")
SEED_TEXT = SEED_BUNDLE.read_text(encoding="utf-8")
# The report table's rows: seq <tab> project name <tab> …
SEED_ROWS = {
    int(m[1]): m[2].strip()
    for m in re.finditer(r"^([0-9]{1,2})\t([^\t]+)\t", SEED_TEXT, flags=re.MULTILINE)
}
# The cover memo's signatures: '(name)' and, on the next line with text, the position.
MEMO = SEED_TEXT.split("ศาลากลางจังหวัดยะลา")[0]
SEED_SIGNATORIES = [
    (m[1], m[2].strip()) for m in re.finditer(r"^(\(นา[^)]+\))\n+\s*(\S[^\n]*)$", MEMO, flags=re.MULTILINE)
]
SEED_REPORTER = re.search(r"ผู้รายงาน\s+(.+?)\s+ตำแหน่ง\s+(\S+)", SEED_TEXT).groups()


def test_the_seed_bundle_reads_as_expected():
    assert len(SEED_ROWS) == 65
    assert SEED_SIGNATORIES[0] == ("(นางสาวยาวาเสะ ดอเล้าะ)", "ผู้ช่วยนิติการ")
    assert [p for _, p in SEED_SIGNATORIES[1:]] == [
        "หัวหน้าฝ่ายบริหารงานทั่วไป", "ปลัดเทศบาลเมืองสะเตงนอก", "หัวหน้าสำนักปลัดเทศบาล",
        "นายกเทศมนตรีเมืองสะเตงนอก",
    ]
    assert SEED_REPORTER == ("นางสาววา วา คอเคาะ", "ผู้ช่วยนิติกร")


# --- project_key -----------------------------------------------------------------------------

@pytest.mark.parametrize("spellings", [
    (  # the year phrase, spaces, quotes, brackets, ฯ, trailing dots, a lost tone mark
        "โครงการส่งเสริมคุณธรรมจริยธรรม",
        "โครงการส่งเสริมคุณธรรมจริยธรรม ประจำปีงบประมาณ พ.ศ. ๒๕๖๕",
        "โครงการส่งเสริมคุณธรรม จริยธรรม (ปี 2566)",
        "“โครงการส่งเสริมคุณธรรม-จริยธรรม” ฯ...",
        "โครงการสงเสริมคุณธรรมจริยธรรม ปีงบประมาณ 2565.",
    ),
    (  # the seed report's own two spellings of the organization inside a name
        "กิจกรรมประเมินผลการปฏิบัติราชการของเทศบาลเมืองสระเตงนอก",
        "กิจกรรมประเมินผลการปฏิบัติราชการของเทศบาลเมืองสะเตงนอก",
        "กิจกรรมประเมินผลการปฏิบัติราชการของเทศบาลเมืองสระเดงนอก",
    ),
    (  # a name ending in ประจำปี, with and without the year after it
        "โครงการจัดทำรายงานผลการปฏิบัติราชการประจำปี",
        "โครงการจัดทำรายงานผลการปฏิบัติราชการ ประจำปี ๒๕๖๕",
    ),
    (  # a year range, a short fiscal year
        "โครงการตามยุทธศาสตร์ชาติ ระยะที่ ๓ (พ.ศ. ๒๕๖๐ - ๒๕๖๔)",
        "โครงการตามยุทธศาสตร์ชาติ ระยะที่ 3",
        "โครงการตามยุทธศาสตร์ชาติระยะที่ 3 ปีงบ 66",
    ),
    (  # letters OCR confuses (ด/ต, บ/ป, ข/ช, ม/น), Thai and Arabic digits, เเ for แ
        "โครงการปรับปรุงแผนชุมชนระยะที่ 2",
        "โครงการปรับบรุงเเผนชุนชนระยะที่ ๒",
        "โครงการปรับปรุงแผนชุมชน ระยะที่ ๖",  # Tesseract cannot print ๖ and gives ๒
    ),
])
def test_one_project_spelled_differently_gets_one_key(spellings):
    assert len({project_key(ORG, s) for s in spellings}) == 1


@pytest.mark.parametrize("a, b", [
    ("โครงการอบรมคุณธรรมจริยธรรมผู้บริหาร", "โครงการอบรมคุณธรรมจริยธรรมพนักงานจ้าง"),
    ("โครงการปรับปรุงถนน ระยะที่ 1", "โครงการปรับปรุงถนน ระยะที่ 2"),
    ("โครงการปรับปรุงถนน ระยะที่ ๑", "โครงการปรับปรุงถนน ระยะที่ 12"),
    (SEED_ROWS[43], SEED_ROWS[65]),  # ส่งเสริมคุณธรรมจริยธรรม / ส่งเสริมจริยธรรม
    (SEED_ROWS[8], SEED_ROWS[13]),  # คู่มือการป้องกันผลประโยชน์ทับซ้อน / คู่มือผลประโยชน์ทับซ้อน
    (SEED_ROWS[51], SEED_ROWS[59]),  # อบรมให้ความรู้ด้านระเบียบ … สภาเทศบาล… / … สภาท้องถิ่น
    (SEED_ROWS[20], SEED_ROWS[25]),  # คู่มือการรับเรื่อง… / จัดตั้งศูนย์รับเรื่อง…
    (SEED_ROWS[3], SEED_ROWS[12]),  # โครงการเผยแพร่… / กิจกรรมเผยแพร่…
    (SEED_ROWS[14], SEED_ROWS[31]),  # มาตรการจัดทำบันทึกข้อตกลง… / กิจกรรมจัดทำบันทึกข้อตกลง…
])
def test_different_projects_stay_apart(a, b):
    assert project_key(ORG, a) != project_key(ORG, b)
    assert link_project_names([a, b]) == [0, 1]


def test_one_name_in_two_organizations_gets_two_keys():
    assert project_key("4950103", "โครงการวันเด็กแห่งชาติ") != project_key("5810401", "โครงการวันเด็กแห่งชาติ")


def test_keys_are_the_same_in_every_run():
    # Golden values: a change means every key already written changes (see KEY_SCHEME).
    assert project_key(ORG, "โครงการอบรมพัฒนาบุคลากร") == "p-3d09a6ab37cd"
    assert project_key(ORG, "โครงการอบรมพัฒนาบุคลากร ประจำปี ๒๕๖๖") == "p-3d09a6ab37cd"
    assert person_key("sateng-nok-fy2565", "(นางสาวยาวาเสะ ดอเล้าะ)", TITLES) == "h-9efaa6f2c874"


SEED_NAMES = st.sampled_from(sorted(SEED_ROWS.values()))
ANY_NAME = st.text(alphabet="กขคงจฉชซดตนบปผพมยรลวสหอะัาำิีุู่้เแโใไ0123456789๐๑๒๓๔๕๖๗๘๙ .()-ฯ", max_size=40)


def _thai_digits(text: str, which: list[bool]) -> str:
    digits = iter(which + [False] * len(text))
    return "".join("๐๑๒๓๔๕๖๗๘๙"[int(c)] if c.isdigit() and c.isascii() and next(digits) else c for c in text)


@given(st.one_of(SEED_NAMES, ANY_NAME.map(lambda s: "โครงการ" + s)),
       st.lists(st.integers(min_value=0, max_value=200), max_size=6),
       st.lists(st.booleans(), max_size=12))
def test_project_key_ignores_spaces_and_the_digit_script(name, cuts, thai):
    spaced = name
    for cut in sorted({c % (len(name) + 1) for c in cuts}, reverse=True):
        spaced = spaced[:cut] + " " + spaced[cut:]
    assert project_key(ORG, _thai_digits(spaced, thai)) == project_key(ORG, name)


# --- link_project_names and cluster_keys -----------------------------------------------------

def test_the_seed_report_is_65_projects_but_for_one_name_printed_twice():
    rows = [SEED_ROWS[i] for i in sorted(SEED_ROWS)]
    clusters = link_project_names(rows)
    assert len(set(clusters)) == 64
    assert clusters[10] == clusters[35]  # rows 11 and 36: 'กิจกรรมลดขั้นตอนการปฏิบัติงาน' twice
    keys = cluster_keys(ORG, rows)
    assert len(set(keys)) == 64 and keys == [project_key(ORG, r) for r in rows]


# Names as a 6-month report would print them (the synthetic generator's clean vocabulary), and
# as the seed's 12-month report's OCR did: words garbled beyond what the skeleton folds.
FIRST_ROUND = {
    35: "โครงการประชุมประชาคมหมู่บ้าน",
    9: "โครงการรวมใจภักดิ์รักษ์พื้นที่สีเขียว",
    21: "มาตรการออกประกาศนโยบายไม่รับของขวัญ (No Gift Policy) ประจำปีงบประมาณ พ.ศ. ๒๕๖๕",
    49: "มาตรการจัดให้มีช่องทางที่ประชาชนเข้าถึงข้อมูลข่าวสารของเทศบาลเมืองสะเตงนอก",
    57: "กิจกรรมส่งเสริมให้สมาชิกสภาท้องถิ่นมีบทบาทในการตรวจสอบการปฏิบัติงานของฝ่ายบริหารท้องถิ่น",
}


def test_a_batch_with_both_rounds_gets_one_key_per_project():
    rows = [SEED_ROWS[i] for i in sorted(SEED_ROWS)]
    first = list(FIRST_ROUND.values())
    assert all(project_key(ORG, f) != project_key(ORG, SEED_ROWS[i]) for i, f in FIRST_ROUND.items())
    keys = cluster_keys(ORG, first + rows)
    by_seq = dict(zip(sorted(SEED_ROWS), keys[len(first):]))
    for (seq, name), key in zip(FIRST_ROUND.items(), keys):
        assert key == project_key(ORG, name)  # the first round keeps the key it had alone
        assert by_seq[seq] == key
    assert len(set(keys)) == 64


def test_the_batch_links_rounds_of_one_organization_only():
    first = [ProjectMention(ORG, name, "r6", (2565, 6, "a.pdf", seq)) for seq, name in FIRST_ROUND.items()]
    second = [ProjectMention(ORG, SEED_ROWS[seq], "r12", (2565, 12, "b.pdf", seq)) for seq in FIRST_ROUND]
    elsewhere = [ProjectMention("6950104", SEED_ROWS[seq], "x12", (2565, 12, "c.pdf", seq)) for seq in FIRST_ROUND]
    # Given latest first, the earliest round still gives its key to the project.
    keys = batch_project_keys(second + elsewhere + first)
    later, other, earlier = keys[:5], keys[5:10], keys[10:]
    assert earlier == [project_key(ORG, name) for name in FIRST_ROUND.values()]
    assert later == earlier
    assert other == [project_key("6950104", SEED_ROWS[seq]) for seq in FIRST_ROUND]


def test_two_names_read_in_one_report_stay_two_projects():
    seq = 35  # 'โครงการประชุมประชาคมหมู่บ้าน' and the OCR's 'ประชาชน': one project across rounds
    one_report = [ProjectMention(ORG, FIRST_ROUND[seq], "r12", (2565, 12, "b.pdf", 1)),
                  ProjectMention(ORG, SEED_ROWS[seq], "r12", (2565, 12, "b.pdf", 2))]
    assert len(set(batch_project_keys(one_report))) == 2
    two_reports = [replace(one_report[0], document_id="r6", order=(2565, 6, "a.pdf", 1)), one_report[1]]
    assert len(set(batch_project_keys(two_reports))) == 1


def test_kind_words_must_agree_when_both_names_print_one():
    name = "เผยแพร่ข้อมูลข่าวสารด้านการจัดซื้อจัดจ้างของเทศบาลเมืองสะเตงนอก"
    assert fuzz.ratio(project_skeleton("โครงการ" + name), project_skeleton("กิจกรรม" + name)) > 90
    assert link_project_names(["โครงการ" + name, "กิจกรรม" + name]) == [0, 1]
    assert link_project_names(["โครงการ" + name, name]) == [0, 0]  # a kind word lost is no conflict


def test_clusters_are_numbered_in_order_and_empty_input_is_fine():
    names = ["โครงการ ข", "โครงการ ก ระยะที่ 1", "โครงการ ข.", "โครงการ ก ระยะที่ 2"]
    assert link_project_names(names) == [0, 1, 0, 2]
    assert link_project_names([]) == [] and cluster_keys(ORG, []) == []


def test_complete_link_needs_every_member_close():
    # b is close to a and to c, a and c are not close: never all three together.
    a = "โครงการ" + "กขคงจฉ" * 4
    b = "โครงการ" + "กขคงจฉ" * 3 + "ยรลวสห"
    c = "โครงการ" + "กขคงจฉ" * 2 + "ยรลวสห" * 2
    settings = ProjectLinkSettings(min_similarity=80)
    similarity = [fuzz.ratio(project_skeleton(x), project_skeleton(y)) for x, y in ((a, b), (b, c), (a, c))]
    assert similarity[0] >= 80 and similarity[1] >= 80 and similarity[2] < 80
    assert len(set(link_project_names([a, b, c], settings))) == 2


# --- people ----------------------------------------------------------------------------------

def test_the_seed_reporter_is_the_memo_author():
    link = link_people(SEED_SIGNATORIES, SEED_REPORTER, titles=TITLES)
    assert link is not None and link.index == 0 and link.confidence >= 0.7
    assert "position 0.9" in link.reason


def test_link_reporter_is_link_people_with_the_titles_first():
    assert link_reporter(SEED_SIGNATORIES, SEED_REPORTER, TITLES) == link_people(
        SEED_SIGNATORIES, SEED_REPORTER, titles=TITLES)


def test_the_other_memo_signatories_score_clearly_lower():
    reporter = person_skeleton(SEED_REPORTER[0], TITLES)
    author, *others = [fuzz.ratio(reporter, person_skeleton(n, TITLES)) / 100 for n, _ in SEED_SIGNATORIES]
    assert author >= PersonLinkSettings().names_agree
    assert max(others) <= author - 0.3
    for other in SEED_SIGNATORIES[1:]:
        assert link_people([other], SEED_REPORTER, titles=TITLES) is None
    assert link_people(SEED_SIGNATORIES[1:], SEED_REPORTER, titles=TITLES) is None


@pytest.mark.parametrize("reporter", [
    ("นายสมชาย ใจดี", "นักวิชาการคลัง"),  # name and position both differ
    ("นายสมชาย ใจดี", "ผู้ช่วยนิติกร"),  # a colleague of the author's rank is another person
    ("นางสาววา วา คอเคาะ", ""),  # a garbled name alone is not enough
    ("นางสาววา วา คอเคาะ", "นิติกร"),  # nor with another rank's position
    ("", "ผู้ช่วยนิติกร"),
])
def test_no_link_without_enough_agreement(reporter):
    assert link_people(SEED_SIGNATORIES, reporter, titles=TITLES) is None


def test_a_clear_name_links_without_a_position():
    link = link_people(SEED_SIGNATORIES, ("นางนงเยาว์ ไชยมณี", ""), titles=TITLES)
    assert link is not None and link.index == 3 and "no position" in link.reason


def test_two_equally_good_signatories_give_no_link():
    twins = [("(นางสาวยาวาเสะ ดอเล้าะ)", "ผู้ช่วยนิติการ")] * 2
    assert link_people(twins, SEED_REPORTER, titles=TITLES) is None
    assert link_people([], SEED_REPORTER, titles=TITLES) is None


def test_person_keys_ignore_titles_brackets_and_spaces():
    key = person_key("b", "(นางสาวยาวาเสะ ดอเล้าะ)", TITLES)
    assert key == person_key("b", "ยาวาเสะ ดอเล้าะ", TITLES) == person_key("b", "น.ส. ยาวาเสะดอเล้าะ", TITLES)
    assert key != person_key("c", "(นางสาวยาวาเสะ ดอเล้าะ)", TITLES)
    assert key != person_key("b", "(นางนงเยาว์ ไชยมณี)", TITLES)
