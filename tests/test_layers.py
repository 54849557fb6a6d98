"""Imports run one way: normalize ← parsers ← reconcile ← ingest (ARCHITECTURE.md), all through
the one namespace saraban; the pure packages touch no files, processes or databases."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

# saraban.<package> → the saraban packages it must not import (they sit downstream of it).
FORBIDDEN = {
    "normalize": {"parsers", "reconcile", "ingest"},
    "parsers": {"reconcile", "ingest"},
    "reconcile": {"ingest"},
}
PURE = sorted(FORBIDDEN)
SHIPPED = ("saraban", "ingest", "parsers", "normalize", "reconcile")
# Top-level names that exist only as folders of a checkout: imported as saraban.<name>, or, for
# the dev-only ones, never from the shipped code (a wheel does not have them).
PROJECT_FOLDERS = {"ingest", "parsers", "normalize", "reconcile", "data"}
DEV_ONLY = {"synth", "tests", "benchmarks"}
MAX_LINES = 400

# What reads or writes files, runs processes or opens databases.
IO_MODULES = {"os", "pathlib", "subprocess", "sqlite3", "shutil", "tempfile", "socket", "multiprocessing",
              "fcntl", "glob", "urllib", "http", "requests"}
IO_BUILTINS = {"open", "input"}
IO_METHODS = {"open", "read_text", "read_bytes", "write_text", "write_bytes", "iterdir", "glob", "rglob",
              "mkdir", "unlink", "rmdir", "touch", "symlink_to", "chmod", "FileIO"}


def python_files(*folders: str) -> list[Path]:
    return [path for folder in folders for path in sorted((ROOT / folder).rglob("*.py"))]


def imports(tree: ast.AST) -> set[str]:
    """The dotted names a module imports (absolute imports only: the project uses no others)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def parsed(path: Path) -> ast.AST:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


@pytest.mark.parametrize("package", PURE)
def test_package_does_not_import_downstream(package):
    for path in python_files(package):
        wrong = {name for name in imports(parsed(path))
                 if name.split(".")[0] == "saraban" and name.count(".") >= 1
                 and name.split(".")[1] in FORBIDDEN[package]}
        assert not wrong, f"{path.relative_to(ROOT)} imports {sorted(wrong)}"


def test_project_code_is_imported_through_saraban():
    """A bare `import ingest` would find a copy installed elsewhere (or nothing, in a wheel)."""
    for path in python_files(*SHIPPED, *DEV_ONLY):
        wrong = {name for name in imports(parsed(path)) if name.split(".")[0] in PROJECT_FOLDERS}
        assert not wrong, f"{path.relative_to(ROOT)} imports {sorted(wrong)}, not saraban.…"


def test_shipped_code_does_not_import_dev_only_folders():
    for path in python_files(*SHIPPED):
        wrong = {name for name in imports(parsed(path))
                 if name.split(".")[0] in DEV_ONLY or name.split(".")[:2] == ["saraban", "synth"]}
        assert not wrong, f"{path.relative_to(ROOT)} imports {sorted(wrong)}, which the wheel does not have"


def io_uses(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            modules = [alias.name for alias in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            found += [f"import {name}" for name in modules if name.split(".")[0] in IO_MODULES]
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in IO_BUILTINS:
                found.append(f"{func.id}() at line {node.lineno}")
            elif isinstance(func, ast.Attribute) and func.attr in IO_METHODS:
                found.append(f".{func.attr}() at line {node.lineno}")
    return found


@pytest.mark.parametrize("package", PURE)
def test_pure_package_touches_no_files_processes_or_databases(package):
    for path in python_files(package):
        found = io_uses(parsed(path))
        assert not found, f"{path.relative_to(ROOT)}: {found}"


def test_io_check_sees_io():
    code = ("import subprocess\nfrom os import path\ndef f(p):\n"
            "    open(p)\n    p.read_text()\n    p.write_bytes(b'')\n    sqlite3.connect(p)\n")
    assert len(io_uses(ast.parse(code))) == 5  # sqlite3.connect needs its import, caught there


def test_no_god_modules():
    for path in python_files(*SHIPPED, "synth"):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines <= MAX_LINES, f"{path.relative_to(ROOT)} has {lines} lines"
