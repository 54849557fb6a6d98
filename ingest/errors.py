"""Errors that mean "this input cannot be processed" (as opposed to bugs)."""

from __future__ import annotations


class InputFileError(Exception):
    """A file saraban cannot read; becomes a row in errors.csv, never a traceback."""

    def __init__(self, error_code: str, message: str) -> None:
        super().__init__(message)
        self.error_code = error_code
        self.message = message
