"""Errors the ingest stage raises on purpose, each with a stable code and a plain message.

They live beside the records because their codes are part of the output contract (the errors
table's ``code``, saraban.reconcile.records); only saraban.ingest raises them.

    IngestError                      base: ``error_code`` (stable, for errors.csv) + ``message``
    ├── InputFileError               the file itself cannot be read as what it claims to be
    └── MissingDependencyError       Tesseract or one of its language models is not installed

Library code raises these instead of letting a pdfminer / PDFium / Pillow traceback escape;
only the CLI and the batch runner (which records them per file) catch them. The original
library exception stays attached as ``__cause__`` for debugging.
"""

from __future__ import annotations

from enum import StrEnum


class InputErrorCode(StrEnum):
    """The stable codes of :class:`InputFileError` (a str, so it compares equal to the code)."""

    UNSUPPORTED_TYPE = "unsupported_type"
    EMPTY_FILE = "empty_file"
    NOT_UTF8 = "not_utf8"
    NUL_BYTES = "nul_bytes"
    CORRUPT_PDF = "corrupt_pdf"
    ENCRYPTED_PDF = "encrypted_pdf"
    EMPTY_PDF = "empty_pdf"
    UNSUPPORTED_IMAGE = "unsupported_image"
    CORRUPT_IMAGE = "corrupt_image"
    UNREADABLE_FILE = "unreadable_file"
    PAGE_TOO_LARGE = "page_too_large"
    OCR_TIMEOUT = "ocr_timeout"


class BatchErrorCode(StrEnum):
    """The codes the batch gives a file it could not hand to a reader, or whose reading failed
    outside the reader's own checks."""

    UNREADABLE_FOLDER = "unreadable_folder"
    NOT_A_REGULAR_FILE = "not_a_regular_file"
    NO_CONTENT = "no_content"
    MISSING_DEPENDENCY = "missing_dependency"
    INTERNAL_ERROR = "internal_error"
    WORKER_LOST = "worker_lost"
    MEMORY_LIMIT = "memory_limit"


# Every errors.error_code there is: the published JSON Schema's enum, the README's table.
ERROR_CODES: tuple[str, ...] = (*InputErrorCode, *BatchErrorCode)


class IngestError(Exception):
    """Base of the errors ingest raises deliberately: ``IngestError(error_code, message)``."""

    def __init__(self, error_code: str, message: str) -> None:
        super().__init__(error_code, message)
        self.error_code = str(error_code)
        self.message = message

    def __str__(self) -> str:
        return f"{self.message} [{self.error_code}]"


class InputFileError(IngestError):
    """The input file is corrupt, locked, empty or of a kind we cannot read.

    ``error_code`` is one of :class:`InputErrorCode`; ``message`` says in plain words what is
    wrong and what the user can do about it.
    """


class MissingDependencyError(IngestError):
    """Tesseract, or a language model it needs (``tha``), is not installed."""
