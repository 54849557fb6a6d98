"""The command line as a user meets it: exit codes, error rows, re-runs."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
from pathlib import Path

from saraban.ingest.cli import main
from tests.conftest import ROOT, SEED_BUNDLE
from tests.ingest.report_text import Bundle, Row


def rows(out: Path, table: str) -> list[dict[str, str]]:
    with (out / f"{table}.csv").open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


def test_bad_files_become_error_rows_and_the_batch_goes_on(tmp_path):
    inbox = tmp_path / "inbox"
    (inbox / "nested").mkdir(parents=True)
    shutil.copy(SEED_BUNDLE, inbox / "nested" / "good.txt")
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "undecodable.txt").write_bytes(bytes(range(0x80, 0x100)) * 8)  # in no encoding known
    (inbox / "sheet.xlsx").write_bytes(b"PK\x03\x04")
    (inbox / ".DS_Store").write_bytes(b"\x00")
    out = tmp_path / "out"
    # In a folder, other types are skipped (tests/ingest/test_hostile_inputs.py); named, they are tried.
    assert main(["ingest", str(inbox), str(inbox / "sheet.xlsx"), "--out", str(out)]) == 1
    errors = {Path(e["source_file"]).name: e for e in rows(out, "errors")}
    assert set(errors) == {"empty.txt", "undecodable.txt", "sheet.xlsx"}
    assert errors["empty.txt"]["error_code"] == "empty_file"
    assert errors["undecodable.txt"]["error_code"] == "not_utf8"
    assert "UTF-8" in errors["undecodable.txt"]["message"]
    assert errors["sheet.xlsx"]["error_code"] == "unsupported_type"
    assert len(rows(out, "records")) == 65


def test_rerun_replaces_rows_instead_of_duplicating(tmp_path, capsys):
    out = tmp_path / "out"
    for extra in ([], ["--reprocess"]):
        assert main(["ingest", str(SEED_BUNDLE), "--out", str(out), "--jobs", "1", *extra]) == 0
    assert "records: 65" in capsys.readouterr().out  # read again, not kept
    assert len(rows(out, "records")) == 65
    assert len([d for d in rows(out, "documents") if d["kind"] == "report"]) == 1
    assert main(["ingest", str(SEED_BUNDLE), "--out", str(out), "--jobs", "1"]) == 0
    said = capsys.readouterr().out
    assert "files: 0 (0 failed)" in said and "(unchanged since, same settings): 1 file (--reprocess" in said
    assert "records: 0 from the files read, 65 in all" in said
    assert len(rows(out, "records")) == 65


def test_a_fixed_file_loses_its_old_error_row(tmp_path):
    path = tmp_path / "bundle.txt"
    path.write_bytes(b"")
    out = tmp_path / "out"
    assert main(["ingest", str(path), "--out", str(out)]) == 1
    shutil.copy(SEED_BUNDLE, path)
    assert main(["ingest", str(path), "--out", str(out)]) == 0
    assert rows(out, "errors") == []


def test_usage_errors_exit_2(tmp_path, capsys):
    assert main(["ingest", str(tmp_path / "missing"), "--out", str(tmp_path)]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["ingest"]) == 2
    assert main(["bogus"]) == 2


def test_console_script_and_module_entry_point(tmp_path):
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "saraban", "ingest", str(SEED_BUNDLE), "--out", str(out)],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "records: 65" in done.stdout
    assert "SUMMARY_COUNT_MISMATCH 1" in done.stdout
    script = Path(sys.executable).with_name("saraban")
    assert script.exists(), "the console script 'saraban' is installed with the package"
    help_text = subprocess.run([script, "ingest", "--help"], capture_output=True, text=True, check=True)
    assert "--out" in help_text.stdout


def test_csv_has_a_bom_for_excel(tmp_path):
    out = tmp_path / "out"
    main(["ingest", str(SEED_BUNDLE), "--out", str(out), "--jobs", "1"])
    assert (out / "records.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_one_project_spelled_differently_in_two_rounds_gets_one_key(tmp_path, capsys):
    # The 12-month OCR lost a letter and read ค as ช: beyond what the key's folding forgives.
    six = ["โครงการอบรมคุณธรรมจริยธรรมพนักงานเทศบาล", "กิจกรรมประชาคมหมู่บ้านเพื่อจัดทำแผน", "โครงการวันเด็กแห่งชาติ"]
    twelve = ["โครงการอบรมคุณธรรมจริยธรรมพนักงานเทศบา", "กิจกรรมประชาชนหมู่บ้านเพื่อจัดทำแผน", "โครงการวันเด็กแห่งชาติ"]
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for months, names in ((6, six), (12, twelve)):
        bundle = Bundle(rows=[Row(str(i), name=n) for i, n in enumerate(names, 1)], round_months=months)
        (inbox / f"round-{months}.txt").write_text(bundle.text(), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["ingest", str(inbox), "--out", str(out)]) == 0
    assert "project keys linked across reports: 2 rows" in capsys.readouterr().out
    records = rows(out, "records")
    key = {(r["round_months"], r["project_name"]): r["project_key"] for r in records}
    assert len(key) == 6
    for first, second in zip(six, twelve):
        assert key[("6", first)] == key[("12", second)]
    assert len({key[("6", n)] for n in six}) == 3


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def good_and_empty(tmp_path: Path) -> Path:
    """A folder of one good bundle and one empty file (an errors row)."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(SEED_BUNDLE, inbox / "good.txt")
    (inbox / "empty.txt").write_bytes(b"")
    return inbox


