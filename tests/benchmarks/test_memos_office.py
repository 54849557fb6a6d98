"""benchmarks/memos.py's office sources: memos are generated only when absent, and a seed the
generator cannot lay out is skipped and named, not the whole run lost."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import memos  # noqa: E402
from synth.browser.errors import LayoutError  # noqa: E402
from synth.office import OfficeMemoPaths  # noqa: E402

made: list[int] = []


def fake_generator(seed: int, folder: Path, config=None) -> OfficeMemoPaths:
    made.append(seed)
    if seed % 2:
        raise LayoutError(f"the receiving stamp does not fit (seed {seed})")
    paths = OfficeMemoPaths(folder / f"synth-{seed:06d}-office-digital.pdf", folder / f"synth-{seed:06d}-office-scan.pdf")
    for pdf in (paths.digital, paths.scan):
        pdf.write_bytes(b"%PDF")
        pdf.with_name(pdf.stem + ".truth.json").write_text("{}")
    return paths


def test_office_memos_generated_once_and_unlayable_seeds_skipped(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr("synth.office.generate_office_memo", fake_generator)
    made.clear()
    assert memos._office_memo(43001, tmp_path) == "seed 43001 skipped: the receiving stamp does not fit (seed 43001)"
    assert memos._office_memo(43002, tmp_path) is None
    assert memos._office_memo(43002, tmp_path) is None  # both PDFs and truths there: not made again
    assert made == [43001, 43002]


def test_unknown_source_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        memos.main(["--workdir", str(tmp_path), "--seed", "1", "--source", "office"])
