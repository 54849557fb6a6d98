"""What the generator tests need on the machine: a layout engine and the SIPA fonts."""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest

from saraban.ingest.ocr.digit_glyphs import sipa_font_dir


def require_engine(find: Callable[[], str], missing_error: type[Exception]) -> None:
    """Skip unless ``find`` finds the engine and the SIPA fonts are installed; under CI=true a
    missing one fails instead (CI installs them)."""
    missing = []
    try:
        find()
    except missing_error as exc:
        missing.append(str(exc))
    if not sipa_font_dir().is_dir():
        missing.append(f"SIPA fonts not installed at {sipa_font_dir()} (make venv installs them)")
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail("; ".join(missing) + " — CI must have them")
        pytest.skip("; ".join(missing))
