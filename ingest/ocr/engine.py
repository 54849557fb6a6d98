"""Tesseract behind one small class: the only module that touches pytesseract.

``TesseractEngine(settings)`` reads its configuration from a frozen :class:`OcrSettings`; the
extractors receive an engine and never call Tesseract themselves, so a test or another engine
can stand in through the :class:`OcrEngine` protocol (the way httpx's ``MockTransport`` does).

Two backends (``OcrSettings.backend``): "api" runs Tesseract in-process through tesserocr
(ingest/ocr/tesseract_api.py; the default, twice as fast), "cli" runs the ``tesseract`` command
through pytesseract. Both return the same word data, which then goes through the step that reads
numbers again from their glyphs (ingest/ocr/reread.py), as another engine's words would.

Environment of the "cli" backend: we parallelise by processes, so each Tesseract must use one thread
(``OMP_THREAD_LIMIT=1``), or two workers on two cores fight over four OpenMP threads.
pytesseract starts Tesseract with ``env=os.environ`` and offers no way to pass another
environment, and its binary path is the module global ``pytesseract.tesseract_cmd``. Both
are therefore set only for the duration of one call, under a lock, and put back afterwards
(:func:`_tesseract_call`): nothing changes at import time and nothing leaks after a call.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from PIL import Image

from saraban.ingest.ocr.digit_glyphs import DigitTemplates, LearnedDigits
from saraban.ingest.ocr.reread import DigitRereader
from saraban.ingest.ocr.tesseract_api import TessApiSession, find_tessdata, installed_languages, load_tesserocr, ocr_timeout
from saraban.parsers.ocr_data import OcrWord, words_from_data

# Page segmentation modes we use (tesseract --help-psm).
PSM_OSD_ONLY = 0
PSM_AUTO = 3  # full layout analysis: finds columns and blocks
PSM_SINGLE_COLUMN = 4  # one column of lines of varying size: memos, letters, announcements
PSM_SINGLE_BLOCK = 6
PSM_SINGLE_LINE = 7
THAI_ONLY = "tha"  # the Thai model alone, where English would read Thai letters as Latin

OEM_LSTM = 1  # the Debian tha/eng models are LSTM-only ("fast" models)

BACKENDS = ("api", "cli")

_ENV_OVERRIDES = {"OMP_THREAD_LIMIT": "1"}
# One lock per process: pytesseract's binary path and os.environ are process-wide, so two
# threads must not interleave their set / call / restore.
_CALL_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class OcrSettings:
    lang: str = "tha+eng"
    dpi: int = 300  # rasterization resolution for PDF pages, and the dpi told to Tesseract
    tessdata_dir: Path | None = None  # None: Tesseract's own default (or TESSDATA_PREFIX)
    psm: int = PSM_SINGLE_COLUMN  # measured best on the memo scans (see ingest/extract/image.py)
    oem: int = OEM_LSTM
    tesseract_cmd: str = "tesseract"
    # Per Tesseract call; 0 = no limit. A whole A4 page at 300 dpi takes about 3 s, the largest
    # page the pixel budget lets through about four times that: 180 s leaves room for a slow or
    # busy machine, and stops a page of noise that would hold its worker for hours.
    timeout_s: float = 180.0
    # Re-read Thai digit runs by glyph matching (ingest/ocr/thai_digits.py): the stock tha model
    # cannot output ๔ ๖ ๗ ๘ ๙.
    reread_thai_digits: bool = True
    # "api": Tesseract in-process through tesserocr (models loaded once per engine);
    # "cli": the tesseract command through pytesseract, one process per call.
    backend: str = "api"

    def __post_init__(self) -> None:
        if not 50 <= self.dpi <= 1200:
            raise ValueError(f"dpi must be between 50 and 1200, got {self.dpi}")
        if not self.lang or any(not part.isidentifier() for part in self.lang.split("+")):
            raise ValueError(f"lang must look like 'tha+eng', got {self.lang!r}")
        if self.backend not in BACKENDS:
            raise ValueError(f"backend must be one of {', '.join(BACKENDS)}, got {self.backend!r}")

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.lang.split("+"))


@dataclass(frozen=True, slots=True)
class Orientation:
    """Tesseract OSD's answer: rotate the image ``rotate`` degrees clockwise to make it upright."""

    rotate: int  # 0, 90, 180 or 270
    confidence: float  # OSD's own score; below ~2 it is a guess
    script: str


