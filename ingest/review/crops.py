"""The review page's images: each item's place cut from its page as the reader saw it.

A row's box (records.bbox) is in the page's frame (documents.pages): the page rendered at
``dpi`` (PDFium, as the extract stage renders it), turned ``rotation`` degrees clockwise to
stand upright, then turned back by ``skew_degrees`` about its centre, the canvas kept at
``width`` × ``height``. The same turns are made here, with the extract stage's own functions,
so the box falls where the reader found the row. A PDF's text layer (dpi 72, points) is
rendered at a readable resolution and its boxes scaled to it. Pages are rendered once per file
and page; images that cannot be read leave their items without a picture, never stop the page.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator, Mapping, Sequence
from contextlib import suppress
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageDraw, ImageSequence

from saraban.ingest.extract.orientation import rotate_quarter, rotate_small
from saraban.ingest.review.gather import Item, Place

TEXT_LAYER_DPI = 150  # a text-layer page (points) is rendered at this to be read on screen
MARGIN_INCH = 0.25  # context around a row's box
CROP_WIDTH = 900  # pixels: a row spans the page, so crops are scaled down to this
PAGE_WIDTH = 700  # a value of the document as a whole: the page, scaled down to this
OUTLINE = (220, 30, 30)
_POINTS_PER_INCH = 72


def write_crops(items: Sequence[Item], folder: Path) -> dict[str, str]:
    """Write each item's picture into ``folder``; item key → its path relative to the folder's
    parent (the page's own folder). Pages are rendered once, in file and page order."""
    folder.mkdir(parents=True, exist_ok=True)
    written: dict[str, str] = {}
    pages_done: dict[tuple[str, int], str] = {}
    by_page: dict[tuple[str, int], list[Item]] = {}
    for item in items:
        if item.place is not None:
            by_page.setdefault((item.place.source_file, item.place.page), []).append(item)
    for source_file in dict.fromkeys(key[0] for key in by_page):
        frames = {page: by_page[(file, page)][0].place.frame  # type: ignore[union-attr]
                  for file, page in sorted(by_page) if file == source_file}
        for page, image in page_images(Path(source_file), frames):
            for item in by_page[(source_file, page)]:
                place = item.place
                assert place is not None
                if place.bbox is None:  # the document's own value: the page, once
                    if (source_file, page) not in pages_done:
                        name = f"page-{item.key}.webp"
                        _scaled(image, PAGE_WIDTH).save(folder / name, quality=70)
                        pages_done[(source_file, page)] = name
                    written[item.key] = f"{folder.name}/{pages_done[(source_file, page)]}"
                    continue
                name = f"{item.key}.webp"
                crop_of(image, place).save(folder / name, quality=80)
                written[item.key] = f"{folder.name}/{name}"
    return written


def crop_of(image: Image.Image, place: Place) -> Image.Image:
    """The box's neighbourhood, the box outlined, scaled to CROP_WIDTH at most."""
    assert place.bbox is not None
    scale = image.width / float(place.frame["width"])
    margin = MARGIN_INCH * float(place.frame["dpi"]) * scale
    x0, top, x1, bottom = (v * scale for v in place.bbox)
    box = (max(0, int(x0 - margin)), max(0, int(top - margin)),
           min(image.width, int(x1 + margin)), min(image.height, int(bottom + margin)))
    crop = image.crop(box).convert("RGB")
    ImageDraw.Draw(crop).rectangle((x0 - box[0], top - box[1], x1 - box[0], bottom - box[1]),
                                   outline=OUTLINE, width=max(2, int(3 * scale)))
    return _scaled(crop, CROP_WIDTH)


def _scaled(image: Image.Image, width: int) -> Image.Image:
    if image.width <= width:
        return image
    return image.resize((width, max(1, round(image.height * width / image.width))), Image.LANCZOS)


def page_images(path: Path, frames: Mapping[int, Mapping[str, Any]]) -> Iterator[tuple[int, Image.Image]]:
    """Each page of ``frames`` (page → its documents.pages frame) as that frame: turned as the
    reader turned it. Nothing for a file moved or unreadable since it was read."""
    try:
        if path.suffix.lower() == ".pdf":
            yield from _pdf_frames(path, frames)
        else:
            yield from _image_frames(path, frames)
    except (OSError, ValueError, Image.DecompressionBombError):
        return


def _pdf_frames(path: Path, frames: Mapping[int, Mapping[str, Any]]) -> Iterator[tuple[int, Image.Image]]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        for number, frame in sorted(frames.items()):
            if not 1 <= number <= len(document):
                continue
            dpi = float(frame["dpi"]) if frame.get("source") == "ocr" else TEXT_LAYER_DPI
            page = document[number - 1]
            try:
                image = page.render(scale=dpi / _POINTS_PER_INCH, grayscale=True).to_pil()
            finally:
                page.close()
            yield number, _as_frame(image, frame)
    finally:
        document.close()


def _image_frames(path: Path, frames: Mapping[int, Mapping[str, Any]]) -> Iterator[tuple[int, Image.Image]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        with Image.open(path) as opened:
            for number, image in enumerate(ImageSequence.Iterator(opened), start=1):
                if number in frames:
                    yield number, _as_frame(image.convert("L"), frames[number])


def _as_frame(image: Image.Image, frame: Mapping[str, Any]) -> Image.Image:
    """``image`` (the page as stored) turned as the reader turned it, at the frame's size (or
    a multiple of it, for a text layer rendered finer than its points)."""
    if frame.get("source") != "ocr":
        return image
    gray = np.asarray(image.convert("L"))
    gray = rotate_quarter(gray, int(frame.get("rotation") or 0))
    with suppress(TypeError, ValueError):
        gray = rotate_small(gray, float(frame.get("skew_degrees") or 0.0))
    turned = Image.fromarray(gray)
    size = (round(float(frame["width"])), round(float(frame["height"])))
    return turned if turned.size == size else turned.resize(size, Image.LANCZOS)
