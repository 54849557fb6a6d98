"""The output contract: JSON Schema, Parquet and SQLite types, README documentation and the flag
catalogue agree, and every output of a real run holds to them."""

from __future__ import annotations

import datetime
import json
import re
import sqlite3
from dataclasses import fields
from decimal import Decimal
from pathlib import Path

import jsonschema
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from saraban.ingest.cli import main
from saraban.reconcile.errors import ERROR_CODES
from saraban.ingest.export import write_table
from saraban.reconcile.flags import CATALOGUE
from saraban.reconcile.records import KEYS, SCHEMA_VERSION, TABLES, ReportRecord, columns
from tests.conftest import ROOT, SEED_BUNDLE
from tests.ingest.test_flags import CASES

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One run over the seed bundle, a bundle firing each flag text input can fire, and two files
    that fail: every table has rows."""
    inbox = tmp_path_factory.mktemp("inbox")
    (inbox / "seed.txt").write_bytes(SEED_BUNDLE.read_bytes())
    for code, (fires, _) in CASES.items():
        (inbox / f"{code}.txt").write_text(fires.text(), encoding="utf-8")
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "tis620.txt").write_bytes("เทศบาล".encode("cp874"))
    out_dir = tmp_path_factory.mktemp("out")
    assert main(["ingest", str(inbox), "--out", str(out_dir), "--jobs", "1"]) == 1
    return out_dir


def printed_schema(capsys: pytest.CaptureFixture[str], *table: str) -> dict:
    assert main(["schema", *table]) == 0
    return json.loads(capsys.readouterr().out)


def jsonl(out: Path, table: str) -> list[dict]:
    return [json.loads(line) for line in (out / f"{table}.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("table", sorted(TABLES))
def test_readme_documents_every_column_and_its_type(table):
    for column in columns(TABLES[table]):
        kind = column.kind + (" or null" if column.nullable else "")
        assert f"| `{column.name}` | {kind} |" in README, f"{table}.{column.name} is not in the README as {kind}"


def test_readme_documents_every_flag_code():
    for code in CATALOGUE:
        assert f"| `{code}` |" in README, code


def test_readme_documents_every_error_code_and_no_other():
    section = README[README.index("## Error codes"):]
    section = section[:section.index("\n## ")]
    first_cells = [line.split("|")[1] for line in section.splitlines() if line.startswith("| `")]
    assert {code for cell in first_cells for code in re.findall(r"`([a-z_0-9]+)`", cell)} == set(ERROR_CODES)


@pytest.mark.parametrize("table", sorted(TABLES))
def test_schema_command_prints_one_json_schema_per_table(table, capsys):
    schema = printed_schema(capsys, table)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"urn:saraban:schema:v{SCHEMA_VERSION}:{table}"
    assert schema["type"] == "object" and schema["additionalProperties"] is False
    assert schema["required"] == list(schema["properties"]) == [f.name for f in fields(TABLES[table])]


def test_every_output_row_matches_the_printed_schema(out, capsys):
    every = printed_schema(capsys)  # without TABLE: the five in one document
    jsonschema.Draft202012Validator.check_schema(every)
    for table in TABLES:
        rows = jsonl(out, table)
        assert rows, table
        validator = jsonschema.Draft202012Validator(
            printed_schema(capsys, table), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
        for row in rows:
            validator.validate(row)
            jsonschema.validate(row, every)
    assert {f["code"] for f in jsonl(out, "flags")} >= set(CASES)  # each code that text input can fire


@pytest.mark.parametrize(("table", "column", "value"), [
    ("records", "seq", "one"),
    ("records", "budget_baht", 499600.0),
    ("records", "budget_baht", "499,600.00"),
    ("records", "status", "done"),
    ("records", "flags", "NOT_A_FLAG"),
    ("records", "record_id", ""),
    ("documents", "kind", "invoice"),
    ("documents", "date", "2023-02-30"),
    ("documents", "date", ""),
    ("flags", "code", "SOMETHING_ODD"),
    ("flags", "record_id", ""),
    ("errors", "error_code", "bad"),
    ("reports", "rows", None),
])
def test_the_schema_refuses_what_a_column_cannot_hold(out, capsys, table, column, value):
    schema = printed_schema(capsys, table)
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    row = jsonl(out, table)[0]
    jsonschema.validate(row, schema, format_checker=checker)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**row, column: value}, schema, format_checker=checker)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**row, "extra": 1}, schema, format_checker=checker)


def test_missing_values_are_null_not_empty(out):
    documents = jsonl(out, "documents")
    assert None in {d["date"] for d in documents} and "" not in {d["date"] for d in documents}
    flags = jsonl(out, "flags")
    assert any(f["record_id"] is None for f in flags) and "" not in {f["record_id"] for f in flags}


def test_parquet_has_real_types(out):
    kinds = {"text": pa.string(), "integer": pa.int64(), "real": pa.float64(), "date": pa.date32()}
    for name, table in TABLES.items():
        schema = pq.read_schema(out / f"{name}.parquet")
        assert schema.names == [c.name for c in columns(table)]
        for column in columns(table):
            wanted = pa.decimal128(column.precision, 2) if column.kind == "decimal" else kinds[column.kind]
            assert schema.field(column.name).type == wanted, (name, column.name)
    assert pq.read_schema(out / "records.parquet").field("budget_baht").type == pa.decimal128(18, 2)
    assert pq.read_schema(out / "reports.parquet").field("budget_sum").type == pa.decimal128(38, 2)
    dates = pq.read_table(out / "documents.parquet").column("date").to_pylist()
    assert None in dates and datetime.date(2023, 2, 14) in dates  # the memo's; unreadable ones null
    records = pq.read_table(out / "records.parquet").to_pylist()
    assert {type(r["seq"]) for r in records} <= {int, type(None)} and None in {r["seq"] for r in records}
    assert sum(r["budget_baht"] for r in records if r["source_file"].endswith("seed.txt")) == Decimal("1388650.00")


def test_pandas_reads_the_types_without_options(out):
    import pandas as pd

    documents = pd.read_parquet(out / "documents.parquet")
    assert isinstance(documents["date"].dropna().iloc[0], datetime.date)
    assert documents["date"].isna().any()
    records = pd.read_parquet(out / "records.parquet")
    assert isinstance(records["budget_baht"].dropna().iloc[0], Decimal)
    assert str(records["page"].dtype) == "int64"


def test_parquet_holds_the_largest_sums_the_reports_can_give(tmp_path):
    huge = Decimal("9999999999999999.99") * 65  # 65 rows of the largest amount a cell can hold
    row = {column.name: None for column in columns(ReportRecord)}
    write_table(tmp_path, "reports", [{**row, "budget_sum": str(huge), "computed_disbursed_percent": "1e20"}])
    (read,) = pq.read_table(tmp_path / "reports.parquet").select(["budget_sum"]).to_pylist()
    assert read == {"budget_sum": huge}


def test_sqlite_has_keys_indices_and_a_schema_version(out):
    with sqlite3.connect(out / "ingest.sqlite") as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        for name, keys in KEYS.items():
            primary = [row[1] for row in db.execute(f'PRAGMA table_info("{name}")') if row[5]]
            assert primary == ([keys.primary] if keys.primary else []), name
            foreign = {(row[3], row[2], row[4]) for row in db.execute(f'PRAGMA foreign_key_list("{name}")')}
            assert foreign == {(column, parent, KEYS[parent].primary) for column, parent in keys.foreign}, name
            indexed = {db.execute(f'PRAGMA index_info("{row[1]}")').fetchone()[2]
                       for row in db.execute(f'PRAGMA index_list("{name}")')}
            assert {"source_file", *(column for column, _ in keys.foreign)} <= indexed, name
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        # Money is exact text; the cited documents need no quoting; flags join records one to one.
        assert db.execute("SELECT DISTINCT typeof(budget_baht) FROM records WHERE budget_baht IS NOT NULL").fetchall() \
            == [("text",)]
        assert db.execute("SELECT count(*) FROM documents WHERE cited_documents != '[]'").fetchone()[0] > 0
        joined, row_flags = db.execute(
            "SELECT count(r.record_id), count(*) FROM flags f LEFT JOIN records r ON r.record_id = f.record_id "
            "WHERE f.record_id IS NOT NULL").fetchone()
        assert joined == row_flags > 0


def test_duckdb_reads_the_types_without_options(out):
    import duckdb  # a test dependency: a data engineer's first reader of the Parquet files
    con = duckdb.connect()
    types = {row[0]: row[1] for row in con.sql(f"DESCRIBE SELECT * FROM '{out / 'documents.parquet'}'").fetchall()}
    assert types["date"] == "DATE" and types["first_page"] == "BIGINT"
    [(total,)] = con.sql(f"SELECT sum(budget_baht) FROM '{out / 'records.parquet'}' "
                         "WHERE source_file LIKE '%seed.txt'").fetchall()
    assert total == Decimal("1388650.00")
    [(undated,)] = con.sql(f"SELECT count(*) FROM '{out / 'documents.parquet'}' WHERE CAST(date AS DATE) IS NULL"
                           ).fetchall()
    assert undated > 0
