"""The archive benchmarks/archive.py measures: text bundles of varied organizations, small
scanned bundles, and broken files of every kind a file can be broken in (an errors row each);
and the comparison of two runs' outputs as sorted tables.

Every file's bytes differ from every other's: saraban reads a file's bytes once, and records
a second path holding the same bytes as a copy of the first.
"""

from __future__ import annotations

import csv
import os
import random
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from synth.vocab import ORGANIZATIONS
from tests.extract.synthetic import encrypted_pdf, zero_page_pdf
from tests.ingest.test_pixel_budget import blank_pdf

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "data" / "samples" / "sateng-nok-fy2565-bundle.ocr.txt"
TABLES = ("records", "documents", "reports", "flags", "errors")
_SAMPLE_ORGANIZATION, _SAMPLE_NAME = "เทศบาลเมืองสะเตงนอก", "สะเตงนอก"
_SAMPLE_NUMBER = "ที่ ยล ๕๒๕๐๑/๑๖๖"
_TYPES = ("องค์การบริหารส่วนจังหวัด", "องค์การบริหารส่วนตำบล", "เทศบาลตำบล", "เทศบาลเมือง", "เทศบาลนคร")
_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
_UNDECODABLE = bytes(range(0x80, 0x100)) * 8  # not UTF-8, and no encoding charset-normalizer knows


@dataclass(frozen=True)
class Entry:
    """One path of the archive: where (relative to its folder), and the errors code expected of
    it (empty for a file that gives rows)."""

    path: str
    kind: str  # "text", "scanned", or the broken file's expected error code
    named: bool = False  # given on the command line, not found in the folder


def text_bundle(template: str, index: int) -> str:
    """The sample bundle as another organization filed it: its name, and a memo number of its
    own (so the bytes of any two differ)."""
    organization = ORGANIZATIONS[index % len(ORGANIZATIONS)][0]
    name = next((organization[len(t):] for t in _TYPES if organization.startswith(t)), organization)
    number = f"ที่ ยล ๕๒๕๐๑/{index + 1}".translate(_THAI_DIGITS)
    return (template.replace(_SAMPLE_ORGANIZATION, organization).replace(_SAMPLE_NAME, name)
            .replace(_SAMPLE_NUMBER, number, 1))


def _write(data: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data)


