"""Tesseract in-process through tesserocr: models loaded once per engine, no process per call.

A table page is read in four to six Tesseract calls (page text, name and remark strips,
number strips, lone digits). Through the command line each call starts a process, writes
and decodes a PNG and loads tha+eng again; in-process the same calls took half the time
(benchmarks/RESULTS.md, "OCR backend"). The output is Tesseract's own TSV, parsed into the
same columns pytesseract's ``Output.DICT`` has, so the rest of the pipeline cannot tell the
backends apart.

One ``TessApiSession`` belongs to one engine, used by one thread; tesserocr's API objects are
not thread-safe.

tesserocr is built from source against the system's libtesseract (the Makefile installs it
with ``--no-binary tesserocr``), so the in-process engine is the very Tesseract the command
line runs: PyPI's wheel bundles Tesseract 5.5.4, which read 3 of 20 generated memos worse
than Debian's 5.3 on the same pages and raised the project-name CER from 1.5 % to 2.0 %.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

from PIL import Image

from saraban.reconcile.errors import InputErrorCode, InputFileError

TSV_COLUMNS = (
    "level", "page_num", "block_num", "par_num", "line_num", "word_num",
    "left", "top", "width", "height", "conf", "text",
)
LEPTONICA_SEVERITY_NONE = 6  # L_SEVERITY_NONE in leptonica's environ.h
# Where Debian's and Ubuntu's tesseract-ocr packages put the models.
_KNOWN_TESSDATA = (
    Path("/usr/share/tesseract-ocr/5/tessdata"),
    Path("/usr/share/tesseract-ocr/4.00/tessdata"),
    Path("/usr/share/tessdata"),
)


def find_tessdata(explicit: Path | None, tesseract_cmd: str = "tesseract") -> Path | None:
    """The folder of ``*.traineddata``: the setting, $TESSDATA_PREFIX, what the installed
    ``tesseract`` reports, or a known system folder; None when there is none."""
    if explicit is not None:
        return explicit
    prefix = os.environ.get("TESSDATA_PREFIX")
    if prefix:
        return Path(prefix)
    reported = _reported_tessdata(tesseract_cmd)
    if reported is not None:
        return reported
    return next((path for path in _KNOWN_TESSDATA if path.is_dir()), None)


def installed_languages(tessdata: Path) -> set[str]:
    return {path.stem for path in tessdata.glob("*.traineddata")}


def _reported_tessdata(tesseract_cmd: str) -> Path | None:
    # `tesseract --list-langs` begins: List of available languages in "/usr/share/.../tessdata/" (3):
    if shutil.which(tesseract_cmd) is None:
        return None
    try:
        listing = subprocess.run(
            [tesseract_cmd, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    for line in (listing.stdout + listing.stderr).splitlines():
        if '"' in line:
            return Path(line.split('"')[1])
    return None


def load_tesserocr() -> Any:
    """Import tesserocr with OpenMP limited to one thread.

    We parallelise by processes; Debian's libtesseract uses OpenMP, which would start a thread
    per core in every worker (a table page took 32 s instead of 6 s with two workers). libgomp
    reads OMP_THREAD_LIMIT once, when it is loaded with libtesseract, so it must be set before
    the import; an explicit setting of the user's is kept.
    """
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    import tesserocr

    _quiet_leptonica()
    return tesserocr


def _quiet_leptonica() -> None:
    """Leptonica prints 'Error in pixScanForForeground: invalid box' and the like on stderr
    for cell crops with nothing in them; the command line hid them in its own stderr, in
    process they would flood the user's terminal. They are not errors of ours: silence them."""
    name = ctypes.util.find_library("lept") or ctypes.util.find_library("leptonica")
    if name is None:
        return
    try:
        ctypes.CDLL(name).setMsgSeverity(LEPTONICA_SEVERITY_NONE)
    except (OSError, AttributeError):
        pass


def parse_tsv(tsv: str) -> dict[str, list[Any]]:
    """Tesseract's TSV (without header, as ``GetTSVText`` returns it) as pytesseract's DICT."""
    data: dict[str, list[Any]] = {column: [] for column in TSV_COLUMNS}
    for row in tsv.splitlines():
        cells = row.split("\t")
        if len(cells) < len(TSV_COLUMNS) - 1:
            continue
        cells += [""] * (len(TSV_COLUMNS) - len(cells))
        for column, cell in zip(TSV_COLUMNS[:-2], cells):
            data[column].append(int(cell))
        data["conf"].append(float(cells[10]))
        data["text"].append(cells[11])
    return data


class TessApiSession:
    """Lazily opened Tesseract APIs: one per recognition language set (``lang`` by default,
    another when a caller asks, e.g. ``tha`` alone), one for OSD."""

    def __init__(self, tessdata: Path, lang: str, oem: int, timeout_s: float = 0.0) -> None:
        self._tessdata, self._lang, self._oem = tessdata, lang, oem
        self._timeout_ms = round(timeout_s * 1000)  # 0: no limit
        self._apis: dict[str, Any] = {}
        self._osd: Any = None

    def image_to_data(
        self, image: Image.Image, *, psm: int, dpi: int, whitelist: str | None, lang: str | None = None
    ) -> dict[str, list[Any]]:
        api = self._recognizer(lang or self._lang)
        api.SetPageSegMode(psm)
        # An empty whitelist means every character again (a strip of names follows numbers).
        api.SetVariable("tessedit_char_whitelist", whitelist or "")
        api.SetImage(image)
        api.SetSourceResolution(dpi)
        # Recognised first, under the time limit: GetTSVText would recognise without one.
        if not api.Recognize(timeout=self._timeout_ms):
            raise ocr_timeout(self._timeout_ms / 1000)
        return parse_tsv(api.GetTSVText(0))

    def orientation(self, image: Image.Image, *, dpi: int) -> tuple[int, float, str] | None:
        """(degrees to rotate clockwise, confidence, script), None when OSD has no answer."""
        api = self._orienter()
        api.SetImage(image)
        api.SetSourceResolution(dpi)
        found = api.DetectOrientationScript()
        if not found:
            return None
        # Tesseract reports how the page is turned; turning it back is the opposite angle
        # (the CLI prints both: 'Orientation in degrees: 90', 'Rotate: 270').
        rotate = (360 - int(found["orient_deg"])) % 360
        return rotate, float(found["orient_conf"]), str(found["script_name"])

    def close(self) -> None:
        for api in (*self._apis.values(), self._osd):
            if api is not None:
                api.End()
        self._apis, self._osd = {}, None

    def _recognizer(self, lang: str) -> Any:
        if lang not in self._apis:
            tesserocr = load_tesserocr()
            self._apis[lang] = tesserocr.PyTessBaseAPI(
                path=_with_slash(self._tessdata), lang=lang, oem=self._oem
            )
        return self._apis[lang]

    def _orienter(self) -> Any:
        if self._osd is None:
            tesserocr = load_tesserocr()
            self._osd = tesserocr.PyTessBaseAPI(
                path=_with_slash(self._tessdata), lang="osd", psm=tesserocr.PSM.OSD_ONLY
            )
        return self._osd


def ocr_timeout(seconds: float) -> InputFileError:
    return InputFileError(
        InputErrorCode.OCR_TIMEOUT,
        f"Tesseract did not finish reading an image of this file within {seconds:g} s (the OCR time "
        "limit): a page of noise, or one far denser than a document's. The file was not read.",
    )


def _with_slash(path: Path) -> str:
    # Tesseract joins the folder and the file name by plain concatenation.
    return str(path).rstrip("/") + "/"
