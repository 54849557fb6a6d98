"""How one word-processor memo looks: every choice a clerk's template makes, drawn from a seeded
random.Random, and the SIPA typefaces it may be set in.

The faces are fixed data (the files of the PyPI wheel odoo-addon-l10n-th-base-utils, see
saraban.ingest.ocr.digit_glyphs.sipa_font_dir), never what a machine happens to have, so a seed gives the
same memo everywhere. ``family`` is the name fontconfig reads from the file, which is the name
the document asks LibreOffice for; ``postscript`` is the name the PDF embeds, which the generator
checks so that a fallback face cannot pass for the chosen one.
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from saraban.ingest.ocr.digit_glyphs import sipa_font_dir
from synth.fonts import MissingFontError

SIPA_WHEEL = "odoo-addon-l10n-th-base-utils==19.0.2.0.0"
SCAN_DPIS = (200, 240, 300)
# How ที่ and วันที่ stand: on one line after a tab stop (most templates), on one line as the two
# cells of a borderless table, or each on its own line (a retyped template).
NUMBER_DATE_LAYOUTS = {"tab": 0.55, "table": 0.25, "lines": 0.20}


@dataclass(frozen=True)
class OfficeFace:
    family: str  # as fontconfig names it, and the document asks for it
    folder: str  # under sipa_font_dir()
    stem: str
    postscript: str  # regular face as embedded in a PDF (bold adds "-Bold")
    weight: float


# Mostly TH Sarabun New / TH SarabunPSK, the faces the government prescribes (the cabinet's 2010
# resolution names the 13 SIPA fonts; TH SarabunPSK is the one its templates use).
FACES: tuple[OfficeFace, ...] = (
    OfficeFace("TH Sarabun New", "THSarabunNew", "THSarabunNew", "THSarabunNew", 0.40),
    OfficeFace("TH SarabunPSK", "THSarabun", "THSarabun", "THSarabunPSK", 0.30),
    OfficeFace("TH Niramit AS", "THNiramitAS", "THNiramitAS", "THNiramitAS", 0.10),
    OfficeFace("TH Chakra Petch", "THChakraPetch", "THChakraPetch", "THChakraPetch", 0.05),
    OfficeFace("TH Krub", "THKrub", "THKrub", "THKrub", 0.05),
    OfficeFace("TH K2D July8", "THK2DJuly8", "THK2DJuly8", "THK2DJuly8", 0.05),
    OfficeFace("TH Baijam", "THBaijam", "THBaijam", "THBaijam", 0.05),
)


def face(family: str) -> OfficeFace:
    for candidate in FACES:
        if candidate.family == family:
            return candidate
    raise KeyError(f"unknown office face {family!r}; known: {', '.join(f.family for f in FACES)}")


def face_files(chosen: OfficeFace) -> tuple[Path, Path]:
    """The face's regular and bold files; MissingFontError says what to install."""
    folder = sipa_font_dir() / chosen.folder
    files = (folder / f"{chosen.stem}-Regular.ttf", folder / f"{chosen.stem}-Bold.ttf")
    for path in files:
        if not path.is_file():
            raise MissingFontError(f"{chosen.family}: {path} not found; pip install --no-deps '{SIPA_WHEEL}'")
    return files


@dataclass(frozen=True)
class OfficeStyle:
    font_family: str
    font_size_pt: float  # the body size actually used (the generator shrinks a memo that spills)
    label_extra_pt: float  # bold labels (ส่วนราชการ, ที่, วันที่, เรื่อง) are set this much larger
    title_size_pt: float  # บันทึกข้อความ
    margins_cm: tuple[float, float, float, float]  # top, right, bottom, left
    thai_digits: bool
    number_date: str  # one of NUMBER_DATE_LAYOUTS
    date_tab_cm: float  # where วันที่ starts, from the left margin (tab and table layouts)
    dotted: bool  # dotted tab leaders after the header values, as the official template has
    subject_wraps: bool  # a subject that would fit one line is typed long enough to wrap
    justified: bool  # body paragraphs justified (else left-aligned)
    scan_dpi: int

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["margins_cm"] = list(self.margins_cm)
        return data


def choose_style(rng: random.Random, scan_dpi: int | None = None) -> OfficeStyle:
    """Pure: the same rng state gives the same style. ``scan_dpi`` None draws it."""
    chosen = rng.choices(FACES, weights=[f.weight for f in FACES])[0]
    size = rng.choice((14.0, 15.0, 16.0, 16.0))
    top, right = round(rng.uniform(1.0, 2.0), 2), round(rng.uniform(1.5, 2.2), 2)
    bottom, left = round(rng.uniform(1.5, 2.5), 2), round(rng.uniform(2.5, 3.2), 2)
    layouts = list(NUMBER_DATE_LAYOUTS)
    return OfficeStyle(
        font_family=chosen.family,
        font_size_pt=size,
        label_extra_pt=rng.choice((0.0, 2.0, 4.0)),
        title_size_pt=rng.choice((26.0, 28.0, 29.0)),
        margins_cm=(top, right, bottom, left),
        thai_digits=rng.random() < 0.6,
        number_date=rng.choices(layouts, weights=[NUMBER_DATE_LAYOUTS[k] for k in layouts])[0],
        date_tab_cm=round(rng.uniform(7.0, 9.0), 1),
        dotted=rng.random() < 0.4,
        subject_wraps=rng.random() < 0.4,
        justified=rng.random() < 0.6,
        scan_dpi=scan_dpi or rng.choice(SCAN_DPIS),
    )
