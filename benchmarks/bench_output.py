"""How every benchmark script prints its result: the command, the machine, a Markdown table."""

from __future__ import annotations

import os
import platform
from typing import Any


def print_result(command: str, machine_extra: str, result: dict[str, Any]) -> None:
    print(f"command: {command}")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
          + (f", {machine_extra}" if machine_extra else ""))
    print("\n| metric | value |\n|---|---|")
    for key, value in result.items():
        print(f"| {key} | {value:.4f} |" if isinstance(value, float) else f"| {key} | {value} |")
