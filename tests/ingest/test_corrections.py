"""corrections.csv: a reviewer's decisions applied on the next run — corrected values replace
those read, decided flags are kept and marked resolved, and the checks run on the corrected
values; keyed on the file's bytes; a bad file is one usage error."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from saraban.ingest.cli import main
from saraban.ingest.corrections import COLUMNS, CorrectionsError, parse_corrections
from tests.ingest.report_text import Bundle, Row


def table(out: Path, name: str) -> list[dict]:
    return [json.loads(line) for line in (out / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()]


def write_corrections(path: Path, rows: list[dict]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") for c in COLUMNS})
    return path


@pytest.fixture
def untickted_row(tmp_path: Path) -> tuple[Path, Path]:
    """A report whose row 2 has no tick: STATUS_MISSING on it, and the summary's counts (three
    completed) mismatch the table's — the mismatch that correcting the tick clears."""
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    bundle = Bundle(rows=[Row("1"), Row("2", ticks=()), Row("3", budget="1O,000.00")], counts={"completed": "3"})
    (inbox / "report.txt").write_text(bundle.text(), encoding="utf-8")
    assert main(["ingest", str(inbox), "--out", str(out), "--jobs", "1"]) == 0
    return inbox, out


def decision(record: dict, field: str, value: str, decision: str, note: str = "") -> dict:
    return {"source_sha256": record["source_sha256"], "document_id": record["document_id"],
            "seq": record["seq"], "field": field, "value": value, "decision": decision, "note": note,
            "reviewer": "somchai", "decided_at": "2026-12-08T06:00:00Z"}


def test_a_corrected_tick_replaces_the_reading_resolves_its_flag_and_clears_the_mismatch(untickted_row, tmp_path):
    inbox, out = untickted_row
    codes = {f["code"] for f in table(out, "flags")}
    assert {"STATUS_MISSING", "SUMMARY_COUNT_MISMATCH", "AMOUNT_UNPARSEABLE"} <= codes
    records = {r["seq"]: r for r in table(out, "records")}
    assert all(f["resolution"] == "open" and f["decision"] is None for f in table(out, "flags"))
    assert {r["value_source"] for r in records.values()} == {"read"}
    # The file moves: decisions are keyed on its bytes, not its path.
    moved = tmp_path / "moved"
    inbox.rename(moved)
    corrections = write_corrections(tmp_path / "corrections.csv", [
        decision(records[2], "status", "completed", "correct", "tick faint on the scan"),
        decision(records[3], "budget_baht", "10,000", "correct"),
    ])
    assert main(["ingest", str(moved), "--out", str(out), "--jobs", "1", "--corrections", str(corrections)]) == 0
    records = {r["seq"]: r for r in table(out, "records")}
    assert records[2]["status"] == "completed" and records[2]["value_source"] == "review"
    assert records[2]["reviewed_fields"] == "status" and records[2]["status_confidence"] == 1.0
    assert records[3]["budget_baht"] == "10000.00" and records[3]["reviewed_fields"] == "budget_baht"
    assert records[1]["value_source"] == "read"
    flags = table(out, "flags")
    assert "SUMMARY_COUNT_MISMATCH" not in {f["code"] for f in flags}  # checked again on the corrected tick
    missing = [f for f in flags if f["code"] == "STATUS_MISSING"]
    assert len(missing) == 1 and missing[0]["resolution"] == "resolved" and missing[0]["decision"] == "correct"
    assert missing[0]["reviewer"] == "somchai" and "completed" in missing[0]["review_note"]
    assert "tick faint" in missing[0]["review_note"]
    assert records[2]["flags"] == "STATUS_MISSING"  # the record still lists its (resolved) flag
    unparseable = [f for f in flags if f["code"] == "AMOUNT_UNPARSEABLE"]
    assert unparseable and unparseable[0]["resolution"] == "resolved"
    with (out / "flags.csv").open(encoding="utf-8-sig") as stream:
        assert "resolution" in next(csv.reader(stream))


def test_an_accepted_value_resolves_its_flag_and_keeps_the_value(untickted_row, tmp_path):
    inbox, out = untickted_row
    records = {r["seq"]: r for r in table(out, "records")}
    report = [f for f in table(out, "flags") if f["code"] == "SUMMARY_COUNT_MISMATCH"][0]
    corrections = write_corrections(tmp_path / "c.csv", [
        decision(records[2], "status", "empty", "accept"),
        {**decision(records[2], report["field"].split(";")[0], "", "accept"), "seq": ""},
    ])
    assert main(["ingest", str(inbox), "--out", str(out), "--jobs", "1", "--corrections", str(corrections)]) == 0
    flags = {f["code"]: f for f in table(out, "flags")}
    assert flags["STATUS_MISSING"]["resolution"] == "resolved" and flags["STATUS_MISSING"]["decision"] == "accept"
    assert flags["SUMMARY_COUNT_MISMATCH"]["resolution"] == "resolved"
    assert flags["AMOUNT_UNPARSEABLE"]["resolution"] == "open"
    assert {r["seq"]: r["status"] for r in table(out, "records")}[2] == "empty"
    # Without the decisions the file is read again, its flags open again.
    assert main(["ingest", str(inbox), "--out", str(out), "--jobs", "1"]) == 0
    assert {f["resolution"] for f in table(out, "flags")} == {"open"}


