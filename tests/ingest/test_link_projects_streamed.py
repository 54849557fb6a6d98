"""Projects are linked one organization at a time, read from the store as a stream: the same
keys as linking the whole table at once gave."""

from __future__ import annotations

import sqlite3

from saraban.ingest import load
from saraban.ingest.load import OutputStore
from saraban.ingest.runner import link_projects
from saraban.normalize.keys import ProjectMention, batch_project_keys
from tests.ingest.synthetic_store import fill

# Organizations by code, by name (no code) and a name shared by two codes; each project spelt
# two ways (ม/น, as OCR confuses them) across the files' reports.
_SPELLINGS = """UPDATE "records" SET
    organization_code = CASE rowid % 3 WHEN 0 THEN '' ELSE '600' || (rowid % 3) END,
    organization = 'เทศบาลตำบล' || (rowid % 2),
    project_name = 'โครงการอบรมคุณธรร' || substr('มน', rowid % 2 + 1, 1) || ' ' || (rowid % 7),
    project_key = 'p-' || rowid"""


def _whole_table_keys(db: sqlite3.Connection) -> dict[int, str]:
    """Linking as saraban did before it streamed: every records row at once."""
    rows = db.execute('SELECT rowid, organization_code, organization, project_name, document_id, fiscal_year, '
                      'round_months, source_file FROM "records"').fetchall()
    mentions = [ProjectMention(code or name, project, document, (year or 0, months or 0, source, rowid))
                for rowid, code, name, project, document, year, months, source in rows]
    return {row[0]: key for row, key in zip(rows, batch_project_keys(mentions))}


def test_linking_by_organization_gives_the_whole_tables_keys(tmp_path):
    fill(tmp_path / load.DATABASE, 60)
    with sqlite3.connect(tmp_path / load.DATABASE) as db:
        db.execute(_SPELLINGS)
        expected = _whole_table_keys(db)
        spellings = db.execute("SELECT COUNT(DISTINCT COALESCE(NULLIF(organization_code, ''), organization) "
                               "|| project_name) FROM records").fetchone()[0]
    db.close()
    with OutputStore(tmp_path) as store:
        groups = [len(group) for group in store.project_groups()]
        changed = link_projects(store)
        keys = dict(store.db.execute('SELECT rowid, project_key FROM "records"').fetchall())
        assert store.db.execute("SELECT COUNT(*) FROM temp.sqlite_master").fetchone()[0] == 0
    assert keys == expected
    assert changed == len(expected) == 1200
    assert sorted(groups) == [200, 200, 400, 400]  # by code (6001, 6002), and two names without one
    assert len(set(keys.values())) < spellings  # spellings of one project linked
