"""Shared fixtures: paths, the project's reference data, and ../shared (CI's read-only corpus)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from saraban.ingest.config import IngestConfig, Resources, load_resources

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
SEED_BUNDLE = SAMPLES / "sateng-nok-fy2565-bundle.ocr.txt"
SHARED = ROOT.parent / "shared"


def shared_path(relative: str) -> Path:
    """A file in ../shared; skips the test when absent, except in CI where it must be there."""
    path = SHARED / relative
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path} is missing in CI (../shared must sit beside the clone)")
        pytest.skip(f"{path} not present (../shared is only beside the clone in CI)")
    return path


@pytest.fixture(scope="session", autouse=True)
def no_installed_gazetteer(tmp_path_factory):
    """Tests never see a gazetteer the developer imported: an empty data home for the session."""
    saved = os.environ.get("SARABAN_DATA_HOME")
    os.environ["SARABAN_DATA_HOME"] = str(tmp_path_factory.mktemp("saraban-data-home"))
    yield
    if saved is None:
        os.environ.pop("SARABAN_DATA_HOME", None)
    else:
        os.environ["SARABAN_DATA_HOME"] = saved


@pytest.fixture(scope="session")
def resources(no_installed_gazetteer) -> Resources:
    return load_resources(IngestConfig())
