"""Settings of the synthetic scan generator: one frozen dataclass and the injection catalogue."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class InjectionCode(StrEnum):
    """Inconsistencies a test can ask for; the names match the reconcile flag codes."""

    SUMMARY_TOTAL_MISMATCH = "SUMMARY_TOTAL_MISMATCH"
    SUMMARY_COUNT_MISMATCH = "SUMMARY_COUNT_MISMATCH"
    DISBURSED_TOTAL_MISMATCH = "DISBURSED_TOTAL_MISMATCH"
    PERCENT_MISMATCH = "PERCENT_MISMATCH"
    SEQ_GAP = "SEQ_GAP"
    SEQ_DUPLICATE = "SEQ_DUPLICATE"
    DISBURSED_EXCEEDS_BUDGET = "DISBURSED_EXCEEDS_BUDGET"
    STATUS_MISSING = "STATUS_MISSING"
    STATUS_MULTIPLE = "STATUS_MULTIPLE"
    DIMENSION_INVALID = "DIMENSION_INVALID"
    DATE_INVALID = "DATE_INVALID"


@dataclass(frozen=True)
class SynthConfig:
    """What to generate and how badly to damage it.

    ``dpi=None`` draws 200, 240 or 300 dpi from the seed. ``clean=True`` turns off every kind of
    damage (paper tint, skew, blur, noise, JPEG) and stores pages losslessly, for unit tests.
    """

    dpi: int | None = None
    clean: bool = False
    max_rotation_deg: float = 2.0
    allow_page_rotation_90: bool = False
    row_count: tuple[int, int] = (15, 70)
    jpeg_quality: tuple[int, int] = (50, 85)
    inject: frozenset[InjectionCode] = field(default_factory=frozenset)
    inject_random_rate: float = 0.0
    name_prefix: str = "synth"

    def __post_init__(self) -> None:
        # Accept any iterable of strings for ``inject`` so callers can write inject={"SEQ_GAP"};
        # normalising our own field once, here, keeps the instance hashable and comparable.
        try:
            codes = frozenset(InjectionCode(str(c)) for c in self.inject)
        except ValueError as exc:
            raise ValueError(f"unknown injection code in {sorted(map(str, self.inject))}") from exc
        object.__setattr__(self, "inject", codes)
        object.__setattr__(self, "row_count", tuple(self.row_count))
        object.__setattr__(self, "jpeg_quality", tuple(self.jpeg_quality))
        if self.dpi is not None and not 50 <= self.dpi <= 600:
            raise ValueError(f"dpi must be within 50..600, got {self.dpi}")
        low, high = self.row_count
        if not 1 <= low <= high:
            raise ValueError(f"row_count must be (low, high) with 1 <= low <= high, got {self.row_count}")
        q_low, q_high = self.jpeg_quality
        if not 10 <= q_low <= q_high <= 100:
            raise ValueError(f"jpeg_quality must be within 10..100, got {self.jpeg_quality}")
        if not 0.0 <= self.inject_random_rate <= 1.0:
            raise ValueError(f"inject_random_rate must be within 0..1, got {self.inject_random_rate}")
        if not 0.0 <= self.max_rotation_deg <= 45.0:
            raise ValueError(f"max_rotation_deg must be within 0..45, got {self.max_rotation_deg}")
        if not self.name_prefix or "/" in self.name_prefix:
            raise ValueError(f"name_prefix must be a plain file-name part, got {self.name_prefix!r}")

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (sets sorted, tuples as lists) for truth.json."""
        data = asdict(self)
        data["inject"] = sorted(str(c) for c in self.inject)
        data["row_count"] = list(self.row_count)
        data["jpeg_quality"] = list(self.jpeg_quality)
        return data


CLEAN = SynthConfig(clean=True)
