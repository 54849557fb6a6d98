"""Export a document to PDF with headless LibreOffice (one subprocess per export), with the SIPA
fonts made visible to it, and check which fonts the PDF embeds.

Each export runs with its own LibreOffice profile (``-env:UserInstallation``): two soffice
processes sharing a profile collide (the second hands its job to the first, or fails). Fonts
come through a private fontconfig file (``FONTCONFIG_FILE``) that adds the font folders to the
system's configuration; nothing is installed into the user's font folders.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Sequence
from html import escape
from pathlib import Path

import pdfplumber

from synth.executables import find_executable

EXECUTABLES = ("soffice", "libreoffice")
TIMEOUT_S = 180.0
SYSTEM_FONTS_CONF = "/etc/fonts/fonts.conf"


class OfficeGenerationError(RuntimeError):
    """Base of the errors below, so a caller can catch them in one clause."""


class SofficeMissingError(OfficeGenerationError):
    """No LibreOffice to export with."""


class SofficeExportError(OfficeGenerationError):
    """LibreOffice ran but gave no PDF, or not in time."""


class FontFallbackError(OfficeGenerationError):
    """The PDF embeds a face other than the one the document asked for."""


def find_soffice() -> str:
    """LibreOffice: $SARABAN_SOFFICE, else the first of EXECUTABLES on PATH."""
    return find_executable("LibreOffice", "SARABAN_SOFFICE", EXECUTABLES, SofficeMissingError,
                           "apt-get install libreoffice-writer-nogui (scripts/install-system-deps.sh)")


def fonts_conf(font_dirs: Sequence[Path], cache_dir: Path) -> str:
    """A fontconfig file: the system's configuration plus ``font_dirs``, cached in ``cache_dir``."""
    dirs = "".join(f"  <dir>{escape(str(Path(d).resolve()))}</dir>\n" for d in font_dirs)
    return ('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
            f'  <include ignore_missing="yes">{SYSTEM_FONTS_CONF}</include>\n{dirs}'
            f"  <cachedir>{escape(str(cache_dir))}</cachedir>\n</fontconfig>\n")


def export_pdf(document: Path, out_dir: Path, font_dirs: Sequence[Path], *, executable: str | None = None,
               timeout_s: float = TIMEOUT_S) -> Path:
    """``out_dir/<document stem>.pdf``, exported by LibreOffice from ``document``."""
    office = executable or find_soffice()
    pdf = Path(out_dir) / f"{Path(document).stem}.pdf"
    pdf.unlink(missing_ok=True)  # a file left by an earlier export must not pass for this one
    with tempfile.TemporaryDirectory(prefix="saraban-soffice-") as private:
        home = Path(private)
        conf = home / "fonts.conf"
        conf.write_text(fonts_conf(font_dirs, home / "fontcache"), encoding="utf-8")
        env = {**os.environ, "FONTCONFIG_FILE": str(conf), "HOME": str(home)}
        command = [office, f"-env:UserInstallation={(home / 'profile').as_uri()}", "--headless", "--norestore",
                   "--nologo", "--nodefault", "--convert-to", "pdf", "--outdir", str(out_dir), str(document)]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout_s, env=env)
        except subprocess.TimeoutExpired as exc:
            raise SofficeExportError(f"{office} did not export {document} within {timeout_s:.0f} s") from exc
    if done.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
        detail = (done.stderr.strip().splitlines() or done.stdout.strip().splitlines() or ["no message"])[-3:]
        raise SofficeExportError(f"{office} failed to export {document} (exit {done.returncode}): " + "; ".join(detail))
    return pdf


def embedded_fonts(pdf: Path) -> set[str]:
    """The fonts the PDF's text is drawn in, subset prefixes (``ABCDEF+``) removed."""
    names = set()
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            for char in page.chars:
                name = char.get("fontname", "")
                names.add(name.split("+", 1)[1] if len(name) > 7 and name[6] == "+" else name)
    return names


def check_fonts(pdf: Path, allowed: set[str]) -> set[str]:
    """The PDF's fonts; FontFallbackError when any is outside ``allowed`` or none is used."""
    used = embedded_fonts(pdf)
    if not used or not used <= allowed:
        raise FontFallbackError(f"{pdf.name} is set in {sorted(used)}, expected only {sorted(allowed)}: "
                                "LibreOffice fell back to another face (is the font folder visible to fontconfig?)")
    return used
