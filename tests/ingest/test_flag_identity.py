"""Flags join what they are about: a row flag names its record (record_id) and every flag the
column (field); a record's ``flags`` column lists exactly the codes of the flag rows naming it."""

from __future__ import annotations

from collections import Counter

import pytest

from saraban.reconcile.flags import FlagCode
from tests.ingest.report_text import MEMO, Bundle, Row
from tests.ingest.test_flags import CASES, run

# Every case that fires, and one bundle with many row flags at once.
MANY = Bundle(rows=[Row("1", dimension="7"), Row("2", budget="1O,OOO.OO"), Row("2"),
                    Row("4", ticks=()), Row("5", disbursed="12,000.00"),
                    Row("6", ticks=("in_progress", "completed"))], total="9")
BUNDLES = {str(code): fire for code, (fire, _) in CASES.items()} | {"many": MANY}


@pytest.mark.parametrize("name", list(BUNDLES))
def test_every_flag_names_its_record_and_field(name, tmp_path, resources):
    result = run(BUNDLES[name], tmp_path, resources)
    records = {r.record_id: r for r in result.records}
    assert len(records) == len(result.records) and "" not in records  # record_id unique, never empty
    documents = {d.document_id for d in result.documents}
    for flag in result.flags:
        assert flag.field, flag
        assert flag.document_id in documents
        assert flag.record_id == "" or flag.record_id in records, flag
    for record_id, record in records.items():
        named = [f.code for f in result.flags if f.record_id == record_id]
        assert record.flags == ";".join(dict.fromkeys(named))


def test_row_flags_say_which_column(tmp_path, resources):
    result = run(MANY, tmp_path, resources)
    about = {(f.code, f.seq): (f.record_id, f.field) for f in result.flags}
    by_seq = {r.seq: r.record_id for r in result.records if r.seq != 2}
    assert about[(FlagCode.DIMENSION_INVALID, 1)] == (by_seq[1], "dimension")
    assert about[(FlagCode.STATUS_MISSING, 4)] == (by_seq[4], "status")
    assert about[(FlagCode.DISBURSED_EXCEEDS_BUDGET, 5)] == (by_seq[5], "disbursed_baht")
    assert about[(FlagCode.STATUS_MULTIPLE, 6)] == (by_seq[6], "status")
    assert about[(FlagCode.AMOUNT_UNPARSEABLE, 2)][1] == "budget_baht"
    assert about[(FlagCode.SUMMARY_TOTAL_MISMATCH, None)] == ("", "stated_total")


def test_a_repeated_sequence_number_joins_one_record(tmp_path, resources):
    result = run(CASES[FlagCode.SEQ_DUPLICATE][0], tmp_path, resources)
    (flag,) = [f for f in result.flags if f.code == FlagCode.SEQ_DUPLICATE]
    joined = [r for r in result.records if r.record_id == flag.record_id]
    assert len(joined) == 1 and joined[0].seq == 2 and flag.field == "seq"
    first, second = [r for r in result.records if r.seq == 2]
    assert joined[0] is second and first.record_id in flag.message  # it names the first, too
    assert "SEQ_DUPLICATE" not in first.flags


def test_date_flags_say_which_date(tmp_path, resources):
    memo = MEMO.replace("๑๔ กุมภาพันธ์", "๓๑ กุมภาพันธ์")
    (flag,) = [f for f in run(Bundle(memo=memo), tmp_path, resources).flags if f.code == FlagCode.DATE_INVALID]
    assert (flag.record_id, flag.field) == ("", "date")
    (as_of,) = [f for f in run(Bundle(as_of="31 กุมภาพันธ์ 2566"), tmp_path, resources).flags
                if f.code == FlagCode.DATE_INVALID]
    assert as_of.field == "as_of"


def test_a_title_naming_another_organization_gives_one_flag_row_per_row_under_it(tmp_path, resources):
    result = run(CASES[FlagCode.ORG_NAME_VARIANT][0], tmp_path, resources)
    variants = [f for f in result.flags if f.code == FlagCode.ORG_NAME_VARIANT]
    flagged = [r for r in result.records if "ORG_NAME_VARIANT" in r.flags]
    assert Counter(f.record_id for f in variants if f.record_id) == Counter(r.record_id for r in flagged)
    assert all(f.field == "organization_raw" for f in variants)


def test_a_bundle_with_only_row_flags_has_every_flag_on_a_record(tmp_path, resources):
    only_rows = Bundle(rows=[Row("1", dimension="7"), Row("2", ticks=()), Row("3"), Row("3")])
    result = run(only_rows, tmp_path, resources)
    records = {r.record_id for r in result.records}
    assert result.flags and all(f.record_id in records and f.field for f in result.flags)
    assert len(result.flags) == sum(len(r.flags.split(";")) for r in result.records if r.flags)


def test_a_report_field_not_read_is_flagged_on_the_report_by_its_field(tmp_path, resources):
    # The title prints no year and no round, the summary no 'as of' date: one flag per field,
    # about the report (no record_id), so that no row is put up for review for it.
    result = run(Bundle(year="", round_months=None, as_of=""), tmp_path, resources)
    unread = [f for f in result.flags if f.code == FlagCode.REPORT_FIELD_UNREAD]
    assert sorted(f.field for f in unread) == ["as_of", "fiscal_year", "round_months"]
    assert all(f.record_id == "" and f.document_id == result.reports[0].document_id for f in unread)
    assert all(r.fiscal_year is None and r.round_months is None and not r.flags for r in result.records)
    assert (result.reports[0].fiscal_year, result.reports[0].round_months, result.reports[0].as_of) == (None, None, "")
    (round_flag,) = [f for f in unread if f.field == "round_months"]
    assert "round" in round_flag.message and round_flag.page == 2 and "รายงานผล" in round_flag.found
    # Read, they are not flagged; no title at all is TITLE_UNREAD alone, which names them already.
    assert not [f for f in run(Bundle(), tmp_path, resources).flags if f.code == FlagCode.REPORT_FIELD_UNREAD]
    untitled = run(Bundle(title=False), tmp_path, resources)
    assert FlagCode.TITLE_UNREAD in {f.code for f in untitled.flags}
    assert FlagCode.REPORT_FIELD_UNREAD not in {f.code for f in untitled.flags}
    # An 'as of' date printed but not a date is that date's flag, not this one.
    invalid = run(Bundle(as_of="31 กุมภาพันธ์ 2566"), tmp_path, resources)
    assert [f.code for f in invalid.flags if f.field == "as_of"] == [FlagCode.DATE_INVALID]
