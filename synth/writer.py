"""Byte-for-byte reproducible output: an image-only PDF and the truth JSON.

The PDF is written by hand (a dozen objects per page) rather than through Pillow's PDF plugin so
that nothing time-dependent goes in (no /Info dates, no /ID) and every page keeps its own JPEG
quality. Pages hold one image each and no text operators: there is no text layer.
"""

from __future__ import annotations

import io
import json
import os
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image


@dataclass(frozen=True)
class PageImage:
    image: Image.Image  # RGB
    dpi: int
    jpeg_quality: int | None  # None: Flate (lossless)


def _encode(page: PageImage) -> tuple[bytes, str]:
    if page.jpeg_quality is None:
        return zlib.compress(page.image.tobytes(), 6), "/FlateDecode"
    buffer = io.BytesIO()
    page.image.save(buffer, "JPEG", quality=page.jpeg_quality, optimize=False, dpi=(page.dpi, page.dpi))
    return buffer.getvalue(), "/DCTDecode"


def pdf_bytes(pages: Sequence[PageImage]) -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets: list[int] = []

    def add(body: bytes) -> None:
        offsets.append(len(out))
        out.extend(f"{len(offsets)} 0 obj\n".encode() + body + b"\nendobj\n")

    # Objects: 1 catalog, 2 page tree, then per page: page, content stream, image.
    kids = " ".join(f"{3 + 3 * i} 0 R" for i in range(len(pages)))
    add(b"<< /Type /Catalog /Pages 2 0 R >>")
    add(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    for i, page in enumerate(pages):
        page_id = 3 + 3 * i
        width_px, height_px = page.image.size
        width_pt, height_pt = width_px * 72 / page.dpi, height_px * 72 / page.dpi
        add(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width_pt:.2f} {height_pt:.2f}] "
            f"/Resources << /XObject << /Im0 {page_id + 2} 0 R >> >> /Contents {page_id + 1} 0 R >>".encode())
        content = f"q {width_pt:.2f} 0 0 {height_pt:.2f} 0 0 cm /Im0 Do Q".encode()
        add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        data, codec = _encode(page)
        add(f"<< /Type /XObject /Subtype /Image /Width {width_px} /Height {height_px} /ColorSpace /DeviceRGB "
            f"/BitsPerComponent 8 /Filter {codec} /Length {len(data)} >>\nstream\n".encode() + data + b"\nendstream")
    xref = len(out)
    out.extend(f"xref\n0 {len(offsets) + 1}\n0000000000 65535 f \n".encode())
    out.extend(b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets))
    out.extend(f"trailer\n<< /Size {len(offsets) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return bytes(out)


def write_atomic(path: Path, data: bytes) -> None:
    """Write beside the target and rename, so an interrupted run never leaves half a file."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


_INT_LIST = re.compile(r"\[\s*(-?\d+(?:,\s*-?\d+)*)\s*\]")


def json_bytes(truth: dict[str, Any]) -> bytes:
    """Indented JSON with integer lists (boxes) kept on one line, so a diff stays readable."""
    text = json.dumps(truth, ensure_ascii=False, indent=2)
    text = _INT_LIST.sub(lambda m: "[" + ", ".join(v.strip() for v in m.group(1).split(",")) + "]", text)
    return (text + "\n").encode("utf-8")