def test_a_terminal_sees_the_batch_progress_and_a_log_does_not(tmp_path, monkeypatch, capsys):
    inbox = good_and_empty(tmp_path)
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["ingest", str(inbox), "--out", str(tmp_path / "out"), "--jobs", "1"]) == 1
    assert "2/2" in terminal.getvalue() and "failed=1" in terminal.getvalue()
    monkeypatch.undo()
    assert main(["ingest", str(inbox), "--out", str(tmp_path / "out"), "--jobs", "1"]) == 1
    assert "2/2" not in capsys.readouterr().err  # not a terminal: no bar in the log


def test_ctrl_c_says_what_is_kept_and_exits_130(tmp_path, monkeypatch, capsys):
    def interrupted(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("saraban.ingest.cli.run", interrupted)
    assert main(["ingest", str(SEED_BUNDLE), "--out", str(tmp_path / "out")]) == 130
    said = capsys.readouterr().err
    assert "interrupted" in said and "ingest.sqlite" in said and "run the same command again" in said


def test_include_and_exclude_choose_the_files_read_in_the_folders(tmp_path, capsys):
    inbox = tmp_path / "inbox"
    (inbox / "Drafts").mkdir(parents=True)
    shutil.copy(SEED_BUNDLE, inbox / "good.txt")
    (inbox / "README.md").write_text("# Scans of 2566, sorted by month\n", encoding="utf-8")  # no document
    (inbox / "Drafts" / "draft.TXT").write_text(Bundle().text(), encoding="utf-8")
    (inbox / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"

    def ingest(*args: str) -> tuple[int, str]:
        code = main(["ingest", *args, "--out", str(out), "--jobs", "1", "--reprocess"])
        return code, capsys.readouterr().out

    # Case ignored; a pattern with a folder matches the path from the folder named.
    code, said = ingest(str(inbox), "--exclude", "*.md", "--exclude", "drafts/*", "--exclude", "EMPTY.TXT")
    assert code == 0 and "files: 1 (0 failed)" in said
    assert "skipped in the folders: 3 (matched --exclude 3)" in said
    assert len(rows(out, "records")) == 65 and rows(out, "errors") == []
    code, said = ingest(str(inbox), "--include", "*.txt", "--exclude", "good.txt")
    assert code == 1 and "files: 2 (1 failed)" in said  # the draft, and the empty file's row
    assert "skipped in the folders: 2 (matched --exclude 1, not matched by --include 1)" in said
    # A file named on the command line is read whatever the patterns say.
    code, said = ingest(str(inbox / "README.md"), "--exclude", "*.md")
    assert code == 0 and "files: 1 (0 failed)" in said
    assert "README.md" in {Path(d["source_file"]).name for d in rows(out, "documents")}


def test_quiet_prints_nothing_but_errors_and_verbose_says_each_file(tmp_path, monkeypatch, capsys):
    inbox = good_and_empty(tmp_path)
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["ingest", str(inbox), "--out", str(tmp_path / "quiet"), "-j", "1", "-q"]) == 1
    assert terminal.getvalue() == "" and capsys.readouterr().out == ""  # no bar, no summary
    assert len(rows(tmp_path / "quiet", "records")) == 65 and len(rows(tmp_path / "quiet", "errors")) == 1
    monkeypatch.undo()
    assert main(["ingest", str(inbox), "--out", str(tmp_path / "loud"), "-j", "1", "-v"]) == 1
    said = capsys.readouterr()
    assert "good.txt: 65 records" in said.err and "empty.txt:" in said.err and "(empty_file)" in said.err
    assert "files: 2 (1 failed)" in said.out
    assert main(["ingest", str(inbox), "-q", "-v"]) == 2  # one or the other
