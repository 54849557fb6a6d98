"""Synthetic cover memos written as word-processor documents and exported to PDF by LibreOffice:
a third, independent layout engine beside the PIL drawings of ``synth`` and the browser
prints of ``synth.browser`` — the way offices really make their memos.

    from synth.office import generate_office_memo
    paths = generate_office_memo(43000, Path("out"))
    paths.digital  # out/synth-043000-office-digital.pdf: LibreOffice's export as is, text layer and all
    paths.scan     # out/synth-043000-office-scan.pdf: rasterized, signed, stamped, scanner damage

Each PDF is one page (the memo only; its truth's report has no rows) with a ``.truth.json`` beside
it in synth/truth.py's schema, plus ``source`` and ``style``. Modules: style (the seeded
look and the SIPA faces), content (digits and subject as typed), odt (the .odt), soffice
(export and font check), scan (signatures and stamp), truth, memo (the whole run).
"""

from synth.office.memo import OfficeMemoPaths, generate_office_memo, office_content
from synth.office.soffice import (FontFallbackError, OfficeGenerationError, SofficeExportError,
                                          SofficeMissingError, find_soffice)

__all__ = ["FontFallbackError", "OfficeGenerationError", "OfficeMemoPaths", "SofficeExportError",
           "SofficeMissingError", "find_soffice", "generate_office_memo", "office_content"]
