"""Project and person keys that survive OCR spelling differences."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from normalize.keys import link_reporter, person_key, project_key

TITLES = ("นางสาว", "นาง", "นาย", "น.ส.")
SEED_SIGNATORIES = [
    ("นางสาวยาวาเสะ ดอเล้าะ", "ผู้ช่วยนิติการ"),
    ("นางสาวอรนทร แก้วเอี่ยม", "หัวหน้าฝ่ายบริหารงานทั่วไป"),
    ("นางสาวรุ่งนภา เหล็มปาน", "หัวหน้าสำนักปลัดเทศบาล"),
]


def test_one_project_across_rounds_gets_one_key():
    spellings = ("โครงการอบรมคุณธรรมจริยธรรม ประจำปีงบประมาณ พ.ศ. ๒๕๖๕",
                 "โครงการอบรมคุณธรรม จริยธรรม ปี 2566", "“โครงการอบรมคุณธรรมจริยธรรม”",
                 "โครงการอบรมคุณธรรมจริยธรรม.")
    assert len({project_key("4950103", s) for s in spellings}) == 1


def test_different_projects_and_organizations_stay_apart():
    assert project_key("4950103", "โครงการอบรมคุณธรรมผู้บริหาร") != project_key("4950103", "โครงการอบรมคุณธรรมพนักงานจ้าง")
    assert project_key("4950103", "โครงการถนน ระยะที่ 1") != project_key("4950103", "โครงการถนน ระยะที่ 2")
    assert project_key("4950103", "โครงการถนน") != project_key("5810401", "โครงการถนน")


@given(st.lists(st.integers(min_value=1, max_value=12), min_size=1, max_size=4))
def test_project_key_ignores_spaces_and_the_digit_script(cuts):
    name = "โครงการปรับปรุงถนนสาย 12 หมู่ที่ 3"
    spaced = name
    for cut in sorted(set(cuts), reverse=True):
        spaced = spaced[:cut] + " " + spaced[cut:]
    thai_digits = name.replace("12", "๑๒").replace("3", "๓")
    assert project_key("x", spaced) == project_key("x", name) == project_key("x", thai_digits)


def test_the_seed_reporter_is_the_memo_signer():
    link = link_reporter(SEED_SIGNATORIES, ("นางสาววา วา คอเคาะ", "ผู้ช่วยนิติกร"), TITLES)
    assert link is not None and link.index == 0 and link.confidence >= 0.7


def test_an_unrelated_reporter_is_linked_to_nobody():
    assert link_reporter(SEED_SIGNATORIES, ("นายสมชาย ใจดี", "นักวิชาการคลัง"), TITLES) is None
    assert link_reporter(SEED_SIGNATORIES[1:], ("นางสาววา วา คอเคาะ", "ผู้ช่วยนิติกร"), TITLES) is None


def test_person_keys_ignore_titles_and_spaces():
    assert person_key("b", "(นางสาวยาวาเสะ ดอเล้าะ)", TITLES) == person_key("b", "ยาวาเสะดอเล้าะ", TITLES)
    assert person_key("b", "นายสมชาย ใจดี", TITLES) != person_key("c", "นายสมชาย ใจดี", TITLES)
