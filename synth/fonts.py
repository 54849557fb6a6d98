"""Thai fonts from fonts-thai-tlwg, found through fontconfig and loaded with Raqm shaping.

Raqm (HarfBuzz) is what places Thai vowels and tone marks correctly above and below the base
consonant; Pillow's basic layout would stack them wrongly.
"""

from __future__ import annotations

import glob
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from PIL import ImageFont

BODY_FAMILIES = ("Laksaman", "Garuda", "Loma", "Norasi", "Kinnari")
HAND_FAMILY = "Purisa"  # a handwriting-like Thai face, for stamp digits and pen notes
# Loma and Garuda have a larger x-height than Laksaman (the TH Sarabun look): print them smaller.
SIZE_SCALE = {"Laksaman": 1.0, "Norasi": 0.92, "Kinnari": 0.92, "Garuda": 0.76, "Loma": 0.8, "Purisa": 0.9}


class MissingFontError(RuntimeError):
    pass


@dataclass(frozen=True)
class Face:
    """One font at one pixel size, with the line metrics Thai text needs."""

    font: ImageFont.FreeTypeFont
    px: int

    @property
    def line_height(self) -> int:
        # Stacked marks reach ~1.2 em above the baseline and descenders ~0.33 em below.
        return round(self.px * 1.42)

    @property
    def ascent(self) -> int:
        return round(self.px * 1.1)

    def width(self, text: str) -> float:
        return self.font.getlength(text)


@dataclass
class FontBook:
    files: dict[str, dict[str, str]]  # family -> {"regular": path, "bold": path}
    symbol_file: str | None  # a font with ✓ and ☑ (DejaVu Sans), or None to draw them as strokes
    _cache: dict[tuple[str, int, bool], Face] = field(default_factory=dict)

    @classmethod
    def discover(cls) -> FontBook:
        files: dict[str, dict[str, str]] = {}
        for path in _thai_font_files():
            stem = Path(path).stem
            for family in (*BODY_FAMILIES, HAND_FAMILY):
                if stem == family:
                    files.setdefault(family, {})["regular"] = path
                elif stem == f"{family}-Bold":
                    files.setdefault(family, {})["bold"] = path
        if "regular" not in files.get("Laksaman", {}):
            raise MissingFontError("Laksaman not found: install fonts-thai-tlwg (apt-get install fonts-thai-tlwg)")
        return cls(files=files, symbol_file=_symbol_font())

    def families(self) -> list[str]:
        return [f for f in BODY_FAMILIES if "regular" in self.files.get(f, {})]

    def face(self, family: str, size_pt: float, dpi: int, bold: bool = False) -> Face:
        if "regular" not in self.files.get(family, {}):
            family = "Laksaman"
        px = max(6, round(size_pt * SIZE_SCALE.get(family, 1.0) * dpi / 72))
        key = (family, px, bold)
        if key not in self._cache:
            variants = self.files[family]
            path = variants.get("bold", variants["regular"]) if bold else variants["regular"]
            font = ImageFont.truetype(path, px, layout_engine=ImageFont.Layout.RAQM)
            self._cache[key] = Face(font, px)
        return self._cache[key]

    def symbol(self, px: int) -> ImageFont.FreeTypeFont | None:
        if self.symbol_file is None:
            return None
        return ImageFont.truetype(self.symbol_file, px, layout_engine=ImageFont.Layout.RAQM)


def _fc_list(*args: str) -> list[str]:
    try:
        out = subprocess.run(["fc-list", *args, "file"], capture_output=True, text=True, check=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return []
    return sorted(line.split(":")[0].strip() for line in out.stdout.splitlines() if line.strip())


def _thai_font_files() -> list[str]:
    return _fc_list(":lang=th") or sorted(glob.glob("/usr/share/fonts/truetype/tlwg/*.ttf"))


def _symbol_font() -> str | None:
    candidates = [p for p in _fc_list(":charset=2713 2611") if Path(p).name == "DejaVuSans.ttf"]
    return candidates[0] if candidates else None
