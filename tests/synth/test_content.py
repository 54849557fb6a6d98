"""Content and injections of synthetic bundles, checked without drawing a pixel."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from decimal import Decimal
from typing import Any

import pytest

from synth import InjectionCode, SynthConfig, make_content
from synth.content import STATUSES
from synth.thaitext import arabic, digits, money, percent, wrap

SEEDS = range(0, 40)


def flatten(value: Any, path: str = "") -> dict[str, Any]:
    """{"report.rows[3].seq": 4, ...} so two bundles can be diffed field by field."""
    if dataclasses.is_dataclass(value):
        value = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            out.update(flatten(item, f"{path}.{key}" if path else key))
        return out
    if isinstance(value, tuple) and value and dataclasses.is_dataclass(value[0]):
        out = {}
        for i, item in enumerate(value):
            out.update(flatten(item, f"{path}[{i}]"))
        return out
    return {path: value}


def changed(a: Any, b: Any) -> set[str]:
    fa, fb = flatten(a), flatten(b)
    return {k for k in fa.keys() | fb.keys() if fa.get(k) != fb.get(k)}


@pytest.mark.parametrize("seed", SEEDS)
def test_stated_figures_equal_row_sums_without_injections(seed: int) -> None:
    bundle, injected = make_content(seed)
    report, stated = bundle.report, bundle.report.stated
    rows = report.rows
    assert injected == ()
    assert 15 <= len(rows) <= 70
    assert [r.seq for r in rows] == list(range(1, len(rows) + 1))
    assert stated.total == len(rows)
    counts = Counter(r.status for r in rows)
    assert all(getattr(stated, s) == counts[s] for s in STATUSES)
    assert stated.disbursed == sum(r.disbursed for r in rows)
    assert stated.disbursed_percent == percent(stated.disbursed, sum(r.budget for r in rows))
    assert stated.implementation_percent == percent(Decimal(counts["completed"] + counts["in_progress"]), Decimal(len(rows)))
    for row in rows:
        assert row.dimension in (1, 2, 3, 4)
        assert Decimal(0) <= row.disbursed <= row.budget
        assert row.ticks == (row.status,) and row.status in STATUSES
        assert row.budget == 0 or Decimal(20000) <= row.budget <= Decimal(500000)
    assert len({r.project_name for r in rows}) == len(rows)
    assert 2563 <= report.fiscal_year <= 2567 and report.round_months in (6, 12)
    assert report.name_header.startswith("รายการโครงการ")


@pytest.mark.parametrize("seed", SEEDS)
def test_memo_fields_are_consistent(seed: int) -> None:
    memo = make_content(seed)[0].memo
    assert re.fullmatch(r"[ก-ฮ]{2} \d{5}/\d{1,3}", memo.doc_number)
    # Printed forms differ only in spacing ("ยล๕๒๕๐๑/๑๖๖", "ยล ๕๒๕๐๑ / ๑๖๖") and digits.
    assert re.sub(r"\s", "", arabic(memo.doc_number_printed)) == memo.doc_number.replace(" ", "")
    assert memo.date is not None
    assert arabic(memo.date_printed).startswith(f"{memo.date.day} ")
    assert memo.date_printed.endswith(digits(str(memo.date.year + 543), memo.thai_digits))
    assert memo.signatories and all(p.name and p.position for p in memo.signatories)


def test_thai_and_arabic_digits_both_occur() -> None:
    memos = [make_content(seed)[0].memo.thai_digits for seed in SEEDS]
    assert any(memos) and not all(memos)


def test_same_seed_same_content() -> None:
    assert make_content(7) == make_content(7)
    assert make_content(7) != make_content(8)


ROW_FIELD = {
    InjectionCode.DISBURSED_EXCEEDS_BUDGET: "disbursed",
    InjectionCode.STATUS_MISSING: "status",
    InjectionCode.STATUS_MULTIPLE: "status",
    InjectionCode.DIMENSION_INVALID: "dimension",
}
REPORT_FIELD = {
    InjectionCode.SUMMARY_TOTAL_MISMATCH: {"report.stated.total"},
    InjectionCode.DISBURSED_TOTAL_MISMATCH: {"report.stated.disbursed"},
    InjectionCode.PERCENT_MISMATCH: {"report.stated.disbursed_percent"},
    InjectionCode.DATE_INVALID: {"memo.day"},
}


@pytest.mark.parametrize("seed", [3, 11, 25])
@pytest.mark.parametrize("code", list(InjectionCode))
def test_each_injection_changes_exactly_what_it_says(code: InjectionCode, seed: int) -> None:
    base, _ = make_content(seed)
    bundle, injected = make_content(seed, SynthConfig(inject={code}))
    assert [i.code for i in injected] == [code]
    record = injected[0]
    diff = changed(base, bundle)
    rows = bundle.report.rows
    index = next((i for i, r in enumerate(rows) if r.seq == record.seq), None)
    if code in REPORT_FIELD:
        assert diff == REPORT_FIELD[code] and record.seq is None
    elif code == InjectionCode.SUMMARY_COUNT_MISMATCH:
        assert len(diff) == 1 and diff.pop().split(".")[-1] in STATUSES and record.seq is None
    elif code in (InjectionCode.SEQ_GAP, InjectionCode.SEQ_DUPLICATE):
        step = 1 if code == InjectionCode.SEQ_GAP else -1
        first = next(i for i, (a, b) in enumerate(zip(base.report.rows, rows)) if a.seq != b.seq)
        assert diff == {f"report.rows[{i}].seq" for i in range(first, len(rows))}
        assert all(b.seq == a.seq + step for a, b in zip(base.report.rows[first:], rows[first:]))
        assert record.seq == rows[first].seq
        seqs = [r.seq for r in rows]
        assert (len(set(seqs)) == len(seqs)) == (code == InjectionCode.SEQ_GAP)
    else:
        row_paths = {p for p in diff if p.startswith(f"report.rows[{index}].")}
        assert index is not None and row_paths
        assert diff - row_paths <= {"report.stated.disbursed", "report.stated.disbursed_percent"}
        if code != InjectionCode.DISBURSED_EXCEEDS_BUDGET:
            assert diff == row_paths  # tick faults leave the stated counts alone
        row = rows[index]
        assert record.field == ROW_FIELD[code]
        if code == InjectionCode.DISBURSED_EXCEEDS_BUDGET:
            assert row.disbursed > row.budget
            assert bundle.report.stated.disbursed == sum(r.disbursed for r in rows)
        elif code == InjectionCode.STATUS_MISSING:
            assert row.status == "empty" and row.ticks == ()
        elif code == InjectionCode.STATUS_MULTIPLE:
            assert row.status == "multiple" and len(row.ticks) == 2 and row.status_intended in row.ticks
        else:
            assert row.dimension in (0, 5)
    if code == InjectionCode.DATE_INVALID:
        assert bundle.memo.date is None and bundle.memo.day >= 32
        assert arabic(bundle.memo.date_printed).startswith(str(bundle.memo.day))


def test_all_injections_at_once_hit_distinct_rows() -> None:
    bundle, injected = make_content(5, SynthConfig(inject=set(InjectionCode)))
    assert sorted(i.code for i in injected) == sorted(InjectionCode)
    row_seqs = [i.seq for i in injected if i.seq is not None]
    assert len(row_seqs) == len(set(row_seqs)) == 6


def test_random_injection_rate_is_deterministic() -> None:
    assert make_content(9, SynthConfig(inject_random_rate=0.0))[1] == ()
    assert len(make_content(9, SynthConfig(inject_random_rate=1.0))[1]) == len(InjectionCode)
    drawn = [tuple(i.code for i in make_content(s, SynthConfig(inject_random_rate=0.3))[1]) for s in range(30)]
    assert drawn == [tuple(i.code for i in make_content(s, SynthConfig(inject_random_rate=0.3))[1]) for s in range(30)]
    assert 0 < sum(map(len, drawn)) < 30 * len(InjectionCode)


def test_config_rejects_bad_values() -> None:
    with pytest.raises(ValueError):
        SynthConfig(inject={"NOT_A_CODE"})
    with pytest.raises(ValueError):
        SynthConfig(dpi=10)
    with pytest.raises(ValueError):
        SynthConfig(row_count=(5, 2))
    assert SynthConfig(inject=["SEQ_GAP"]).inject == frozenset({InjectionCode.SEQ_GAP})


def test_printing_helpers() -> None:
    # The real sateng-nok bundle: 595,655.00 of 1,388,650.00 is stated as 42.89 per cent.
    assert percent(Decimal("595655"), Decimal("1388650")) == Decimal("42.89")
    assert percent(Decimal(1), Decimal(0)) == Decimal("0.00")
    assert money(Decimal("499600"), thai=True) == "๔๙๙,๖๐๐.๐๐"
    assert money(Decimal("37005")) == "37,005.00"


@pytest.mark.parametrize("width", [60, 150, 400])
def test_wrap_keeps_every_character(width: int) -> None:
    text = "โครงการอบรมให้ความรู้ด้านระเบียบ กฎหมายท้องถิ่น ผู้บริหาร และสมาชิกสภาเทศบาลเมืองสะเตงนอก (No Gift Policy)"
    lines = wrap(text, width, lambda s: 10.0 * len(s))
    assert all(10 * len(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert not any(line.startswith(("ั", "ิ", "ี", "ึ", "ื", "ุ", "ู", "่", "้", "๊", "๋", "ำ")) for line in lines)
