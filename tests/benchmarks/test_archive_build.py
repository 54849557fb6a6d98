"""benchmarks/archive_build.py: the archive has the counts asked for, every file its own bytes,
every broken kind the errors row it is named for; two runs' tables compare as sorted rows."""

from __future__ import annotations

import stat
from collections import Counter
from pathlib import Path

import pytest

from benchmarks.archive_build import (TABLES, broken_makers, build_archive, differences, link_subset,
                                      plan_archive, text_bundle)
from saraban.ingest.cli import main
from synth.vocab import ORGANIZATIONS
from tests.ingest.test_hostile_inputs import rows

KINDS = set(broken_makers(0))
ALIKE = {"empty_file", "empty_pdf", "corrupt_image"}  # files of these kinds cannot differ, or need not


def _archive(tmp_path: Path, files: int, scanned: int, broken: int):
    scans = tmp_path / "scans"
    scans.mkdir()
    for seed in range(scanned):
        (scans / f"synth-{seed:06d}.pdf").write_bytes(b"%%PDF-1.4 scan %d" % seed)
    entries = plan_archive(files, scanned, broken)
    build_archive(tmp_path / "archive", entries, scans)
    return entries, tmp_path / "archive"


def test_the_archive_has_the_counts_asked_for_and_every_broken_kind(tmp_path):
    entries, folder = _archive(tmp_path, files=150, scanned=7, broken=2 * len(KINDS) + 1)
    kinds = Counter(e.kind for e in entries)
    assert len(entries) == 150 and kinds["scanned"] == 7 and kinds["text"] == 150 - 7 - 2 * len(KINDS) - 1
    assert {k for k in kinds if k not in ("text", "scanned")} == KINDS and min(kinds[k] for k in KINDS) == 2
    assert all(e.named == (e.kind == "unsupported_type") for e in entries)
    assert len({e.path for e in entries}) == 150
    modes = {e.kind: (folder / e.path).lstat().st_mode for e in entries}
    assert stat.S_ISFIFO(modes["not_a_regular_file"]) and stat.S_ISLNK(modes["unreadable_file"])
    assert not (folder / next(e.path for e in entries if e.kind == "unreadable_file")).exists()  # dangling
    regular = [folder / e.path for e in entries if e.kind not in ALIKE and stat.S_ISREG(modes[e.kind])]
    assert len({path.read_bytes() for path in regular}) == len(regular)  # no two alike: none is a copy


def test_text_bundles_vary_the_organization_and_the_number():
    template = "ที่ ยล ๕๒๕๐๑/๑๖๖ วันที่\nเทศบาลเมืองสะเตงนอก\nนายกเทศมนตรีเมืองสะเตงนอก\n"
    second = text_bundle(template, 1)
    assert ORGANIZATIONS[1][0] in second and "สะเตงนอก" not in second and "ที่ ยล ๕๒๕๐๑/๒ " in second
    assert len({text_bundle(template, i) for i in range(3 * len(ORGANIZATIONS))}) == 3 * len(ORGANIZATIONS)


def test_a_subset_is_the_first_files_with_the_same_bytes(tmp_path):
    entries, folder = _archive(tmp_path, files=40, scanned=2, broken=len(KINDS))
    link_subset(folder, entries[:20], tmp_path / "subset")
    made = {str(p.relative_to(tmp_path / "subset")) for p in (tmp_path / "subset").rglob("*") if not p.is_dir()}
    assert made == {e.path for e in entries[:20]}
    for entry in entries[:20]:
        if (folder / entry.path).is_file():
            assert (tmp_path / "subset" / entry.path).read_bytes() == (folder / entry.path).read_bytes()


def test_every_broken_kind_is_the_errors_row_it_is_named_for(tmp_path):
    entries, folder = _archive(tmp_path, files=len(KINDS), scanned=0, broken=len(KINDS))
    out = tmp_path / "out"
    named = [str(folder / e.path) for e in entries if e.named]
    assert main(["ingest", str(folder), *named, "--out", str(out), "--jobs", "1"]) == 1
    found = {Path(e["source_file"]).name.split("-")[0]: e["error_code"] for e in rows(out, "errors")}
    assert found == {kind: kind for kind in KINDS}


def _csv(folder: Path, table_rows: dict[str, list[str]]) -> Path:
    folder.mkdir()
    for table in TABLES:
        lines = ["a,b", *table_rows.get(table, [])]
        (folder / f"{table}.csv").write_text("\ufeff" + "\r\n".join(lines) + "\r\n", encoding="utf-8")
    return folder


def test_tables_compare_as_sorted_rows(tmp_path):
    one = _csv(tmp_path / "one", {"records": ["1,x", "2,y"], "errors": ["f,e"]})
    same = _csv(tmp_path / "same", {"records": ["2,y", "1,x"], "errors": ["f,e"]})
    other = _csv(tmp_path / "other", {"records": ["2,y", "1,x", "1,x"], "errors": ["f,E"]})
    assert differences(one, same) == {}
    assert set(differences(one, other)) == {"records", "errors"}
    assert differences(one, other)["records"].startswith("2 vs 3 rows")


@pytest.mark.parametrize("index", [0, 7])
def test_no_two_broken_files_of_a_kind_are_alike_unless_they_cannot_differ(tmp_path, index):
    for kind, (suffix, make) in broken_makers(index).items():
        if kind not in ALIKE and kind not in ("not_a_regular_file", "unreadable_file"):
            make(tmp_path / f"{kind}-a{suffix}")
            broken_makers(index + 1)[kind][1](tmp_path / f"{kind}-b{suffix}")
            assert (tmp_path / f"{kind}-a{suffix}").read_bytes() != (tmp_path / f"{kind}-b{suffix}").read_bytes(), kind
