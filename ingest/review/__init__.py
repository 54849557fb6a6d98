"""``saraban review OUT``: a static page to settle the flags of an output folder.

Reads the folder's tables as other systems do (the JSON Lines files of the output contract),
gathers the items (saraban.ingest.review.gather, pure), cuts their pictures from the page images
(saraban.ingest.review.crops) and writes ``OUT/review/index.html`` (saraban.ingest.review.page, pure) beside
its ``crops/`` folder. The reviewer's decisions come back as corrections.csv, for
``saraban ingest … --corrections`` (saraban.ingest.corrections).
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from saraban.ingest.review.crops import write_crops
from saraban.ingest.review.gather import Batch, batch_summary, review_items, with_shas
from saraban.ingest.review.page import render_page

TABLES = ("records", "documents", "reports", "flags")


class ReviewError(Exception):
    """The folder is no saraban output folder (or cannot be written): one line for the user."""


@dataclass(frozen=True, slots=True)
class Written:
    page: Path
    items: int
    pictures: int
    batch: Batch


def write_review(out_dir: Path) -> Written:
    tables = read_tables(out_dir)
    items = review_items(tables["records"], tables["documents"], tables["reports"], tables["flags"])
    items = with_shas(items, tables["records"], _store_shas(out_dir))
    folder = out_dir / "review"
    crops = folder / "crops"
    try:
        folder.mkdir(exist_ok=True)
        for old in crops.glob("*.webp") if crops.is_dir() else ():
            old.unlink()  # pictures of an earlier page: their items may be gone
        images = write_crops(items, crops)
        batch = batch_summary(tables["records"], tables["documents"], tables["flags"])
        html = render_page(items, batch, images, f"saraban review: {out_dir.resolve().name}")
        page = folder / "index.html"
        _write_atomic(page, html)
    except OSError as error:
        raise ReviewError(f"{folder} cannot be written: {error.strerror or error}") from None
    return Written(page, len(items), len(images), batch)


def read_tables(out_dir: Path) -> dict[str, list[dict[str, Any]]]:
    """The four tables' rows from ``out_dir``'s JSON Lines files."""
    if not out_dir.is_dir():
        raise ReviewError(f"no such folder: {out_dir}")
    tables = {}
    for name in TABLES:
        path = out_dir / f"{name}.jsonl"
        try:
            text = path.read_text(encoding="utf-8")
            tables[name] = [json.loads(line) for line in text.splitlines() if line.strip()]
        except FileNotFoundError:
            raise ReviewError(f"{out_dir} is not a saraban output folder (no {name}.jsonl): "
                              "give the --out folder of a `saraban ingest` run") from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise ReviewError(f"{path} cannot be read: {getattr(error, 'strerror', None) or error}") from None
    return tables


def _store_shas(out_dir: Path) -> dict[str, str]:
    """Document id prefix → the file's SHA-256, from the store's bookkeeping: a file with no
    report (memos only) has no records row to take it from."""
    path = out_dir / "ingest.sqlite"
    if not path.is_file():
        return {}
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as db:
            rows = db.execute("SELECT source_sha256 FROM processed_files WHERE source_sha256 != ''").fetchall()
    except sqlite3.Error:
        return {}
    return {sha[:12]: sha for (sha,) in rows}


def _write_atomic(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.chmod(temporary, 0o644)  # a page to share, not a secret (mkstemp makes it 0600)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
