"""Command line: ``saraban ingest PATH... --out DIR`` and ``saraban schema``.

Exit codes (:class:`ExitCode`): 0 every file was processed (flags do not count as failures); 1
some file could not be processed (its errors row says why; everything else was still written);
2 usage error (one line on stderr); 3 internal error (one line; the traceback with ``-v``); 130
interrupted (Ctrl-C: the files finished are kept, the same command goes on from there).
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import logging
import os
import sys
import tempfile
import traceback
from collections.abc import Sequence
from enum import IntEnum
from pathlib import Path

from tqdm import tqdm

from saraban.ingest.config import DEFAULT_DATA_DIR, IngestConfig, load_vocabulary
from saraban.ingest.corrections import CorrectionsError, load_corrections
from saraban.ingest.discover import Selection
from saraban.ingest.gazetteer_store import GazetteerError, import_gazetteer, user_data_dir
from saraban.ingest.load import DATABASE, OutputBusyError
from saraban.ingest.postgres_sink import SinkError
from saraban.ingest.store_schema import StoreVersionError
from saraban.ingest.pipeline import FileResult
from saraban.reconcile.records import TABLES, all_schemas, json_schema
from saraban.normalize.vocab import VOCAB_FILES
from saraban.ingest.runner import RunSummary, SchedulerError, run

_LOG = logging.getLogger("saraban")

class ExitCode(IntEnum):
    OK = 0
    SOME_FILES_FAILED = 1
    USAGE = 2
    INTERNAL_ERROR = 3
    INTERRUPTED = 130  # as a shell reports a command stopped by Ctrl-C


class UsageError(Exception):
    """A command line that cannot run: one line on stderr, exit 2."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="saraban",
        description="Turn scanned Thai local-government bundles into reconciled data.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    common = argparse.ArgumentParser(add_help=False)
    loudness = common.add_mutually_exclusive_group()
    loudness.add_argument("-v", "--verbose", action="store_true",
                          help="say each file as it is done (on stderr), and show the traceback of an internal error")
    loudness.add_argument("-q", "--quiet", action="store_true",
                          help="print nothing but errors: no progress bar, no summary (the outputs say it all)")
    commands = parser.add_subparsers(dest="command", required=True)
    ingest = commands.add_parser("ingest", parents=[common], help="read files and folders, write the outputs")
    ingest.add_argument("paths", nargs="+", type=Path, help="files or folders (searched recursively)")
    ingest.add_argument("--out", type=Path, default=Path("out"), help="output folder (default: ./out)")
    ingest.add_argument("-j", "--jobs", type=int, default=0, help="worker processes (default: one per core)")
    ingest.add_argument(
        "--scheduler", default="", metavar="ADDRESS",
        help="read the files on a Dask cluster: its scheduler's address (tcp://HOST:8786; the workers "
             "must see the files at the same paths), or 'local' for a Dask LocalCluster of --jobs "
             "processes (default: this machine's own process pool)",
    )
    ingest.add_argument(
        "--include", action="append", default=[], metavar="GLOB",
        help="in the folders, read only files matching GLOB (repeatable; matched, case ignored, against "
             "the path from the folder named and the file name, e.g. '*.pdf' or '2566/*')",
    )
    ingest.add_argument(
        "--exclude", action="append", default=[], metavar="GLOB",
        help="in the folders, skip files matching GLOB (repeatable; wins over --include, e.g. '*.md'); "
             "files named on the command line are always read",
    )
    ingest.add_argument(
        "--data-dir", type=Path, default=DEFAULT_DATA_DIR,
        help="folder with the label vocabularies (default: the project's data/)",
    )
    ingest.add_argument(
        "--reprocess", action="store_true",
        help="read every file again, even those unchanged since an earlier run into --out "
             "(by default they keep their rows)",
    )
    ingest.add_argument(
        "--gazetteer", type=Path, default=None,
        help="DLA registry (open-data CSV or TSV) to match organizations against "
             "(default: the one `saraban gazetteer import` installed, else place names without codes)",
    )
    ingest.add_argument(
        "--db", default=None, metavar="URL",
        help="also load the five tables into this PostgreSQL database (postgresql://USER@HOST/DATABASE), "
             "typed and keyed; the schema is created or migrated by saraban",
    )
    ingest.add_argument(
        "--corrections", type=Path, default=None, metavar="CSV",
        help="a reviewer's decisions (corrections.csv, saved by the page `saraban review` writes): "
             "corrected values replace the values read, the flags decided are marked resolved",
    )
    ingest.add_argument(
        "--debug", type=Path, default=None, metavar="DIR",
        help="draw what the reader saw over each page into DIR (PNG: rotation and deskew, text lines, "
             "table grid, column roles, ink in status cells, text layer used or OCR); reads every file again",
    )
    gazetteer = commands.add_parser("gazetteer", parents=[common], help="manage the gazetteer of organizations")
    gazetteer_commands = gazetteer.add_subparsers(dest="gazetteer_command", required=True)
    importing = gazetteer_commands.add_parser(
        "import", help="install the DLA registry (its open-data CSV, or the TSV form) for later runs"
    )
    importing.add_argument("file", type=Path)
    review = commands.add_parser(
        "review", parents=[common],
        help="write OUT/review/index.html: a page to settle the flagged values beside their scans, "
             "whose decisions (corrections.csv) `saraban ingest --corrections` applies")
    review.add_argument("out", type=Path, metavar="OUT", help="the --out folder of a `saraban ingest` run")
    schema = commands.add_parser(
        "schema", parents=[common],
        help="print the JSON Schema (draft 2020-12) of an output table's rows; without TABLE, one "
             "document holding the five under $defs")
    schema.add_argument("table", choices=sorted(TABLES), nargs="?", default=None)
    return parser


