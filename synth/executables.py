"""The programs the generators print with (Chromium, LibreOffice): found the same way."""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence


def find_executable(what: str, variable: str, names: Sequence[str], missing: type[Exception],
                    install: str) -> str:
    """``$variable`` when set (it must be an executable), else the first of ``names`` on PATH;
    ``missing`` (saying how to ``install`` it) when there is none."""
    configured = os.environ.get(variable)
    if configured:
        if shutil.which(configured) is None:
            raise missing(f"{variable}={configured!r} is not an executable")
        return configured
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    raise missing(f"no {what} found (looked for {', '.join(names)}); install it with {install}, "
                  f"or set {variable}")
