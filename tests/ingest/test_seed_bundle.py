"""The real Sateng Nok bundle (OCR text) end to end through the CLI: issue #2's 'done when'."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest

from saraban.ingest.cli import main
from tests.conftest import SEED_BUNDLE

BUDGETS = {1: "499600.00", 29: "50000.00", 50: "50000.00", 53: "50000.00", 61: "50000.00",
           62: "50000.00", 41: "59050.00", 43: "20000.00", 64: "20000.00", 47: "40000.00",
           60: "250000.00", 65: "250000.00"}
DISBURSED = {1: "499600.00", 29: "37005.00", 41: "59050.00"}


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out_dir = tmp_path_factory.mktemp("out")
    assert main(["ingest", str(SEED_BUNDLE), "--out", str(out_dir), "--jobs", "1"]) == 0
    return out_dir


@pytest.fixture(scope="module")
def records(out: Path) -> list[dict[str, str]]:
    return read_csv(out / "records.csv")


@pytest.fixture(scope="module")
def flags(out: Path) -> list[dict[str, str]]:
    return read_csv(out / "flags.csv")


def test_65_records_numbered_1_to_65_without_gaps(records, flags):
    assert [int(r["seq"]) for r in records] == list(range(1, 66))
    assert not [f for f in flags if f["code"] in ("SEQ_GAP", "SEQ_DUPLICATE")]


def test_every_record_resolves_to_the_bundle_organization(records):
    assert {r["organization"] for r in records} == {"เทศบาลเมืองสะเตงนอก"}
    assert {r["fiscal_year"] for r in records} == {"2565"}
    assert {r["round_months"] for r in records} == {"12"}
    assert {r["province"] for r in records} == {"ยะลา"}


def test_garbled_titles_keep_raw_text_and_are_flagged(records, flags):
    by_seq = {int(r["seq"]): r for r in records}
    assert by_seq[11]["organization_raw"] == "เทศบาลเมืองสระเดงนอก"
    assert by_seq[52]["organization_raw"] == "เทศบาลเมืองสงขลา"
    assert by_seq[60]["organization_raw"] == "เทศบาลเมืองสงขลานครินทร์"
    # Rows under a title naming another organization carry the code; a garbled spelling of
    # this one is said once, for its page.
    assert "ORG_NAME_VARIANT" in by_seq[52]["flags"]
    assert "ORG_NAME_VARIANT" not in by_seq[11]["flags"] and "ORG_NAME_VARIANT" not in by_seq[1]["flags"]
    variants = {f["found"] for f in flags if f["code"] == "ORG_NAME_VARIANT"}
    assert variants == {"เทศบาลเมืองสระเดงนอก", "เทศบาลเมืองสระเตงนอก", "เทศบาลเมืองสงขลา",
                        "เทศบาลเมืองสงขลานครินทร์"}


def test_dimensions_as_printed(records):
    text = SEED_BUNDLE.read_text(encoding="utf-8")
    printed = {}
    for line in text.splitlines():
        cells = line.split("\t")
        if len(cells) > 2 and cells[0].isdigit():
            printed[int(cells[0])] = int(cells[2])
    assert {int(r["seq"]): int(r["dimension"]) for r in records} == printed


def test_money_exactly(records):
    for r in records:
        seq = int(r["seq"])
        assert r["budget_baht"] == BUDGETS.get(seq, "0.00"), seq
        assert r["disbursed_baht"] == DISBURSED.get(seq, "0.00"), seq


def test_report_totals(out, flags):
    (report,) = read_csv(out / "reports.csv")
    assert report["stated_total"] == "65"
    assert [report[f"stated_{s}"] for s in
            ("awaiting_report", "in_progress", "completed", "unable_to_proceed")] == ["10", "0", "54", "1"]
    assert report["budget_sum"] == "1388650.00"
    assert report["disbursed_sum"] == report["stated_disbursed"] == "595655.00"
    assert report["computed_disbursed_percent"] == report["stated_disbursed_percent"] == "42.89"
    assert report["stated_implementation_percent"] == "91.53"
    assert report["as_of"] == "2023-02-13"
    assert report["reporter_position"] == "ผู้ช่วยนิติกร"
    # นางสาววา วา คอเคาะ is the memo's first signatory นางสาวยาวาเสะ ดอเล้าะ, both OCR-garbled.
    (memo,) = [d for d in read_csv(out / "documents.csv") if d["kind"] == "memo"]
    first_signatory = json.loads(memo["signatories"])[0]
    assert report["reporter_person_key"] == first_signatory["person_key"]
    assert float(report["reporter_link_confidence"]) >= 0.65
    codes = {f["code"] for f in flags}
    assert "DISBURSED_TOTAL_MISMATCH" not in codes and "PERCENT_MISMATCH" not in codes


def test_uncertain_status_columns_are_not_invented(records, flags, out):
    uncertain = [r for r in records if float(r["status_confidence"]) < 1]
    assert uncertain, "the OCR text's status columns cannot all be certain"
    for r in uncertain:
        assert "STATUS_AMBIGUOUS" in r["flags"], r["seq"]
    # Row 1's remarks sit one cell left of the header's: a cell was dropped, so its tick may be
    # in_progress or completed.
    row1 = next(f for f in flags if f["code"] == "STATUS_AMBIGUOUS" and f["seq"] == "1")
    assert row1["found"] == "in_progress;completed"
    # Rows 11–18 print four explicit boxes under a complete header: certain.
    assert all(r["status_confidence"] == "1.0" for r in records if 11 <= int(r["seq"]) <= 18)
    (report,) = read_csv(out / "reports.csv")
    table = "/".join(report[f"table_{s}"] for s in
                     ("awaiting_report", "in_progress", "completed", "unable_to_proceed"))
    (mismatch,) = [f for f in flags if f["code"] == "SUMMARY_COUNT_MISMATCH"]
    assert mismatch["expected"] == "10/0/54/1" and mismatch["found"] == table
    assert "10/0/54/1" in mismatch["message"] and table in mismatch["message"]


def documents(out: Path) -> list[dict[str, str]]:
    return read_csv(out / "documents.csv")


def test_memo(out):
    memo = next(d for d in documents(out) if d["kind"] == "memo")
    assert memo["doc_number"] == "ยล 52501/166"
    assert memo["date"] == "2023-02-14"
    assert memo["addressee"] == "นายกเทศมนตรีเมืองสะเตงนอก"
    signatories = json.loads(memo["signatories"])
    assert len(signatories) == 5
    assert {k: signatories[0][k] for k in ("name", "position")} == {
        "name": "นางสาวยาวาเสะ ดอเล้าะ", "position": "ผู้ช่วยนิติการ"}
    assert len({s["person_key"] for s in signatories}) == 5
    assert memo["subject"].startswith("รายงานผลการดำเนินการตามแผนปฏิบัติการป้องกันการทุจริต")


def test_letters_resolution_announcement_and_report(out, flags):
    docs = documents(out)
    by_number = {d["doc_number"]: d for d in docs if d["doc_number"]}
    yala = by_number["ยล 0023.4/ว 12531"]
    assert yala["kind"] == "letter" and yala["date"] == "" and yala["date_raw"] == "๗๗ ธันวาคม ๒๕๖๔"
    assert any(f["code"] == "DATE_INVALID" and f["found"] == "๗๗ ธันวาคม ๒๕๖๔" for f in flags)
    assert any(f["code"] == "DATE_UNREADABLE" and f["found"] == "๓) ธันวาคม ๒๕๖๕" for f in flags)
    assert any(n.startswith("มท 0810.3/") for n in by_number)
    assert by_number["ปช 0013/0054"]["date"] == "2021-11-23"
    assert by_number["ปช 00137/00195"]["date"] == "2020-07-19"
    assert by_number["ปช 0013/0068"]["date"] == "2020-04-18"
    (resolution,) = [d for d in docs if d["kind"] == "resolution"]
    assert resolution["date"] == "2020-01-02"
    (announcement,) = [d for d in docs if d["kind"] == "announcement"]
    assert announcement["date"] == "2022-03-30"
    (report,) = [d for d in docs if d["kind"] == "report"]
    assert report["issuer"] == "เทศบาลเมืองสะเตงนอก"
    for d in docs:
        if d["kind"] != "report":
            assert d["subject"], d
            assert json.loads(d["signatories"]), d


def test_money_is_exact_decimal_in_every_output(out):
    rows = [json.loads(line) for line in (out / "records.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sum(Decimal(r["budget_baht"]) for r in rows) == Decimal("1388650.00")
    import pyarrow.parquet as pq

    table = pq.read_table(out / "records.parquet")
    assert str(table.schema.field("budget_baht").type) == "decimal128(18, 2)"
    import sqlite3

    with sqlite3.connect(out / "ingest.sqlite") as db:
        (total,) = db.execute("SELECT count(*) FROM records").fetchone()
    assert total == 65
