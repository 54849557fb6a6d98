"""Print an HTML file to PDF with headless Chromium (one subprocess per print)."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from synth.browser.errors import ChromiumMissingError, ChromiumPrintError
from synth.executables import find_executable

EXECUTABLES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT_S = 120.0
# Chromium logs D-Bus and GPU complaints on stderr on every headless run; keep them out of errors.
_NOISE = ("dbus", "Fontconfig", "bus.cc", "object_proxy", "[: ")


def find_chromium() -> str:
    """The browser to print with: $SARABAN_CHROMIUM, else the first of EXECUTABLES on PATH."""
    return find_executable("Chromium", "SARABAN_CHROMIUM", EXECUTABLES, ChromiumMissingError,
                           "apt-get install chromium")


def print_to_pdf(html: Path, pdf: Path, *, header_footer: bool, timeout_s: float = TIMEOUT_S,
                 executable: str | None = None) -> None:
    """Print ``html`` to ``pdf`` as the browser's print dialog would (page size and margins from
    the page's @page rule). ``header_footer`` keeps the browser's own date, title, URL and page
    numbers in the margins. A fresh profile each time, so no state carries between prints."""
    browser = executable or find_chromium()
    pdf.unlink(missing_ok=True)  # a file left by an earlier print must not pass for this one
    with tempfile.TemporaryDirectory(prefix="saraban-chromium-") as profile:
        command = [
            browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={profile}", f"--print-to-pdf={pdf}",
        ]
        if not header_footer:
            command.append("--no-pdf-header-footer")
        command.append(Path(html).resolve().as_uri())
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout_s)
        except subprocess.TimeoutExpired as exc:
            raise ChromiumPrintError(f"{browser} did not print {html} within {timeout_s:.0f} s") from exc
    if done.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
        detail = [line for line in done.stderr.splitlines() if not any(n in line for n in _NOISE)]
        raise ChromiumPrintError(f"{browser} failed to print {html} (exit {done.returncode}): "
                                 + ("; ".join(detail[-5:]) or "no message"))
