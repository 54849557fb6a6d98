"""saraban: scanned Thai local-government paperwork in, reconciled data out.

One import namespace over the checkout's top-level folders (ARCHITECTURE.md):

    saraban.normalize   Thai text, digits, dates, money, names (pure)
    saraban.parsers     page model, segmenting, memo/letter/report parsing (pure)
    saraban.reconcile   the output contract's types, building records, the checks (pure)
    saraban.ingest      the shell: extract, OCR, CLI, batch, sinks
    saraban.data        reference data (vocabularies), found through this package

A wheel holds them inside this folder (pyproject's package-dir maps each top-level folder to
saraban/<name>). A checkout keeps them beside it, so that there the package's search path also
names the checkout's root: the only thing this module does on import, and only in a checkout,
so that PYTHONPATH=<checkout> imports that checkout's code and never an installed copy's.
"""

import os

_here = os.path.dirname(__file__)
if not os.path.isdir(os.path.join(_here, "ingest")):
    __path__.append(os.path.dirname(_here))  # noqa: F821 (the package's own __path__)
