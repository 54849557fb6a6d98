"""benchmarks/sources.py: a seed the browser generator cannot lay out is skipped and counted,
not the whole measuring run lost (seeds 35003 and 35018 once stopped it with a LayoutError)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import sources  # noqa: E402
from synth.browser import BrowserBundlePaths  # noqa: E402
from synth.browser.errors import LayoutError  # noqa: E402


def fake_generator(seed: int, folder: Path, config) -> BrowserBundlePaths:
    if seed % 2:
        raise LayoutError(f"row 3 found twice (seed {seed})")
    return BrowserBundlePaths(digital=folder / f"{seed}-digital.pdf", scan=folder / f"{seed}-scan.pdf")


def test_a_seed_that_cannot_be_laid_out_is_skipped(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr("synth.browser.generate_browser_bundle", fake_generator)
    assert sources._browser_bundle(41001, tmp_path, 0.25) is None
    assert sources._browser_bundle(41002, tmp_path, 0.25) == (tmp_path / "41002-scan.pdf", tmp_path / "41002-digital.pdf")
