"""Packaging: the wheel `pip install .` builds has one namespace saraban, the vocabularies inside
it and none of the checkout's dev-only folders (issue #14: a non-editable install must run); a
checkout named on PYTHONPATH imports its own code, whatever is installed."""

from __future__ import annotations

import importlib.metadata
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from saraban.normalize.vocab import VOCAB_FILES
from tests.conftest import ROOT

# pyproject's package-dir: where each checkout folder lands in the wheel.
SHIPPED = {"saraban": "saraban", "ingest": "saraban/ingest", "parsers": "saraban/parsers",
           "normalize": "saraban/normalize", "reconcile": "saraban/reconcile"}
# The folders a build reads; the rest (.git, .venv, data/samples, out/) would only slow the copy.
SOURCES = ("pyproject.toml", "README.md", "data/vocab", "saraban", "ingest", "parsers", "normalize", "reconcile",
           "synth", "tests", "benchmarks")


def build_backend_is_recent() -> bool:
    """pyproject's build requirement (setuptools >= 77, for the SPDX license) is installed here."""
    try:
        return int(importlib.metadata.version("setuptools").split(".")[0]) >= 77
    except importlib.metadata.PackageNotFoundError:
        return False


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    # Built from a copy: setuptools keeps build/lib between builds, so a module moved away in
    # the checkout would still be packed from there.
    tree = tmp_path_factory.mktemp("tree")
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tree / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, tree / name)
    out = tmp_path_factory.mktemp("wheel")
    command = [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), str(tree)]
    if build_backend_is_recent():
        command.append("--no-build-isolation")  # else pip installs the backend in a build env of its own
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    (path,) = out.glob("saraban-*.whl")
    return zipfile.ZipFile(path)


def test_one_top_level_package(wheel):
    tops = {name.split("/")[0] for name in wheel.namelist()}
    assert {top for top in tops if not top.endswith(".dist-info")} == {"saraban"}
    (top_level,) = [name for name in wheel.namelist() if name.endswith("top_level.txt")]
    assert wheel.read(top_level).decode().split() == ["saraban"]


def test_every_module_ships_under_saraban(wheel):
    names = set(wheel.namelist())
    for folder, target in SHIPPED.items():
        for path in (ROOT / folder).rglob("*.py"):
            assert f"{target}/{path.relative_to(ROOT / folder).as_posix()}" in names, path


def test_vocabularies_ship_and_dev_folders_do_not(wheel):
    names = set(wheel.namelist())
    assert {f"saraban/data/vocab/{name}.tsv" for name in VOCAB_FILES} <= names
    assert not [name for name in names if name.split("/")[1:2] in (["synth"], ["tests"], ["samples"])]
    assert not [name for name in names if "/samples/" in name or name.startswith(("synth/", "tests/"))]


def test_console_script(wheel):
    (entry_points,) = [name for name in wheel.namelist() if name.endswith("entry_points.txt")]
    assert "saraban = saraban.ingest.cli:main" in wheel.read(entry_points).decode()


def test_checkout_on_pythonpath_imports_its_own_code(tmp_path):
    """An editable install of another checkout (the shared venv's) must not answer for this one."""
    code = ("import saraban.ingest.cli, saraban.reconcile.records, saraban.ingest.config as config\n"
            "print(saraban.ingest.cli.__file__, saraban.reconcile.records.__file__, config.DEFAULT_DATA_DIR)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=True,
                          env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)})
    paths = [Path(word) for word in done.stdout.split()]
    assert paths == [ROOT / "ingest" / "cli.py", ROOT / "reconcile" / "records.py", ROOT / "data"]
