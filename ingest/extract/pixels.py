"""Pixel helpers shared by the image path: grey conversion, contrast, binarization."""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image

def to_gray(image: Image.Image | np.ndarray) -> np.ndarray:
    if isinstance(image, np.ndarray):
        return image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)
    if image.mode in ("RGBA", "LA", "P"):
        # Transparent regions are paper, not black.
        background = Image.new("RGBA", image.size, (255, 255, 255, 255))
        image = Image.alpha_composite(background, image.convert("RGBA"))
    return np.asarray(image.convert("L"))


def normalize_contrast(gray: np.ndarray) -> np.ndarray:
    """Divide by the paper's brightness (uneven lighting, yellowed paper, CamScanner shading)
    so that paper is 255 everywhere and ink keeps its darkness."""
    size = max(15, (min(gray.shape) // 40) | 1)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (size, size))
    background = cv2.morphologyEx(gray, cv2.MORPH_CLOSE, kernel)
    return cv2.divide(gray, np.maximum(background, 1), scale=255)


def binarize(gray: np.ndarray) -> np.ndarray:
    """Otsu threshold on a normalized page; ink = 255."""
    _, binary = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return binary
