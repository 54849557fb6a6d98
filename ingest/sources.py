"""Which files of a batch to read: a file is its bytes, whatever path it was given under.

Paths are made absolute (``os.path.abspath``: ``.``, ``..`` and doubled slashes folded; symbolic
links are not followed, their bytes are what joins them), so that one file named relative and
absolute is one path. Files with the same SHA-256 are one source: it is read once, under the
first of its paths in name order, and the others are recorded as its copies (never read, no
rows of their own). A file recorded earlier in the same output folder, unchanged since (size
and modification time) and read with the same settings, is not read nor hashed again; its new
copies are only recorded.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from saraban.ingest.discover import source_name
from saraban.ingest.load import FileStamp, OutputStore
from saraban.ingest.pipeline import FileResult, sha256_of


@dataclass(frozen=True, slots=True)
class Found:
    """A path of the batch, its stamp, and its bytes' SHA-256 ("" when they cannot be read)."""

    path: Path
    stamp: FileStamp | None
    sha256: str

    @property
    def name(self) -> str:
        return source_name(self.path)


@dataclass(slots=True)
class Plan:
    read: list[Found] = field(default_factory=list)  # one path of each source to read
    copies: dict[str, list[Found]] = field(default_factory=dict)  # read path's name → its copies
    kept: int = 0  # paths recorded earlier, unchanged since, same settings
    kept_copies: int = 0  # new paths of bytes recorded earlier: recorded as copies, not read


def absolute(path: Path) -> Path:
    """``path`` made absolute without following links: one spelling per file."""
    return Path(os.path.abspath(path))


def plan(files: Sequence[Path], store: OutputStore, settings: str, reprocess: bool,
         reread: frozenset[str] = frozenset()) -> Plan:
    """Group ``files`` by their bytes: what to read, what is a copy, what is kept from before;
    bytes of a SHA-256 in ``reread`` (a reviewer's corrections are about them) are read again."""
    groups: dict[str, list[Found]] = {}
    recorded_as: dict[str, str] = {}  # sha256 → the path its rows are under, when kept
    for path in files:
        stamp = FileStamp.of(path)
        recorded = None if reprocess else store.recorded(source_name(path), stamp, settings)
        if recorded and recorded[0] in reread:
            recorded = None
        sha = recorded[0] if recorded else _sha256(path)
        if recorded:
            recorded_as.setdefault(sha, recorded[1])
        groups.setdefault(sha or source_name(path), []).append(Found(path, stamp, sha))
    holds = {member.name: sha for sha, members in groups.items() for member in members}
    result = Plan()
    for sha, members in groups.items():
        # Rows under a path of this batch that now holds other bytes are about to be replaced.
        if sha in recorded_as and holds.get(recorded_as[sha], sha) == sha:
            current = {m.name for m in members if store.recorded(m.name, m.stamp, settings)}
            new = [m for m in members if m.name not in current]
            result.kept += len(current)
            result.kept_copies += len(new)
            if new:
                store.add_copies(recorded_as[sha], sha, [(m.name, m.stamp) for m in new], settings)
            continue
        first = min(members, key=lambda m: m.name)  # files are read in the order given
        result.read.append(first)
        result.copies[first.name] = [m for m in members if m is not first]
    return result


def with_copies_errors(result: FileResult, copies: Sequence[str]) -> FileResult:
    """``result`` with, when the file failed, its errors rows for each of its ``copies`` too:
    every path that could not be read is named in errors, though read once."""
    own = [error for error in result.errors if error.source_file == result.source_file]
    if not own or not copies:
        return result
    again = [replace(error, source_file=copy, message=f"{error.message} (The same bytes as {result.source_file}.)")
             for copy in copies for error in own]
    return replace(result, errors=[*result.errors, *again])


def _sha256(path: Path) -> str:
    try:
        return sha256_of(path)
    except OSError:
        return ""  # read alone: its errors row says why
