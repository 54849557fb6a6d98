"""Scanner damage, seeded: paper tint, uneven light, skew (and sometimes a sideways page), blur,
sensor noise, dust; the JPEG quality chosen here is applied by the writer when it encodes.

The affine ``matrix`` maps undamaged pixel coordinates to damaged ones, so truth boxes can follow.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

from synth.config import SynthConfig


@dataclass(frozen=True)
class Damage:
    rotation_deg: float  # how far the content turned, counter-clockwise (a deskewer undoes -this)
    matrix: np.ndarray  # 3x3, undamaged pixel -> damaged pixel
    jpeg_quality: int | None  # None: store losslessly


IDENTITY = np.eye(3)


def damage_page(image: Image.Image, seed: int, page_no: int, dpi: int, config: SynthConfig) -> tuple[Image.Image, Damage]:
    if config.clean:
        return image, Damage(0.0, IDENTITY, None)
    rng = np.random.default_rng([seed, page_no, 0x5CA7])
    light = np.asarray(image, dtype=np.float32) / 255.0
    paper = _paper_colour(rng)
    light *= paper  # multiply: white becomes paper, toner stays dark
    light *= _illumination(rng, light.shape[1], light.shape[0])[..., None]
    pixels = np.clip(light * 255.0, 0, 255).astype(np.uint8)

    angle = float(rng.uniform(-config.max_rotation_deg, config.max_rotation_deg))
    edge = tuple(float(c) * 255 for c in paper)
    pixels, matrix = _rotate_small(pixels, angle, edge)
    if config.allow_page_rotation_90 and rng.random() < 0.15:
        turns = int(rng.choice((1, 3)))  # fed in sideways, one way or the other
        pixels, turn = _rotate_quarter(pixels, turns)
        matrix = turn @ matrix
        angle += 90.0 * turns
        angle = angle - 360.0 if angle > 180.0 else angle

    sigma = float(rng.uniform(0.3, 0.9)) * dpi / 300
    pixels = cv2.GaussianBlur(pixels, (0, 0), sigmaX=sigma)
    noisy = pixels.astype(np.float32) + rng.standard_normal(pixels.shape, dtype=np.float32) * float(rng.uniform(2.0, 7.0))
    pixels = np.clip(noisy, 0, 255).astype(np.uint8)
    _dust(pixels, rng, dpi)
    quality = int(rng.integers(config.jpeg_quality[0], config.jpeg_quality[1] + 1))
    return Image.fromarray(pixels, "RGB"), Damage(round(angle, 3), matrix, quality)


def _paper_colour(rng: np.random.Generator) -> np.ndarray:
    if rng.random() < 0.5:  # recycled grey
        return np.full(3, rng.uniform(0.90, 0.97), dtype=np.float32)
    return np.array([rng.uniform(0.95, 0.99), rng.uniform(0.93, 0.97), rng.uniform(0.82, 0.91)], dtype=np.float32)


def _illumination(rng: np.random.Generator, width: int, height: int) -> np.ndarray:
    """A smooth light field: a coarse random grid blown up, darker toward one side."""
    coarse = rng.uniform(0.9, 1.0, size=(4, 3)).astype(np.float32)
    field: np.ndarray = cv2.resize(coarse, (width, height), interpolation=cv2.INTER_CUBIC)
    ramp = np.linspace(1.0, float(rng.uniform(0.9, 1.0)), width, dtype=np.float32)
    light: np.ndarray = np.clip(field * ramp[None, :], 0.8, 1.0)
    return light


def _rotate_small(pixels: np.ndarray, angle: float, edge: tuple[float, ...]) -> tuple[np.ndarray, np.ndarray]:
    height, width = pixels.shape[:2]
    affine = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    rotated = cv2.warpAffine(pixels, affine, (width, height), flags=cv2.INTER_LINEAR,
                             borderMode=cv2.BORDER_CONSTANT, borderValue=edge)
    return rotated, np.vstack([affine, [0.0, 0.0, 1.0]])


def _rotate_quarter(pixels: np.ndarray, turns: int) -> tuple[np.ndarray, np.ndarray]:
    """np.rot90 (counter-clockwise) and the matching coordinate map."""
    height, width = pixels.shape[:2]
    if turns == 1:  # (x, y) -> (y, W - x)
        matrix = np.array([[0.0, 1.0, 0.0], [-1.0, 0.0, width], [0.0, 0.0, 1.0]])
    else:  # three turns: (x, y) -> (H - y, x)
        matrix = np.array([[0.0, -1.0, height], [1.0, 0.0, 0.0], [0.0, 0.0, 1.0]])
    return np.ascontiguousarray(np.rot90(pixels, turns)), matrix


def _dust(pixels: np.ndarray, rng: np.random.Generator, dpi: int) -> None:
    height, width = pixels.shape[:2]
    for _ in range(int(rng.integers(10, 60))):
        x, y = int(rng.integers(0, width)), int(rng.integers(0, height))
        radius = max(1, int(rng.integers(1, 3) * dpi / 300))
        shade = int(rng.integers(40, 160))
        cv2.circle(pixels, (x, y), radius, (shade, shade, shade), -1)


def transform_box(box: tuple[int, int, int, int], matrix: np.ndarray, size: tuple[int, int]) -> list[int]:
    """The axis-aligned envelope of a box after the page's damage, clipped to the page."""
    x0, top, x1, bottom = box
    corners = np.array([[x0, top, 1], [x1, top, 1], [x0, bottom, 1], [x1, bottom, 1]], dtype=np.float64)
    moved = corners @ matrix.T
    width, height = size
    xs, ys = np.clip(moved[:, 0], 0, width), np.clip(moved[:, 1], 0, height)
    return [int(np.floor(xs.min())), int(np.floor(ys.min())), int(np.ceil(xs.max())), int(np.ceil(ys.max()))]
