"""truth.json for a word-processor memo: synth/truth.py's schema, built by its own
build_truth (so the two cannot drift apart), for a one-page document that is only the memo.

The report's rows are empty (no report page was made; its other fields are what the content
generator drew, kept for the schema), the injections are those on the memo, and ``source``,
``style`` and ``box_units`` are added as the browser bundles' truth has them.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PIL import Image

from synth.config import SynthConfig
from synth.content import Bundle
from synth.damage import IDENTITY, Damage
from synth.inject import Injection
from synth.office.style import OfficeStyle
from synth.pages import RenderedPage
from synth.truth import build_truth


def memo_truth(bundle: Bundle, injected: tuple[Injection, ...], config: SynthConfig, name: str, source: str,
               style: OfficeStyle, page: Image.Image | None, damage: Damage | None, size: tuple[float, float],
               dpi: int) -> dict[str, Any]:
    """``page`` and ``damage`` are None for the born-digital PDF (``size`` in points, ``dpi`` 72)."""
    memo_only = replace(bundle, report=replace(bundle.report, rows=()))
    on_memo = tuple(i for i in injected if i.seq is None and i.field.startswith("memo."))
    rendered = RenderedPage(page if page is not None else Image.new("1", (1, 1)), "memo", "portrait")
    damage = damage or Damage(0.0, IDENTITY, None)
    truth = build_truth(memo_only, on_memo, config, name, [rendered], [damage], [(round(size[0]), round(size[1]))], dpi)
    head = {key: truth.pop(key) for key in ("seed", "name")}
    units = "pt" if source.endswith("digital") else "px"
    return {**head, "source": source, "box_units": units, "style": style.to_json(), **truth}
