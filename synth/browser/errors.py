"""Why a browser-printed bundle could not be made (a missing font is synth.fonts.MissingFontError)."""

from __future__ import annotations


class BrowserGenerationError(RuntimeError):
    """Base of the errors below, so a caller can catch them in one clause."""


class ChromiumMissingError(BrowserGenerationError):
    """No Chromium to print with."""


class ChromiumPrintError(BrowserGenerationError):
    """Chromium ran but gave no PDF, or not in time."""


class LayoutError(BrowserGenerationError):
    """The prints disagree, or a row is missing or found twice: the truth cannot be trusted."""
