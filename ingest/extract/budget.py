"""The pixel budget of one page: what a page may cost before it is rasterized or decoded.

Reading a page holds several full-size copies of it (grey, normalized, binary, masks, and
Tesseract's own), about 15 bytes a pixel: an A0 page rendered at 300 dpi (139 megapixels) took
2.45 GB, a 200×200-inch page 16.9 GiB before it ended. A page may have at most
``MAX_PAGE_PIXELS`` (36 megapixels: an A4 page at 600 dpi, A2 at 300 dpi; about 1 GB for the
whole process). A PDF page larger than that at the usual dpi is rendered at the dpi that fits,
judged from its page box before any pixel is drawn (A0 at 152 dpi); when even
``MIN_RENDER_DPI`` does not fit, the file is refused. An image is judged by the size in its
header, before it is decoded, and refused when over budget (a scan can be made again at 300 dpi
or scaled down; saraban does not guess).
"""

from __future__ import annotations

import math

from saraban.reconcile.errors import InputErrorCode, InputFileError

MAX_PAGE_PIXELS = 36_000_000
MIN_RENDER_DPI = 100  # below this, Thai print is too small for Tesseract to read
POINTS_PER_INCH = 72


def fitted_dpi(width_points: float, height_points: float, dpi: int) -> int | None:
    """The dpi to render a page of this size at: ``dpi``, or less to stay within the budget;
    None when even :data:`MIN_RENDER_DPI` does not fit."""
    square_inches = max(width_points, 1.0) * max(height_points, 1.0) / POINTS_PER_INCH**2
    fits = math.floor(math.sqrt(MAX_PAGE_PIXELS / square_inches))
    chosen = min(dpi, fits)
    return chosen if chosen >= MIN_RENDER_DPI else None


def page_too_large(width_points: float, height_points: float, page: int) -> InputFileError:
    inches = f"{width_points / POINTS_PER_INCH:.0f}×{height_points / POINTS_PER_INCH:.0f} inches"
    return InputFileError(
        InputErrorCode.PAGE_TOO_LARGE,
        f"Page {page} is {inches}: too large to read even at {MIN_RENDER_DPI} dpi within the "
        f"{MAX_PAGE_PIXELS // 1_000_000}-megapixel page budget. Check that the PDF is what it "
        "should be (an A4 page is 8×12 inches).",
    )


def check_image_size(width: int, height: int, page: int) -> None:
    """Raise ``page_too_large`` for an image frame over the budget (from its header size)."""
    if width * height > MAX_PAGE_PIXELS:
        raise InputFileError(
            InputErrorCode.PAGE_TOO_LARGE,
            f"Image page {page} is {width}×{height} pixels ({width * height / 1e6:.0f} megapixels); "
            f"saraban reads pages up to {MAX_PAGE_PIXELS // 1_000_000} megapixels (an A4 page "
            "scanned at 300 dpi is 8.7). Scan it again at 300 dpi or scale it down.",
        )