@pytest.mark.parametrize("change, said", [
    (lambda r: {**r, "decision": "maybe"}, "decision 'maybe'"),
    (lambda r: {**r, "value": "ten"}, "not an amount"),
    (lambda r: {**r, "field": "organization"}, "cannot be corrected"),
    (lambda r: {**r, "source_sha256": "abc"}, "not a SHA-256"),
    (lambda r: {**r, "seq": "x"}, "seq 'x'"),
])
def test_a_bad_corrections_file_is_one_usage_line(untickted_row, tmp_path, capsys, change, said):
    inbox, out = untickted_row
    record = table(out, "records")[0]
    corrections = write_corrections(tmp_path / "bad.csv", [change(decision(record, "budget_baht", "5.00", "correct"))])
    capsys.readouterr()
    assert main(["ingest", str(inbox), "--out", str(out), "--corrections", str(corrections)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and said in err and "line 2" in err and "Traceback" not in err


def test_a_file_that_is_no_corrections_file_is_refused(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    bad = tmp_path / "c.csv"
    bad.write_text("name,value\n", encoding="utf-8")
    assert main(["ingest", str(tmp_path / "a.txt"), "--out", str(tmp_path / "o"), "--corrections", str(bad)]) == 2
    assert "no column source_sha256" in capsys.readouterr().err
    assert main(["ingest", str(tmp_path / "a.txt"), "--out", str(tmp_path / "o"),
                 "--corrections", str(tmp_path / "none.csv")]) == 2


def test_values_are_checked_as_their_column_s_type():
    sha = "a" * 64
    line = f"{sha},{sha[:12]}-02,4,dimension,{{}},correct,,,\n"
    header = ",".join(COLUMNS) + "\n"
    assert parse_corrections(header + line.format("3"))[0].value == "3"
    with pytest.raises(CorrectionsError, match="not 1–4"):
        parse_corrections(header + line.format("7"))
    dated = f"{sha},{sha[:12]}-01,,date,2023-02-30,correct,,,\n"
    with pytest.raises(CorrectionsError, match="ISO date"):
        parse_corrections(header + dated)


def test_a_version_1_store_gets_the_review_columns_and_keeps_its_rows(untickted_row):
    inbox, out = untickted_row
    import sqlite3
    from contextlib import closing

    from saraban.reconcile.records import SCHEMA_VERSION

    before = len(table(out, "flags"))
    with closing(sqlite3.connect(out / "ingest.sqlite")) as db, db:  # as saraban wrote it before review
        for name, column in (("records", "value_source"), ("records", "reviewed_fields"), ("flags", "resolution"),
                             ("flags", "decision"), ("flags", "reviewer"), ("flags", "decided_at"),
                             ("flags", "review_note")):
            db.execute(f'ALTER TABLE "{name}" DROP COLUMN "{column}"')
        db.execute("PRAGMA user_version = 1")
    assert main(["ingest", str(inbox), "--out", str(out), "--jobs", "1"]) == 0
    flags = table(out, "flags")
    assert len(flags) == before and {f["resolution"] for f in flags} == {"open"}
    assert {r["value_source"] for r in table(out, "records")} == {"read"}
    with closing(sqlite3.connect(out / "ingest.sqlite")) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_the_summary_and_the_documents_values_are_corrected_and_unreadable_resolves_every_flag(untickted_row, tmp_path):
    inbox, out = untickted_row
    record = table(out, "records")[0]
    memo = next(d for d in table(out, "documents") if d["kind"] == "memo")
    report = {**decision(record, "stated_completed", "2", "correct"), "seq": ""}
    as_of = {**decision(record, "as_of", "2023-02-14", "correct"), "seq": ""}
    unreadable = {**decision(record, "*", "", "unreadable"), "document_id": memo["document_id"], "seq": ""}
    dated = {**decision(record, "date", "2023-02-13", "correct"), "document_id": memo["document_id"], "seq": ""}
    corrections = write_corrections(tmp_path / "c.csv", [report, as_of, unreadable, dated])
    assert main(["ingest", str(inbox), "--out", str(out), "--jobs", "1", "--corrections", str(corrections)]) == 0
    reports = table(out, "reports")
    assert reports[0]["stated_completed"] == 2 and reports[0]["as_of"] == "2023-02-14"
    flags = table(out, "flags")
    # The summary now states what the table counts (2 completed, the untickted row empty): the
    # check passes; the flag the correction was about stays, resolved, as every decided flag does.
    mismatch = [f for f in flags if f["code"] == "SUMMARY_COUNT_MISMATCH"]
    assert len(mismatch) == 1 and mismatch[0]["resolution"] == "resolved" and mismatch[0]["decision"] == "correct"
    documents = {d["document_id"]: d for d in table(out, "documents")}
    assert documents[memo["document_id"]]["date"] == "2023-02-13"
    assert documents[record["document_id"]]["date"] == "2023-02-14"
    assert all(f["resolution"] == "resolved" and f["decision"] == "unreadable"
               for f in flags if f["document_id"] == memo["document_id"])