class OcrEngine(Protocol):
    """What the extractors need from an OCR engine."""

    @property
    def settings(self) -> OcrSettings: ...

    def image_to_data(
        self,
        image: Image.Image | np.ndarray,
        *,
        psm: int | None = None,
        dpi: int | None = None,
        whitelist: str | None = None,
        lang: str | None = None,
        learned: LearnedDigits | None = None,
    ) -> list[OcrWord]: ...

    def orientation(self, image: Image.Image | np.ndarray, *, dpi: int | None = None) -> Orientation | None: ...

    def number_templates(self) -> DigitTemplates | None:
        """Glyph templates of Arabic and Thai digits, for cells OCR cannot read (None: none)."""
        ...


class TesseractEngine:
    """Tesseract through pytesseract, configured by :class:`OcrSettings`."""

    def __init__(self, settings: OcrSettings | None = None) -> None:
        self._settings = settings or OcrSettings()
        # The step after Tesseract (ingest/ocr/reread.py): its numbers read again from their glyphs.
        self._reread = DigitRereader(self._settings.reread_thai_digits and "tha" in self._settings.languages)
        self._session: TessApiSession | None = None  # the "api" backend's models, opened on first use

    def close(self) -> None:
        """Free the in-process models (they are freed with the engine anyway)."""
        if self._session is not None:
            self._session.close()
            self._session = None

    @property
    def settings(self) -> OcrSettings:
        return self._settings

    def available(self) -> str | None:
        """None when Tesseract and every language in ``settings.lang`` are installed; otherwise a
        plain message that says what is missing and how to install it."""
        if self._settings.backend == "api":
            return self._api_problem()
        import pytesseract

        try:
            with _tesseract_call(self._settings.tesseract_cmd):
                pytesseract.get_tesseract_version()
                installed = set(pytesseract.get_languages(config=self._base_config()))
        except (pytesseract.TesseractNotFoundError, OSError):
            return (
                f"Tesseract OCR was not found (looked for '{self._settings.tesseract_cmd}'). "
                "Install it with: apt-get install tesseract-ocr tesseract-ocr-tha"
            )
        except pytesseract.TesseractError as error:
            return f"Tesseract OCR does not start: {error.message.strip()}"
        return self._missing_languages(installed)

    def _api_problem(self) -> str | None:
        try:
            load_tesserocr()
        except ImportError as error:
            return (
                f"The tesserocr package cannot be loaded ({error}). "
                "Reinstall with `make venv` (it builds tesserocr against the system's Tesseract)."
            )
        tessdata = find_tessdata(self._settings.tessdata_dir, self._settings.tesseract_cmd)
        if tessdata is None:
            return (
                "No Tesseract language models were found. "
                "Install them with: apt-get install tesseract-ocr tesseract-ocr-tha"
            )
        return self._missing_languages(installed_languages(tessdata))

    def _missing_languages(self, installed: set[str]) -> str | None:
        missing = [lang for lang in self._settings.languages if lang not in installed]
        if missing:
            where = self._settings.tessdata_dir or "Tesseract's tessdata folder"
            packages = " ".join(f"tesseract-ocr-{lang}" for lang in missing)
            return (
                f"Tesseract has no language model for {', '.join(missing)} in {where}. "
                f"Install it with: apt-get install {packages}"
            )
        return None

    def image_to_data(
        self,
        image: Image.Image | np.ndarray,
        *,
        psm: int | None = None,
        dpi: int | None = None,
        whitelist: str | None = None,
        lang: str | None = None,
        learned: LearnedDigits | None = None,
    ) -> list[OcrWord]:
        """OCR ``image`` and return its word tokens with boxes (pixels of ``image``) and
        confidences (0–1). ``whitelist`` restricts the recogniser to those characters (table
        cells that hold only numbers); ``lang`` replaces the settings' languages for this call
        (``tha`` alone, where ``eng`` would read Thai letters as Latin); ``learned`` are digit
        glyphs the document's own ลำดับ column taught, matched beside the stock templates."""
        psm = psm if psm is not None else self._settings.psm
        if self._settings.backend == "api":
            data = self._api().image_to_data(
                _as_pil(image), psm=psm, dpi=dpi or self._settings.dpi, whitelist=whitelist, lang=lang
            )
        else:
            data = self._cli_image_to_data(image, psm, dpi, whitelist, lang)
        return self._reread(words_from_data(data), image, whitelist=whitelist, learned=learned)

    def _cli_image_to_data(
        self, image: Image.Image | np.ndarray, psm: int, dpi: int | None, whitelist: str | None,
        lang: str | None,
    ) -> dict[str, list[Any]]:
        import pytesseract

        config = self._config(psm, dpi)
        if whitelist:
            # Tesseract's config parser splits on spaces; a whitelist never needs one.
            config += f" -c tessedit_char_whitelist={whitelist.replace(' ', '')}"
        with _tesseract_call(self._settings.tesseract_cmd), _timed(self._settings.timeout_s):
            data: dict[str, list[Any]] = pytesseract.image_to_data(
                _as_pil(image),
                lang=lang or self._settings.lang,
                config=config,
                output_type=pytesseract.Output.DICT,
                timeout=self._settings.timeout_s,
            )
        return data

    def orientation(
        self, image: Image.Image | np.ndarray, *, dpi: int | None = None
    ) -> Orientation | None:
        """Tesseract's orientation and script detection (``--psm 0``, needs ``osd`` data);
        None when the page has too little text for it to say anything."""
        if self._settings.backend == "api":
            found = self._api().orientation(_as_pil(image), dpi=dpi or self._settings.dpi)
            return None if found is None else Orientation(*found)
        import pytesseract

        config = self._config(PSM_OSD_ONLY, dpi)
        try:
            with _tesseract_call(self._settings.tesseract_cmd), _timed(self._settings.timeout_s):
                found = pytesseract.image_to_osd(
                    _as_pil(image),
                    config=config,
                    output_type=pytesseract.Output.DICT,
                    timeout=self._settings.timeout_s,
                )
        except pytesseract.TesseractError:
            # "Too few characters. Skipping this page": a photo, a blank or a signature page.
            return None
        return Orientation(
            int(found["rotate"]) % 360, float(found["orientation_conf"]), str(found["script"])
        )

    def _api(self) -> TessApiSession:
        if self._session is None:
            tessdata = find_tessdata(self._settings.tessdata_dir, self._settings.tesseract_cmd)
            if tessdata is None:
                raise RuntimeError(self._api_problem() or "no Tesseract models found")
            self._session = TessApiSession(tessdata, self._settings.lang, self._settings.oem,
                                           self._settings.timeout_s)
        return self._session

    def number_templates(self) -> DigitTemplates | None:
        return self._reread.number_templates()

    def _base_config(self) -> str:
        if self._settings.tessdata_dir is None:
            return ""
        return f'--tessdata-dir "{self._settings.tessdata_dir}"'

    def _config(self, psm: int, dpi: int | None) -> str:
        parts = [
            self._base_config(),
            f"--psm {psm}",
            f"--oem {self._settings.oem}" if psm != PSM_OSD_ONLY else "",
            f"--dpi {dpi or self._settings.dpi}",
        ]
        return " ".join(p for p in parts if p)


@contextmanager
def _tesseract_call(tesseract_cmd: str) -> Iterator[None]:
    """Point pytesseract at ``tesseract_cmd`` and limit OpenMP to one thread for one call,
    then put both process-wide settings back as they were."""
    import pytesseract

    module = pytesseract.pytesseract
    with _CALL_LOCK:
        saved_cmd = module.tesseract_cmd
        saved_env = {name: os.environ.get(name) for name in _ENV_OVERRIDES}
        module.tesseract_cmd = tesseract_cmd
        os.environ.update(_ENV_OVERRIDES)
        try:
            yield
        finally:
            module.tesseract_cmd = saved_cmd
            for name, value in saved_env.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


@contextmanager
def _timed(seconds: float) -> Iterator[None]:
    """pytesseract's timeout (a RuntimeError 'Tesseract process timeout') as the file's
    ocr_timeout error."""
    try:
        yield
    except RuntimeError as error:
        if "timeout" not in str(error):
            raise
        raise ocr_timeout(seconds) from error


def _as_pil(image: Image.Image | np.ndarray) -> Image.Image:
    return image if isinstance(image, Image.Image) else Image.fromarray(image)
