"""Deterministic synthetic scans of e-PlanNACC bundles (memo + progress report) with truth.

    from synth import SynthConfig, generate_bundle
    pdf = generate_bundle(7, Path("out"), SynthConfig(dpi=200, inject={"SEQ_GAP"}))
    truth = json.loads(truth_path(pdf).read_text())

Used by tests and benchmarks to measure the scanned-image path against known truth.
"""

from synth.bundle import bundle_name, generate_bundle, make_content, truth_path
from synth.config import CLEAN, InjectionCode, SynthConfig

__all__ = ["CLEAN", "InjectionCode", "SynthConfig", "bundle_name", "generate_bundle", "make_content", "truth_path"]