def broken_makers(index: int) -> dict[str, tuple[str, Callable[[Path], None]]]:
    """Error code → (file name suffix, how to make such a file), each file's bytes its own.
    Codes no file can cause are not here: missing_dependency, internal_error, worker_lost,
    ocr_timeout and memory_limit (they need a broken machine or a run's limits), and, as root
    (who reads every folder), unreadable_folder."""
    tag = f"{index:06d}".encode()
    makers: dict[str, tuple[str, Callable[[Path], None]]] = {
        "empty_file": (".txt", _write(b"")),  # all alike: the batch records the others as its copies
        "not_utf8": (".txt", _write(_UNDECODABLE + tag)),
        "nul_bytes": (".txt", _write("โครงการ ".encode() + tag + b"\n\x00\n")),
        "no_content": (".txt", _write(b"<table></table>" + b"\n" * (index + 1))),  # a table of nothing
        "corrupt_pdf": (".pdf", _write(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog " + tag)),
        "encrypted_pdf": (".pdf", lambda path: encrypted_pdf(path, b"secret" + tag)),
        "empty_pdf": (".pdf", zero_page_pdf),
        "page_too_large": (".pdf", _write(blank_pdf(14400 + index, 14400))),
        "unsupported_image": (".png", _write(b"not an image at all " + tag)),
        "corrupt_image": (".png", _write(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")),
        "not_a_regular_file": (".txt", os.mkfifo),
        "unreadable_file": (".pdf", lambda path: path.symlink_to(path.with_name(f"gone-{index}.pdf"))),
        "unsupported_type": (".xlsx", _write(b"PK\x03\x04" + tag)),  # read only when named
    }
    if os.geteuid() != 0:
        makers["unreadable_folder"] = ("", lambda path: (path.mkdir(), path.chmod(0)))
    return makers


def plan_archive(files: int, scanned: int, broken: int, seed: int = 15) -> list[Entry]:
    """The archive's paths, shuffled (so any first n of them is a smaller archive of the same
    mix), in folders of 100: ``files`` in all, ``scanned`` scanned bundles, ``broken`` broken
    files of every kind in turn."""
    if scanned + broken > files:
        raise ValueError(f"--scanned {scanned} and --broken {broken} leave no room in --files {files}")
    kinds = list(broken_makers(0))
    mix = ["scanned"] * scanned + [kinds[i % len(kinds)] for i in range(broken)]
    mix += ["text"] * (files - len(mix))
    random.Random(seed).shuffle(mix)
    suffix = {"text": ".txt", "scanned": ".pdf"}
    entries = []
    for index, kind in enumerate(mix):
        ending = suffix.get(kind) or broken_makers(index)[kind][0]
        name = f"{index // 100:03d}/{kind}-{index:06d}{ending}"
        entries.append(Entry(f"named/{name}" if kind == "unsupported_type" else name, kind, kind == "unsupported_type"))
    return entries


def build_archive(folder: Path, entries: list[Entry], scanned_source: Path) -> None:
    """Write ``entries`` under ``folder``; scanned bundles are copied from ``scanned_source``
    (small_scans writes them), the i-th scanned entry from its i-th file."""
    template = TEMPLATE.read_text(encoding="utf-8")
    scans = iter(sorted(scanned_source.glob("*.pdf")))
    for index, entry in enumerate(entries):
        path = folder / entry.path
        path.parent.mkdir(parents=True, exist_ok=True)
        if entry.kind == "text":
            path.write_text(text_bundle(template, index), encoding="utf-8")
        elif entry.kind == "scanned":
            os.link(next(scans), path)
        else:
            broken_makers(index)[entry.kind][1](path)


def small_scans(folder: Path, count: int, pages: int = 2) -> None:
    """``count`` scanned bundles (synth, seeds 1…count) cut to their first ``pages`` pages (the
    memo and the report's first page: small, as OCR takes ~10 s a page here)."""
    import pypdfium2

    folder.mkdir(parents=True, exist_ok=True)
    full = folder / "full"
    if count:
        subprocess.run([sys.executable, "-m", "synth", "--seed", "1", "--count", str(count), "--out", str(full)],
                       check=True, cwd=ROOT, capture_output=True)
    for source in sorted(full.glob("*.pdf")) if count else ():
        whole, cut = pypdfium2.PdfDocument(source), pypdfium2.PdfDocument.new()
        cut.import_pages(whole, list(range(min(pages, len(whole)))))
        cut.save(folder / source.name)
        whole.close(), cut.close()


def link_subset(folder: Path, entries: list[Entry], dest: Path) -> None:
    """The first ``len(entries)`` files of the archive at ``folder`` under ``dest``: hard links
    (same bytes and modification time), special files made again."""
    for entry in entries:
        source, path = folder / entry.path, dest / entry.path
        path.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            path.symlink_to(os.readlink(source))
        elif entry.kind == "not_a_regular_file":
            os.mkfifo(path)
        elif entry.kind == "unreadable_folder":
            path.mkdir(), path.chmod(0)
        else:
            os.link(source, path)


def sorted_table(out: Path, table: str) -> list[tuple[str, ...]]:
    """A table's CSV export as sorted rows (the header first): the comparable form of it."""
    with (out / f"{table}.csv").open(encoding="utf-8-sig", newline="") as stream:
        header, *rows = list(csv.reader(stream))
    return [tuple(header), *sorted(map(tuple, rows))]


def differences(a: Path, b: Path) -> dict[str, str]:
    """Table → how the two output folders' tables differ (empty when every table is the same)."""
    said = {}
    for table in TABLES:
        left, right = sorted_table(a, table), sorted_table(b, table)
        if left != right:
            only_left, only_right = set(left) - set(right), set(right) - set(left)
            said[table] = f"{len(left) - 1} vs {len(right) - 1} rows, {len(only_left)} / {len(only_right)} unmatched"
    return said
