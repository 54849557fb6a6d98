"""Synthetic e-PlanNACC bundles laid out as HTML and printed by headless Chromium: a second,
independent source of test documents beside the PIL drawings of ``synth``.

    from synth.browser import generate_browser_bundle
    paths = generate_browser_bundle(3000, Path("out"), SynthConfig(inject_random_rate=0.25))
    paths.digital  # out/synth-003000-digital.pdf: the print as is, with its text layer
    paths.scan     # out/synth-003000-scan.pdf: rasterized, pen ticks and a stamp, scanner damage

Each PDF has a ``.truth.json`` beside it in synth/truth.py's schema, plus ``source`` and
``style``. Modules: style (the seeded look), html (bundle -> HTML), ticks (status marks),
chromium (printing), locate (where rows landed), scan (raster, pen, stamp), truth, bundle.
"""

from synth.browser.bundle import BrowserBundlePaths, generate_browser_bundle
from synth.browser.errors import (BrowserGenerationError, ChromiumMissingError, ChromiumPrintError,
                                          LayoutError)
from synth.browser.style import BrowserStyle

__all__ = ["BrowserBundlePaths", "BrowserGenerationError", "BrowserStyle", "ChromiumMissingError",
           "ChromiumPrintError", "LayoutError", "generate_browser_bundle"]
