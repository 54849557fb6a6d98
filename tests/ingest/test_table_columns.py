"""COLUMNS_UNSURE and TABLE_UNREAD: a ruled table whose columns the header does not confirm keeps
its rows, flagged; one nothing can be told of is flagged, not silently dropped."""

from __future__ import annotations

from saraban.reconcile.build_report import BuildSettings, build_report
from saraban.reconcile.context import BundleContext
from saraban.reconcile.flags import FlagCode
from saraban.parsers.model import Cell, Document, Table
from saraban.parsers.report import parse_report
from tests.parsers.test_columns import NARROW, body, header


def built(table: Table, resources):
    document = Document("report", 1, ((table.page, table),))
    raw = parse_report(document, resources.vocab)
    return build_report("r.pdf", "0" * 64, document, raw, BundleContext((), ""), resources.vocab, BuildSettings())


def test_rows_under_an_unreadable_header_are_kept_and_flagged(resources):
    junk = header([(0, 1, "~~"), (1, 1, "ฯลฯ"), (2, 1, "?"), (3, 1, "--"), (4, 1, "--"), (5, 4, "..."), (9, 1, "")])
    result = built(Table(tuple(junk) + tuple(body(1, 5)), page=3, ruled=True), resources)
    assert [r.seq for r in result.records] == [1, 2, 3, 4, 5]
    assert all("COLUMNS_UNSURE" in r.flags.split(";") for r in result.records)
    # One flag row per row under the header, so that flags join records one to one.
    unsure = [f for f in result.flags if f.code == FlagCode.COLUMNS_UNSURE]
    assert [f.record_id for f in unsure] == [r.record_id for r in result.records]
    assert all(f.page == 3 and f.field == "*" and "header could not be read" in f.message for f in unsure)
    assert all(r.status_confidence <= 0.5 and r.budget_confidence <= 0.5 for r in result.records)


def test_a_confirmed_header_raises_no_column_flag(resources):
    result = built(Table(tuple(NARROW) + tuple(body(3, 5)), page=2, ruled=True), resources)
    assert len(result.records) == 5
    assert not {FlagCode.COLUMNS_UNSURE, FlagCode.TABLE_UNREAD} & {f.code for f in result.flags}


def test_a_table_that_cannot_be_read_is_flagged(resources):
    words = tuple((Cell(r, 0, str(r + 1)),) + tuple(Cell(r, c, "ข้อความ") for c in range(1, 4)) for r in range(3))
    result = built(Table(words, page=4, ruled=True), resources)
    assert not result.records
    (flag,) = [f for f in result.flags if f.code == FlagCode.TABLE_UNREAD]
    assert flag.page == 4 and flag.severity == "error"
