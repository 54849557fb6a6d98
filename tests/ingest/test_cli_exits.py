"""The command line's exit codes as a script sees them: usage errors are one line and 2, an
internal error one line and 3 (the traceback with -v), a closed pipe is quiet, one run at a
time writes an output folder."""

from __future__ import annotations

import os
import subprocess
import sys

from saraban.ingest.cli import ExitCode, main
from saraban.ingest.load import OutputStore
from tests.conftest import ROOT, SEED_BUNDLE


def test_exit_codes_are_an_enum():
    assert [int(c) for c in ExitCode] == [0, 1, 2, 3, 130]


def one_line(err: str) -> str:
    assert "Traceback" not in err
    [line] = err.strip().splitlines()
    return line


def test_an_out_that_is_a_file_or_unwritable_is_a_usage_error(tmp_path, capsys):
    a_file = tmp_path / "out.csv"
    a_file.write_text("x")
    assert main(["ingest", str(SEED_BUNDLE), "--out", str(a_file)]) == 2
    assert "is a file, not a folder" in one_line(capsys.readouterr().err)
    assert main(["ingest", str(SEED_BUNDLE), "--out", str(a_file / "below")]) == 2
    assert "cannot be written to" in one_line(capsys.readouterr().err)


def test_a_bad_data_dir_is_a_usage_error(tmp_path, capsys):
    assert main(["ingest", str(SEED_BUNDLE), "--out", str(tmp_path / "out"), "--data-dir", str(tmp_path)]) == 2
    assert "not a saraban data folder" in one_line(capsys.readouterr().err)


def test_an_internal_error_is_one_line_and_exit_3_with_the_traceback_under_v(tmp_path, monkeypatch, capsys):
    def broken(*_args, **_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("saraban.ingest.cli.run", broken)
    assert main(["ingest", str(SEED_BUNDLE), "--out", str(tmp_path / "out")]) == 3
    assert "internal error: RuntimeError: boom" in one_line(capsys.readouterr().err)
    assert main(["ingest", "-v", str(SEED_BUNDLE), "--out", str(tmp_path / "out")]) == 3
    assert "Traceback" in capsys.readouterr().err


def test_a_closed_pipe_is_quiet():
    read, write = os.pipe()
    os.close(read)  # as `| head -1` does once it has its line
    try:
        done = subprocess.run([sys.executable, "-m", "saraban", "schema"], stdout=write, stderr=subprocess.PIPE,
                              text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, check=False)
    finally:
        os.close(write)
    assert done.stderr == ""
    assert done.returncode == 0


def test_a_second_run_into_the_same_out_is_refused_while_the_first_holds_it(tmp_path, capsys):
    out = tmp_path / "out"
    with OutputStore(out):  # a run in progress
        assert main(["ingest", str(SEED_BUNDLE), "--out", str(out), "--jobs", "1"]) == 2
        assert "another saraban run is writing to" in one_line(capsys.readouterr().err)
    assert main(["ingest", str(SEED_BUNDLE), "--out", str(out), "--jobs", "1"]) == 0


def test_exports_are_written_through_names_of_their_own_run(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    # The shared name every run used: a second run's rename removed it from under the first.
    (out / ".records.csv.tmp").mkdir()
    assert main(["ingest", str(SEED_BUNDLE), "--out", str(out), "--jobs", "1"]) == 0
    assert (out / "records.csv").is_file()
    assert sorted(p.name for p in out.iterdir() if p.name.endswith(".tmp")) == [".records.csv.tmp"]
