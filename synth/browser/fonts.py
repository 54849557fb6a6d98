"""The Thai type families a browser-printed bundle may be set in, and where their files are.

Three sources: the national SIPA fonts (TH Sarabun New, TH Sarabun PSK, ...) shipped inside the
PyPI wheel odoo-addon-l10n-th-base-utils, Debian's fonts-noto-core (Noto Sans/Serif Thai) and
fonts-thai-tlwg (Laksaman, Garuda, ...). The catalogue is fixed data, never what happens to be
installed, so a seed picks the same family on every machine; a missing file is an error.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from saraban.ingest.ocr.digit_glyphs import FONT_DIR as TLWG_DIR
from saraban.ingest.ocr.digit_glyphs import NOTO_DIR, sipa_font_dir
from synth.fonts import MissingFontError

# ✓ ✔ ☑ ☐ are in none of the Thai faces; DejaVu Sans (fonts-dejavu-core) has them all.
SYMBOL_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
SIPA_WHEEL = "odoo-addon-l10n-th-base-utils==19.0.2.0.0"


@dataclass(frozen=True)
class FontFamily:
    """One body family: its files, the sizes it is printed at and how often it is chosen."""

    name: str  # as a person would say it: "TH Sarabun New"
    source: str  # "sipa" | "noto" | "tlwg"
    folder: str  # SIPA sub-folder; empty for the Debian folders
    regular: str
    bold: str
    size_pt: tuple[float, float]
    weight: float  # relative chance of being chosen for a report

    @property
    def is_tlwg(self) -> bool:
        """Whether the face is a TLWG one (kept in the truth; the benchmark splits on the
        source: the digit templates are drawn from the TLWG and Noto faces)."""
        return self.source == "tlwg"


# The TH faces are drawn small on their em (16 pt is their usual body size); Noto, Garuda and
# Loma have a large x-height and are printed around 10 pt; Norasi and Kinnari sit between.
_TH = (13.0, 16.0)
_LARGE_X = (8.5, 11.0)
_TIMES_LIKE = (10.0, 12.5)


def _sipa(name: str, folder: str, weight: float, stem: str | None = None) -> FontFamily:
    stem = stem or folder
    return FontFamily(name, "sipa", folder, f"{stem}-Regular.ttf", f"{stem}-Bold.ttf", _TH, weight)


# About 45 % TH Sarabun New / PSK: the look of government paperwork. Script and handwriting
# faces (TH Charmonman, TH Charm of AU, TH Mali Grade 6) and the swash display face TH Srisakdi
# are left out of body text: no office sets a report table in them.
FAMILIES: tuple[FontFamily, ...] = (
    _sipa("TH Sarabun New", "THSarabunNew", 0.30),
    _sipa("TH Sarabun PSK", "THSarabun", 0.15),
    _sipa("TH Niramit AS", "THNiramitAS", 0.025),
    _sipa("TH Krub", "THKrub", 0.025),
    _sipa("TH K2D July8", "THK2DJuly8", 0.025),
    _sipa("TH Chakra Petch", "THChakraPetch", 0.025),
    _sipa("TH KoHo", "THKoHo", 0.025),
    _sipa("TH Kodchasal", "THKodchasal", 0.025),
    _sipa("TH Baijam", "THBaijam", 0.025),
    _sipa("TH Fah Kwang", "THFahKwang", 0.025, stem="THFahkwang"),
    FontFamily("Noto Sans Thai", "noto", "", "NotoSansThai-Regular.ttf", "NotoSansThai-Bold.ttf", _LARGE_X, 0.06),
    FontFamily("Noto Serif Thai", "noto", "", "NotoSerifThai-Regular.ttf", "NotoSerifThai-Bold.ttf", _LARGE_X, 0.04),
    FontFamily("Laksaman", "tlwg", "", "Laksaman.ttf", "Laksaman-Bold.ttf", _TH, 0.06),
    FontFamily("Garuda", "tlwg", "", "Garuda.ttf", "Garuda-Bold.ttf", _LARGE_X, 0.05),
    FontFamily("Loma", "tlwg", "", "Loma.ttf", "Loma-Bold.ttf", _LARGE_X, 0.04),
    FontFamily("Norasi", "tlwg", "", "Norasi.ttf", "Norasi-Bold.ttf", _TIMES_LIKE, 0.03),
    FontFamily("Kinnari", "tlwg", "", "Kinnari.ttf", "Kinnari-Bold.ttf", _TIMES_LIKE, 0.03),
    FontFamily("Sawasdee", "tlwg", "", "Sawasdee.ttf", "Sawasdee-Bold.ttf", (10.0, 12.0), 0.015),
)
MEMO_FAMILIES = ("TH Sarabun New", "TH Sarabun PSK")  # what a clerk's memo template is set in


def family(name: str) -> FontFamily:
    for candidate in FAMILIES:
        if candidate.name == name:
            return candidate
    raise KeyError(f"unknown font family {name!r}; known: {', '.join(f.name for f in FAMILIES)}")


@dataclass(frozen=True)
class FontFiles:
    regular: Path
    bold: Path


def font_files(chosen: FontFamily) -> FontFiles:
    """The family's regular and bold files; raises MissingFontError saying what to install."""
    if chosen.source == "sipa":
        folder, install = sipa_font_dir() / chosen.folder, f"pip install --no-deps '{SIPA_WHEEL}' (make venv does it)"
    elif chosen.source == "noto":
        folder, install = NOTO_DIR, "apt-get install fonts-noto-core"
    else:
        folder, install = TLWG_DIR, "apt-get install fonts-thai-tlwg"
    files = FontFiles(folder / chosen.regular, folder / chosen.bold)
    for path in (files.regular, files.bold):
        if not path.is_file():
            raise MissingFontError(f"{chosen.name}: {path} not found; {install}")
    return files


def symbol_font() -> Path:
    if not SYMBOL_FONT.is_file():
        raise MissingFontError(f"{SYMBOL_FONT} not found (tick glyphs ✓ ☑ ☐); apt-get install fonts-dejavu-core")
    return SYMBOL_FONT
