"""Which files a batch reads: the files named, and the documents under the folders named.

What a folder holds besides documents is skipped and counted, not failed: hidden files and
folders (``.DS_Store``, ``.git/``), the litter Windows and Office leave (``Thumbs.db``,
``desktop.ini``, ``~$memo.docx``) and files of a type saraban does not read (``.xlsx``,
``.json``), and files the user's ``--include`` / ``--exclude`` patterns leave out
(:class:`Selection`). A file named on the command line is always tried: if it is of such a type,
its errors row says so. What cannot be read at all becomes an errors row here, before any worker
opens it: a FIFO, socket or device (opening one would hang the batch) and a folder that
cannot be listed.

File names are kept as the operating system gives them (bytes that are not UTF-8, such as a
TIS-620 name from a zip made on Thai Windows, as Python's surrogate escapes), so the file can
be opened; :func:`source_name` is the text stored for them.
"""

from __future__ import annotations

import os
import stat
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path

from saraban.reconcile.errors import BatchErrorCode, InputErrorCode
from saraban.ingest.extract import SUPPORTED_SUFFIXES

SYSTEM_FILES = frozenset({"thumbs.db", "ehthumbs.db", "desktop.ini", "icon\r", "__macosx"})
SKIPPED_HIDDEN = "hidden or system"
SKIPPED_TYPE = "not a document type"
SKIPPED_EXCLUDED = "matched --exclude"
SKIPPED_NOT_INCLUDED = "not matched by --include"


@dataclass(frozen=True, slots=True)
class Selection:
    """Which files found in a folder are read: those an ``include`` pattern matches (every file
    when there is none) and no ``exclude`` pattern does. A pattern is a shell glob matched, case
    ignored, against the file's path from the folder named (``2566/scans/a.pdf``, ``/`` between
    folders; ``*`` matches across folders) and against its name alone: ``*.md`` leaves out every
    Markdown file, ``drafts/*`` everything under a top folder named drafts. Case is ignored
    because archives from Windows spell one extension ``.PDF`` and ``.pdf``."""

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    def left_out(self, relative: str) -> str | None:
        """Why the file at ``relative`` (its path from the folder named) is not read, or None."""
        keys = {relative.lower(), relative.rsplit("/", 1)[-1].lower()}

        def matches(patterns: tuple[str, ...]) -> bool:
            return any(fnmatchcase(key, pattern.lower()) for pattern in patterns for key in keys)

        if matches(self.exclude):
            return SKIPPED_EXCLUDED
        if self.include and not matches(self.include):
            return SKIPPED_NOT_INCLUDED
        return None


@dataclass(frozen=True, slots=True)
class Refused:
    """A path that is not read: why, as an errors row's code and message."""

    path: Path
    error_code: str
    message: str


@dataclass(slots=True)
class Discovery:
    files: list[Path] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)  # files left out, by reason


def source_name(path: Path | str) -> str:
    """The path as stored in ``source_file``: itself when it is valid Unicode; else its bytes
    that are not UTF-8 written as ``\\xNN`` escapes (Python's ``backslashreplace`` of the
    file-system bytes), from which the original bytes can be recovered."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def discover(paths: Sequence[Path], skip: Path | None = None, select: Selection = Selection()) -> Discovery:
    """Files named, and the document files under folders named that ``select`` keeps (``skip``,
    the output folder, left out)."""
    found = Discovery()
    skip_resolved = skip.resolve() if skip is not None else None
    for path in paths:
        kind = _kind(path)
        if kind == "folder":
            _walk(path, skip_resolved, select, found)
        elif kind == "file":
            found.files.append(path)
        else:
            found.refused.append(kind)
    found.files = list(dict.fromkeys(found.files))
    return found


def _kind(path: Path) -> str | Refused:
    """"folder", "file", or why the path cannot be read (symbolic links are followed)."""
    try:
        mode = path.stat().st_mode
    except OSError as error:
        return Refused(path, InputErrorCode.UNREADABLE_FILE, f"The file cannot be read: {error.strerror or error}.")
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISREG(mode):
        return "file"
    what = "a named pipe (FIFO)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
    return Refused(path, BatchErrorCode.NOT_A_REGULAR_FILE, f"This is {what}, not a file: saraban reads only regular files.")


def _walk(folder: Path, skip: Path | None, select: Selection, found: Discovery) -> None:
    def unreadable(error: OSError) -> None:
        where = Path(error.filename) if error.filename else folder
        found.refused.append(Refused(where, BatchErrorCode.UNREADABLE_FOLDER,
                                     f"The folder cannot be listed: {error.strerror or error}. Its files were not read."))

    for root, folders, names in os.walk(folder, onerror=unreadable, followlinks=False):
        here = Path(root)
        if skip is not None and here.resolve() == skip:
            folders.clear()
            continue
        hidden = [name for name in folders if _hidden(name)]
        for name in hidden:
            found.skipped[SKIPPED_HIDDEN] += sum(len(files) for _, _, files in os.walk(here / name))
        folders[:] = sorted(name for name in folders if not _hidden(name))
        for name in sorted(names):
            path = here / name
            if _hidden(name):
                found.skipped[SKIPPED_HIDDEN] += 1
                continue
            # Before the file is looked at: what the user leaves out is not even stat'ed.
            reason = select.left_out(path.relative_to(folder).as_posix())
            if reason is not None:
                found.skipped[reason] += 1
                continue
            kind = _kind(path)
            if isinstance(kind, Refused):
                found.refused.append(kind)
            elif kind == "file" and path.suffix.lower() not in SUPPORTED_SUFFIXES:
                found.skipped[SKIPPED_TYPE] += 1
            elif kind == "file":
                found.files.append(path)
            # a symbolic link to a folder is not followed (it could loop)


def _hidden(name: str) -> bool:
    return name.startswith((".", "~$")) or name.lower() in SYSTEM_FILES
