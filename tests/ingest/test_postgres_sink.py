"""The PostgreSQL sink (--db) against a real server (tests/ingest/conftest.py): the database
holds exactly the store's rows, typed and keyed, after a run, a re-run, a changed file and a
run without --db; its schema is created, migrated or refused; a bad URL is one line, exit 2."""

from __future__ import annotations

import datetime
import hashlib
import shutil
import sqlite3
from decimal import Decimal
from pathlib import Path
from typing import Any

import psycopg
import pytest

from saraban.ingest.cli import main
from saraban.ingest.postgres_schema import sql_type
from saraban.ingest.postgres_sink import PostgresSink, SinkError, database_value, files_to_load, open_sink
from saraban.reconcile.records import SCHEMA_VERSION, TABLES, columns
from tests.conftest import ROOT, SEED_BUNDLE
from tests.ingest.report_text import Bundle, Row


def inbox_of(tmp_path: Path) -> Path:
    """The seed bundle (the samples' text bundle), a copy of it (documents.other_paths is set
    at the end of a run), a small bundle and an empty file (an errors row)."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(SEED_BUNDLE, inbox / SEED_BUNDLE.name)
    shutil.copy(SEED_BUNDLE, inbox / "copy-of-seed.txt")
    (inbox / "small.txt").write_text(Bundle().text(), encoding="utf-8")
    (inbox / "empty.txt").write_bytes(b"")
    return inbox


def ingest(inbox: Path, out: Path, url: str | None, *more: str) -> int:
    return main(["ingest", str(inbox), "--out", str(out), "--jobs", "1", *(["--db", url] if url else []), *more])


def store_tables(out: Path) -> dict[str, list[tuple]]:
    """Each table of ingest.sqlite, sorted, its money as Decimal and dates as dates."""
    tables = {}
    with sqlite3.connect(out / "ingest.sqlite") as db:
        for name, table in TABLES.items():
            kinds = columns(table)
            rows = db.execute(f'SELECT {", ".join(chr(34) + c.name + chr(34) for c in kinds)} FROM "{name}"')
            tables[name] = sorted(
                (tuple(None if v is None else Decimal(v) if c.kind == "decimal" else
                       datetime.date.fromisoformat(v) if c.kind == "date" else v for c, v in zip(kinds, row))
                 for row in rows), key=repr)
    return tables


def database_tables(url: str) -> dict[str, list[tuple]]:
    with psycopg.connect(url) as conn:
        return {name: sorted(conn.execute(
            f'SELECT {", ".join(chr(34) + c.name + chr(34) for c in columns(table))} FROM "{name}"').fetchall(), key=repr)
            for name, table in TABLES.items()}


def one_line(err: str) -> str:
    assert "Traceback" not in err
    [line] = err.strip().splitlines()
    return line


def test_the_samples_give_the_rows_of_the_sqlite_store(tmp_path, postgres_url, capsys):
    inbox, out = inbox_of(tmp_path), tmp_path / "out"
    assert ingest(inbox, out, postgres_url) == 1  # the empty file
    assert "loaded into the --db database: the rows of 3 files" in capsys.readouterr().out
    stored, loaded = store_tables(out), database_tables(postgres_url)
    assert all(stored[name] for name in TABLES)  # every table has rows to compare
    assert loaded == stored
    budgets = {row[17] for row in loaded["records"]}
    assert Decimal("499600.00") in budgets and all(isinstance(b, Decimal) for b in budgets if b is not None)
    assert any(isinstance(row[8], datetime.date) for row in loaded["documents"])
    assert any(row[18] != "[]" for row in loaded["documents"])  # other_paths, set at the end of the run


def test_a_rerun_does_not_duplicate_and_a_changed_file_replaces_its_rows(tmp_path, postgres_url, capsys):
    inbox, out = inbox_of(tmp_path), tmp_path / "out"
    ingest(inbox, out, postgres_url)
    first = database_tables(postgres_url)
    capsys.readouterr()
    ingest(inbox, out, postgres_url)  # every file kept but the empty one (a failed file is tried again)
    assert "loaded into the --db database: the rows of 1 file " in capsys.readouterr().out
    assert database_tables(postgres_url) == first
    ingest(inbox, out, postgres_url, "--reprocess")  # every file read and loaded again
    assert database_tables(postgres_url) == first
    (inbox / "small.txt").write_text(Bundle(rows=[Row("1", budget="77,000.00"), Row("2")]).text(), encoding="utf-8")
    ingest(inbox, out, postgres_url)
    now = database_tables(postgres_url)
    assert now == store_tables(out)
    small = [r for r in now["records"] if r[0].endswith("small.txt")]
    assert len(small) == 2 and Decimal("77000.00") in {r[17] for r in small}
    assert len(now["records"]) == len(first["records"]) - 1
    record_id = [c.name for c in columns(TABLES["records"])].index("record_id")
    assert len({r[record_id] for r in now["records"]}) == len(now["records"])  # record_id unique


def test_a_database_catches_up_with_runs_made_without_it(tmp_path, postgres_url):
    inbox, out = inbox_of(tmp_path), tmp_path / "out"
    ingest(inbox, out, None)
    (inbox / "small.txt").unlink()
    ingest(inbox, out, None)
    ingest(inbox, out, postgres_url)  # nothing read: the store's files are loaded at the end
    assert database_tables(postgres_url) == store_tables(out)
    other_inbox, other_out = tmp_path / "other", tmp_path / "other-out"
    other_inbox.mkdir()
    (other_inbox / "b.txt").write_text(Bundle(organization="เทศบาลตำบลบ้านใหม่").text(), encoding="utf-8")
    shutil.copy(SEED_BUNDLE, other_inbox / "seed-elsewhere.txt")  # the same documents, another path
    assert ingest(other_inbox, other_out, postgres_url) == 0  # another store into the same database
    assert ingest(inbox, out, postgres_url) == 1  # nothing read but the empty file: loaded at the end
    # This store's rows, and the other store's but for the documents this run loaded again.
    mine, others = store_tables(out), store_tables(other_out)
    at = {name: [c.name for c in columns(table)].index("source_file") for name, table in TABLES.items()}
    elsewhere = str(other_inbox / "seed-elsewhere.txt")
    assert any(row[at["records"]] == elsewhere for row in others["records"])
    assert database_tables(postgres_url) == {
        name: sorted(mine[name] + [row for row in others[name] if row[at[name]] != elsewhere], key=repr) for name in TABLES}


def test_a_database_lost_during_the_run_is_one_line_and_the_next_run_loads_what_it_missed(
        tmp_path, postgres_url, monkeypatch, capsys):
    inbox, out = inbox_of(tmp_path), tmp_path / "out"
    stored = PostgresSink.file_stored

    def lost(sink, *args):  # the server ends the run's session, as a restart would
        with psycopg.connect(postgres_url, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                          "WHERE datname = current_database() AND pid != pg_backend_pid()")
        stored(sink, *args)

    monkeypatch.setattr(PostgresSink, "file_stored", lost)
    assert ingest(inbox, out, postgres_url) == 2
    assert "the --db database failed" in one_line(capsys.readouterr().err)
    monkeypatch.undo()
    assert (out / "ingest.sqlite").exists()
    assert ingest(inbox, out, postgres_url) == 1  # the empty file
    assert database_tables(postgres_url) == store_tables(out)


def test_money_is_numeric_dates_are_dates_and_the_keys_are_declared(tmp_path, postgres_url):
    ingest(inbox_of(tmp_path), tmp_path / "out", postgres_url)
    with psycopg.connect(postgres_url) as conn:
        types = {(t, c): (d, p, s) for t, c, d, p, s in conn.execute(
            "SELECT table_name, column_name, data_type, numeric_precision, numeric_scale "
            "FROM information_schema.columns WHERE table_schema = 'public'")}
        keys = set(conn.execute(
            "SELECT tc.table_name, tc.constraint_type, k.column_name, u.table_name FROM information_schema.table_constraints tc "
            "JOIN information_schema.key_column_usage k ON k.constraint_name = tc.constraint_name "
            "LEFT JOIN information_schema.constraint_column_usage u ON u.constraint_name = tc.constraint_name "
            "AND tc.constraint_type = 'FOREIGN KEY' WHERE tc.table_schema = 'public'").fetchall())
        version = conn.execute("SELECT version FROM saraban_schema").fetchall()
    assert types["records", "budget_baht"] == ("numeric", 18, 2)
    assert types["reports", "stated_disbursed_percent"] == ("numeric", 18, 2)
    assert types["reports", "budget_sum"] == ("numeric", 38, 2)
    assert types["documents", "date"][0] == types["reports", "as_of"][0] == "date"
    assert types["records", "page"][0] == "bigint" and types["records", "status_confidence"][0] == "double precision"
    assert types["records", "project_name"][0] == "text"
    assert {("records", "PRIMARY KEY", "record_id", None), ("documents", "PRIMARY KEY", "document_id", None),
            ("reports", "PRIMARY KEY", "document_id", None),
            ("records", "FOREIGN KEY", "document_id", "documents"), ("reports", "FOREIGN KEY", "document_id", "documents"),
            ("flags", "FOREIGN KEY", "record_id", "records"), ("flags", "FOREIGN KEY", "document_id", "documents")} <= keys
    assert version == [(SCHEMA_VERSION,)]


def test_an_older_schema_is_migrated_and_its_rows_loaded_again(tmp_path, postgres_url):
    inbox, out = inbox_of(tmp_path), tmp_path / "out"
    ingest(inbox, out, postgres_url)
    with psycopg.connect(postgres_url) as conn:  # as an earlier saraban might have left it
        conn.execute('ALTER TABLE records DROP COLUMN disbursed_confidence')
        conn.execute('ALTER TABLE documents ALTER COLUMN "date" TYPE text')
        conn.execute("UPDATE documents SET date = '' WHERE date IS NULL")
        conn.execute("ALTER TABLE reports ALTER COLUMN budget_sum TYPE text")
        conn.execute("UPDATE saraban_schema SET version = 0")
    ingest(inbox, out, postgres_url)  # the files are kept in the store; the database is reloaded
    assert database_tables(postgres_url) == store_tables(out)
    with psycopg.connect(postgres_url) as conn:
        assert conn.execute("SELECT version FROM saraban_schema").fetchall() == [(SCHEMA_VERSION,)]
        assert conn.execute("SELECT data_type FROM information_schema.columns WHERE table_name = 'documents' "
                            "AND column_name = 'date'").fetchone() == ("date",)


def test_a_version_1_database_gets_the_review_columns(tmp_path, postgres_url):
    inbox, out = inbox_of(tmp_path), tmp_path / "out"
    ingest(inbox, out, postgres_url)
    with psycopg.connect(postgres_url) as conn:  # as saraban wrote it before review (version 1)
        for table, column in (("records", "value_source"), ("records", "reviewed_fields"), ("flags", "resolution"),
                              ("flags", "decision"), ("flags", "reviewer"), ("flags", "decided_at"),
                              ("flags", "review_note")):
            conn.execute(f'ALTER TABLE {table} DROP COLUMN "{column}"')
        conn.execute("UPDATE saraban_schema SET version = 1")
    ingest(inbox, out, postgres_url)
    assert database_tables(postgres_url) == store_tables(out)
    with psycopg.connect(postgres_url) as conn:
        assert conn.execute("SELECT DISTINCT resolution FROM flags").fetchall() == [("open",)]
        assert conn.execute("SELECT DISTINCT value_source FROM records").fetchall() == [("read",)]


def test_a_newer_schema_is_refused_in_one_line(tmp_path, postgres_url, capsys):
    inbox, out = inbox_of(tmp_path), tmp_path / "out"
    ingest(inbox, out, postgres_url)
    with psycopg.connect(postgres_url) as conn:
        conn.execute("UPDATE saraban_schema SET version = %s", (SCHEMA_VERSION + 1,))
        before = conn.execute("SELECT count(*) FROM records").fetchone()
    capsys.readouterr()
    assert ingest(inbox, out, postgres_url, "--reprocess") == 2
    said = one_line(capsys.readouterr().err)
    assert f"schema version is {SCHEMA_VERSION + 1}" in said and "newer saraban" in said
    with psycopg.connect(postgres_url) as conn:  # left as it was
        assert conn.execute("SELECT version FROM saraban_schema").fetchall() == [(SCHEMA_VERSION + 1,)]
        assert conn.execute("SELECT count(*) FROM records").fetchone() == before


def test_tables_of_the_same_names_saraban_did_not_create_are_left_alone(tmp_path, postgres_url, capsys):
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE records (id integer)")
    assert ingest(SEED_BUNDLE, tmp_path / "out", postgres_url) == 2
    assert "tables named records that saraban did not create" in one_line(capsys.readouterr().err)
    with psycopg.connect(postgres_url) as conn:
        assert conn.execute("SELECT column_name FROM information_schema.columns WHERE table_name = 'records'"
                            ).fetchall() == [("id",)]


@pytest.mark.parametrize("url, says", [
    ("mysql://localhost/saraban", "must be a postgresql:// URL"),
    ("postgresql://localhost/saraban?no_such_option=1", "not a valid PostgreSQL URL"),
    ("postgresql://saraban@/saraban?host=/nonexistent-saraban-socket", "cannot connect"),
])
def test_a_bad_url_is_one_line_and_exit_2(tmp_path, capsys, url, says):
    out = tmp_path / "out"
    assert ingest(SEED_BUNDLE, out, url) == 2
    assert says in one_line(capsys.readouterr().err)
    assert not out.exists()  # refused before anything was written


def test_a_database_another_run_is_loading_into_is_refused(tmp_path, postgres_url):
    with open_sink(postgres_url, tmp_path / "a"), pytest.raises(SinkError, match="another saraban run"):
        with open_sink(postgres_url, tmp_path / "b"):
            pass


def test_a_password_is_not_repeated_in_the_error(tmp_path, capsys):
    assert ingest(SEED_BUNDLE, tmp_path / "out", "postgresql://u:s3cret@/db?host=/nonexistent-saraban-socket") == 2
    assert "s3cret" not in capsys.readouterr().err


def test_values_as_the_database_takes_them():
    record = {c.name: c for c in columns(TABLES["records"])}
    document = {c.name: c for c in columns(TABLES["documents"])}
    assert database_value(record["budget_baht"], "499600.00") == Decimal("499600.00")
    assert database_value(document["date"], "2023-02-14") == datetime.date(2023, 2, 14)
    assert database_value(document["date"], "") is None
    assert database_value(record["remarks"], "a\x00b") == "a\ufffdb"  # PostgreSQL's text holds no NUL


def test_files_to_load_are_those_changed_new_or_gone():
    assert files_to_load({"a": "1", "b": "2", "c": "3"}.items(), {"a": "1", "b": "x", "d": "4"}) == ["b", "c", "d"]


def test_the_readme_gives_each_column_its_postgresql_type():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("**PostgreSQL.**"):readme.index("**SQLite store.**")]
    for table in TABLES.values():
        for column in columns(table):
            line = next(line for line in section.splitlines() if line.startswith(f"| {column.kind} | "))
            assert sql_type(column) in line, (column.name, sql_type(column))


def test_the_store_digests_stream_one_file_at_a_time_in_file_order(tmp_path):
    # As they were computed when every file's hash was held at once: a database loaded then
    # is not loaded again for this.
    from saraban.ingest.postgres_schema import creation_order
    from saraban.ingest.postgres_sink import row_digest_line, store_digests
    from saraban.reconcile.records import TABLES, columns
    from tests.ingest.synthetic_store import fill

    fill(tmp_path / "ingest.sqlite", 120)
    store = sqlite3.connect(tmp_path / "ingest.sqlite")
    expected: dict[str, Any] = {}
    for table in creation_order():
        names = [column.name for column in columns(TABLES[table])]
        quoted = ", ".join(f'"{name}"' for name in names)
        for row in store.execute(f'SELECT {quoted} FROM "{table}" ORDER BY source_file, rowid'):
            expected.setdefault(row[names.index("source_file")], hashlib.sha256()).update(row_digest_line(table, row))
    streamed = store_digests(store)
    assert next(streamed) == (min(expected), expected[min(expected)].hexdigest())  # a stream, in file order
    assert dict(store_digests(store)) == {name: digest.hexdigest() for name, digest in expected.items()}
    assert list(dict(store_digests(store))) == sorted(expected)
    store.close()
