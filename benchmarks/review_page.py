"""How fast the review page (`saraban review`) opens and filters a batch of 2,000 flags in Chromium.

The batch is made from one real output folder (a scanned bundle read by saraban): its files are
copied under new names (each a file of its own: new SHA-256, new document ids, one of six
organizations) and every record gets a LOW_CONFIDENCE flag besides the flags it had, until the
batch holds the flags asked for. `saraban review` then writes the page and its crops (the page
images rendered and cut as for a real batch), and Chromium (Playwright, the system's browser)
opens it: the time to the load event, and the time each filter (by code, file, organization)
takes to apply, are measured.

    .venv/bin/python benchmarks/review_page.py --workdir /tmp/review-bench [--flags 2000]
        [--source-out OUT]   # an output folder of scanned files; default: a generated bundle read

Needs Playwright for Python (`pip install playwright`) and Chromium (`apt-get install chromium`;
SARABAN_CHROMIUM names another binary). Nothing is downloaded.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
import time
from pathlib import Path
from typing import Any

ORGANIZATIONS = ("เทศบาลตำบลบ้านนา", "เทศบาลเมืองสะเตงนอก", "องค์การบริหารส่วนตำบลท่าศาลา",
                 "เทศบาลตำบลปากพูน", "องค์การบริหารส่วนตำบลโพธิ์เสด็จ", "เทศบาลเมืองปัตตานี")


def chromium_path() -> str | None:
    """The Chromium binary: SARABAN_CHROMIUM, else the system's."""
    named = os.environ.get("SARABAN_CHROMIUM")
    if named:
        return named if Path(named).exists() else None
    return next((found for name in ("chromium", "chromium-browser", "google-chrome") if (found := shutil.which(name))),
                None)


def _read(folder: Path, name: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (folder / f"{name}.jsonl").read_text(encoding="utf-8").splitlines() if line]


def _write(folder: Path, name: str, rows: list[dict[str, Any]]) -> None:
    with (folder / f"{name}.jsonl").open("w", encoding="utf-8") as stream:
        for row in rows:
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")


def many_flags(source_out: Path, dest: Path, flags: int = 2000) -> Path:
    """An output folder in ``dest`` holding at least ``flags`` flag rows, copies of
    ``source_out``'s files (see the module's docstring); returns it."""
    tables = {name: _read(source_out, name) for name in ("records", "documents", "reports", "flags")}
    out, files = dest / "out", dest / "files"
    for folder in (out, files):
        folder.mkdir(parents=True, exist_ok=True)
    made: dict[str, list[dict[str, Any]]] = {name: [] for name in tables}
    copy = 0
    while len(made["flags"]) < flags:
        for original in dict.fromkeys(d["source_file"] for d in tables["documents"]):
            path = files / f"copy{copy:03d}-{Path(original).name}"
            if not path.exists():
                os.link(original, path) if _same_device(Path(original), files) else shutil.copy(original, path)
            sha = hashlib.sha256(path.name.encode()).hexdigest()
            organization = ORGANIZATIONS[copy % len(ORGANIZATIONS)]
            _add_copy(tables, made, original, str(path), sha, organization)
            copy += 1
            if len(made["flags"]) >= flags:
                break
    for name, rows in made.items():
        _write(out, name, rows)
    return out


def _same_device(path: Path, folder: Path) -> bool:
    return path.stat().st_dev == folder.stat().st_dev


def _add_copy(tables: dict[str, list[dict[str, Any]]], made: dict[str, list[dict[str, Any]]], original: str,
              path: str, sha: str, organization: str) -> None:
    old_ids = {d["document_id"][:12] for d in tables["documents"] if d["source_file"] == original}

    def renamed(row: dict[str, Any]) -> dict[str, Any]:
        row = dict(row, source_file=path)
        for key in ("document_id", "record_id"):
            if row.get(key):
                row[key] = sha[:12] + row[key][12:]
        if "source_sha256" in row:
            row["source_sha256"] = sha
        if "organization" in row:
            row["organization"] = organization
        return row

    mine = {name: [renamed(r) for r in rows if r["document_id"][:12] in old_ids] for name, rows in tables.items()}
    for name in ("records", "documents", "reports", "flags"):
        made[name].extend(mine[name])
    for record in mine["records"]:
        made["flags"].append({
            "source_file": path, "document_id": record["document_id"], "page": record["page"], "seq": record["seq"],
            "code": "LOW_CONFIDENCE", "severity": "warning",
            "message": f"Row {record['seq']}: disbursed read with low confidence (benchmark flag).",
            "expected": "confidence >= 0.80", "found": "disbursed 0.61", "record_id": record["record_id"],
            "field": "disbursed_baht", "resolution": "open", "decision": None, "reviewer": None,
            "decided_at": None, "review_note": None,
        })


def measure(page: Path, chromium: str) -> dict[str, float]:
    """Seconds: to the page's load event (wall clock, from the navigation), and for each filter
    to apply (in the page, from the change to the items shown)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium)
        try:
            tab = browser.new_page(viewport={"width": 1280, "height": 900})
            start = time.perf_counter()
            tab.goto(page.resolve().as_uri(), wait_until="load")
            opened = time.perf_counter() - start
            ready = tab.evaluate("window.sarabanReview.ready") / 1000
            timings = {"open_s": opened, "script_ready_s": ready,
                       "items": float(tab.locator("article.item").count())}
            for name, selector, value in (("filter_code_s", "#f-code", "LOW_CONFIDENCE"),
                                          ("filter_file_s", "#f-file", "3"),
                                          ("filter_org_s", "#f-org", ORGANIZATIONS[1]),
                                          ("filter_all_s", "#f-org", "")):
                started = time.perf_counter()
                tab.select_option(selector, value)
                tab.wait_for_function("document.getElementById('shown').textContent.length > 0")
                timings[name] = time.perf_counter() - started
            timings["shown_after_filters"] = float(tab.evaluate(
                "document.querySelectorAll('article.item:not([hidden])').length"))
            return timings
        finally:
            browser.close()


def _source_out(workdir: Path) -> Path:
    """A generated scanned bundle (seed 7, one row left without a tick) read by saraban."""
    from saraban.ingest.cli import main
    from synth import SynthConfig, generate_bundle

    out = workdir / "source-out"
    if not (out / "flags.jsonl").exists():
        pdf = generate_bundle(7, workdir / "source", SynthConfig(inject={"STATUS_MISSING"}, clean=True))
        if main(["ingest", str(pdf), "--out", str(out), "--jobs", "1"]) != 0:
            raise SystemExit("the generated bundle could not be read")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workdir", type=Path, required=True)
    parser.add_argument("--flags", type=int, default=2000)
    parser.add_argument("--source-out", type=Path, default=None)
    args = parser.parse_args(argv)
    chromium = chromium_path()
    if chromium is None:
        print("no Chromium found (apt-get install chromium, or set SARABAN_CHROMIUM)", file=sys.stderr)
        return 2
    from saraban.ingest.review import write_review

    args.workdir.mkdir(parents=True, exist_ok=True)
    out = many_flags(args.source_out or _source_out(args.workdir), args.workdir / "batch", args.flags)
    started = time.perf_counter()
    written = write_review(out)
    took = time.perf_counter() - started
    size = written.page.stat().st_size
    print(f"saraban review: {written.items} items, {written.pictures} pictures in {took:.1f} s; "
          f"index.html {size / 1e6:.2f} MB")
    for name, value in measure(written.page, chromium).items():
        print(f"{name}: {value:.3f}" if name.endswith("_s") else f"{name}: {value:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