def _version() -> str:
    """The installed distribution's version (a checkout run without an install has none)."""
    try:
        return importlib.metadata.version("saraban")
    except importlib.metadata.PackageNotFoundError:
        return "(not installed)"


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return ExitCode.USAGE if exit_.code not in (0, None) else ExitCode.OK
    _log_to_stderr(args.verbose, args.quiet)
    try:
        return _command(args)
    except UsageError as error:
        print(f"saraban: {error}", file=sys.stderr)
        return ExitCode.USAGE
    except KeyboardInterrupt:
        print("\nsaraban: interrupted.", file=sys.stderr)
        return ExitCode.INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`saraban … | head -1`): nothing more to say, and no traceback
        # when Python flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return ExitCode.OK
    except Exception as error:  # noqa: BLE001 — a bug: one line, the traceback only with -v
        if args.verbose:
            traceback.print_exc()
        print(f"saraban: internal error: {type(error).__name__}: {error}"
              + ("" if args.verbose else " (run again with -v for the traceback; please report it)"), file=sys.stderr)
        return ExitCode.INTERNAL_ERROR


def _log_to_stderr(verbose: bool, quiet: bool) -> None:
    """saraban's log (the ``saraban`` logger) on stderr: warnings by default, each file done
    with -v, errors only with -q. Configured here, at the command line's edge, and nowhere
    else: the library modules only log."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("saraban: %(message)s"))
    logger = logging.getLogger("saraban")
    logger.handlers[:] = [handler]
    logger.propagate = False
    logger.setLevel(logging.INFO if verbose else logging.ERROR if quiet else logging.WARNING)


def _command(args: argparse.Namespace) -> int:
    if args.command == "schema":
        schema = json_schema(args.table) if args.table else all_schemas()
        print(json.dumps(schema, ensure_ascii=False, indent=2))
        return ExitCode.OK
    if args.command == "gazetteer":
        return _import_gazetteer(args.file)
    if args.command == "review":
        return _review(args.out)
    return _ingest(args)


def _import_gazetteer(source: Path) -> int:
    config = IngestConfig()
    vocab = load_vocabulary(config.data_dir)
    try:
        gazetteer = import_gazetteer(source, user_data_dir(), vocab.org_types)
    except GazetteerError as error:
        raise UsageError(str(error)) from error
    with_codes = sum(1 for e in gazetteer.entries if e.code)
    print(f"imported {len(gazetteer.entries)} organizations ({with_codes} with DLA codes) into {gazetteer.source}")
    return ExitCode.OK


def _review(out_dir: Path) -> int:
    # Imported here: the page's modules (and PIL's, PDFium's) are not needed by other commands.
    from saraban.ingest.review import ReviewError, write_review

    try:
        written = write_review(out_dir)
    except ReviewError as error:
        raise UsageError(str(error)) from error
    print(f"items to review: {written.items} ({written.pictures} with a picture)")
    print(f"written to {written.page} (open it in a browser; it needs no network)")
    return ExitCode.OK


class _Progress:
    """Files done, failed so far and time left, on stderr when it is a terminal (tqdm leaves
    logs and pipes alone): a batch of scans runs for hours."""

    def __init__(self, quiet: bool = False) -> None:
        self._bar: tqdm | None = None
        self._failed = self._kept = 0
        self._quiet = quiet

    def start(self, to_read: int, kept: int) -> None:
        self._bar = tqdm(total=to_read, unit="file", desc="saraban", disable=True if self._quiet else None,
                         file=sys.stderr, postfix={"failed": 0, "kept": kept})
        self._kept = kept

    def file_done(self, result: FileResult) -> None:
        for error in result.errors:
            _LOG.info("%s: %s (%s)", result.source_file, error.message, error.error_code)
        if not result.errors:
            _LOG.info("%s: %d records, %d flags", result.source_file, len(result.records), len(result.flags))
        if self._bar is not None:
            self._failed += bool(result.errors)
            self._bar.set_postfix(failed=self._failed, kept=self._kept, refresh=False)
            self._bar.update()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def _check_ingest(args: argparse.Namespace) -> None:
    missing = [str(p) for p in args.paths if not p.exists() and not p.is_symlink()]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    if args.jobs < 0:
        raise UsageError("--jobs must be 0 (one per core) or more")
    if args.scheduler and args.scheduler != "local" and ":" not in args.scheduler:
        raise UsageError(f"--scheduler {args.scheduler}: give a Dask scheduler's address (tcp://HOST:8786) or 'local'")
    if args.gazetteer is not None and not args.gazetteer.is_file():
        raise UsageError(f"no such gazetteer file: {args.gazetteer}")
    absent = [name for name in VOCAB_FILES if not (args.data_dir / "vocab" / f"{name}.tsv").is_file()]
    if absent:
        raise UsageError(f"--data-dir {args.data_dir} is not a saraban data folder (no vocab/{absent[0]}.tsv)")
    if args.debug is not None and args.debug.exists() and not args.debug.is_dir():
        raise UsageError(f"--debug {args.debug} is a file, not a folder")
    if args.out.exists() and not args.out.is_dir():
        raise UsageError(f"--out {args.out} is a file, not a folder")
    # Checked without creating anything: a run refused later (a bad gazetteer) leaves no folder.
    existing = next(p for p in (args.out.absolute(), *args.out.absolute().parents) if p.exists())
    if not existing.is_dir():
        raise UsageError(f"--out {args.out} cannot be written to: {existing} is a file")
    try:
        if existing == args.out.absolute():
            with tempfile.TemporaryFile(dir=existing):
                pass
        elif not os.access(existing, os.W_OK | os.X_OK):
            raise PermissionError(13, "Permission denied")
    except OSError as error:
        raise UsageError(f"--out {args.out} cannot be written to: {error.strerror or error}") from error


def _ingest(args: argparse.Namespace) -> int:
    _check_ingest(args)
    config = IngestConfig(data_dir=args.data_dir, jobs=args.jobs, gazetteer_path=args.gazetteer,
                          scheduler=args.scheduler)
    try:
        corrections = load_corrections(args.corrections) if args.corrections is not None else None
    except CorrectionsError as error:
        raise UsageError(str(error)) from error
    progress = _Progress(args.quiet)
    try:
        summary = run(args.paths, args.out, config, on_file=progress.file_done, reprocess=args.reprocess,
                      on_plan=progress.start, select=Selection(tuple(args.include), tuple(args.exclude)),
                      db=args.db, corrections=corrections, debug_dir=args.debug)
    except (GazetteerError, OutputBusyError, StoreVersionError, SinkError, SchedulerError) as error:
        raise UsageError(str(error)) from error
    except KeyboardInterrupt:
        progress.close()  # before the message, so that the bar does not overwrite it
        print(f"\nsaraban: interrupted. Every file finished so far is kept in {args.out / DATABASE}; run the "
              "same command again to go on from there (the CSV, JSON Lines and Parquet files are "
              "written when a run ends).", file=sys.stderr)
        return ExitCode.INTERRUPTED
    finally:
        progress.close()
    if not args.quiet:
        _print_summary(args, summary)
    return ExitCode.SOME_FILES_FAILED if summary.failed_files else ExitCode.OK


def _print_summary(args: argparse.Namespace, summary: RunSummary) -> None:
    print(f"files: {summary.files} ({summary.failed_files} failed)")
    if summary.skipped:
        print(f"skipped in the folders: {sum(summary.skipped.values())} ("
              + ", ".join(f"{reason} {n}" for reason, n in sorted(summary.skipped.items())) + ")")
    if summary.unchanged:
        kept = summary.unchanged
        print(f"kept from an earlier run into {args.out}/ (unchanged since, same settings): "
              f"{kept} file{'' if kept == 1 else 's'} (--reprocess reads them again)")
    if summary.copies:
        print(f"copies of a file found under another path: {summary.copies} (recorded once; "
              "documents.other_paths lists them)")
    for name, count in (("documents", summary.documents), ("records", summary.records)):
        print(f"{name}: {count}" + (f" from the files read, {summary.stored[name]} in all" if summary.unchanged else ""))
    if summary.linked_projects:
        print(f"project keys linked across reports: {summary.linked_projects} rows")
    print(f"gazetteer: {summary.gazetteer}")
    if summary.flags:
        print("flags: " + ", ".join(f"{code} {n}" for code, n in sorted(summary.flags.items())))
    if summary.errors:
        print("errors: " + ", ".join(f"{code} {n}" for code, n in sorted(summary.errors.items())))
    print(f"written to {args.out}/ (records, documents, reports, flags, errors: .csv .jsonl .parquet, and ingest.sqlite)")
    if args.db is not None:
        n = summary.loaded_files
        print(f"loaded into the --db database: the rows of {n} file{'' if n == 1 else 's'} (new or changed since the last load)")
