"""A real Tesseract for the tests that need one: skipped with its reason where it cannot run,
failed instead under CI, where it must."""

from __future__ import annotations

import os

import pytest

from saraban.ingest.ocr.engine import OcrSettings, TesseractEngine


def tesseract_or_skip(settings: OcrSettings) -> TesseractEngine:
    engine = TesseractEngine(settings)
    problem = engine.available()
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(problem)
        pytest.skip(problem)
    return engine
