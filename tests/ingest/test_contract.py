"""The output contract: JSON Schema, README documentation and the flag catalogue agree."""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path

import jsonschema
import pytest

from ingest.cli import main
from ingest.flags import CATALOGUE
from ingest.records import TABLES, json_schema
from tests.conftest import ROOT, SEED_BUNDLE

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("table", sorted(TABLES))
def test_readme_documents_every_column(table):
    for f in fields(TABLES[table]):
        assert f"| `{f.name}` |" in README, f"{table}.{f.name} is not in the README"


def test_readme_documents_every_flag_code():
    for code in CATALOGUE:
        assert f"| `{code}` |" in README, code


def test_every_output_row_matches_the_schema(tmp_path: Path):
    out = tmp_path / "out"
    (tmp_path / "empty.txt").write_bytes(b"")
    main(["ingest", str(SEED_BUNDLE), str(tmp_path / "empty.txt"), "--out", str(out)])
    for table in TABLES:
        schema = json_schema(table)
        lines = (out / f"{table}.jsonl").read_text(encoding="utf-8").splitlines()
        assert lines, table
        for line in lines:
            jsonschema.validate(json.loads(line), schema)


def test_schema_command_prints_valid_json(capsys):
    assert main(["schema", "records"]) == 0
    schema = json.loads(capsys.readouterr().out)["records"]
    jsonschema.Draft202012Validator.check_schema(schema)
