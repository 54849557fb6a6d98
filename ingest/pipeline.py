"""One file through every stage: extract → segment → parse → normalize → reconcile.

``process_file`` never raises for bad input: an unreadable file becomes an ErrorRecord and the
rest of the batch goes on. Bugs still raise (and the runner reports them as internal errors).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from saraban.reconcile.build_documents import build_document, encoding_flag, page_frames
from saraban.ingest.apply_corrections import reviewed_file, reviewed_report
from saraban.reconcile.build_report import ReportResult, build_report
from saraban.ingest.config import IngestConfig, Resources
from saraban.reconcile.context import BundleContext, bundle_context
from saraban.ingest.corrections import Correction
from saraban.reconcile.errors import BatchErrorCode, IngestError, InputErrorCode
from saraban.ingest.extract import extract
from saraban.ingest.ocr.engine import OcrEngine
from saraban.reconcile.records import DocumentRecord, ErrorRecord, FlagRecord, ProjectRecord, ReportRecord
from saraban.normalize.keys import link_reporter, person_key
from saraban.parsers.letter import LetterFields, parse_letter
from saraban.parsers.model import Document
from saraban.parsers.report import RawReport, parse_report
from saraban.parsers.segment import segment


@dataclass(slots=True)
class FileResult:
    source_file: str
    sha256: str = ""
    records: list[ProjectRecord] = field(default_factory=list)
    documents: list[DocumentRecord] = field(default_factory=list)
    reports: list[ReportRecord] = field(default_factory=list)
    flags: list[FlagRecord] = field(default_factory=list)
    errors: list[ErrorRecord] = field(default_factory=list)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def process_file(
    path: Path, source_file: str, config: IngestConfig, resources: Resources, engine: OcrEngine | None = None,
    sha256: str = "",
) -> FileResult:
    """The file's rows, flags and errors; ``sha256`` is its bytes' digest when the batch already
    took it (saraban.ingest.sources), so that the file is not read an extra time for it."""
    result = FileResult(source_file)
    try:
        result.sha256 = sha256 or sha256_of(path)
        pages = extract(path, config.ocr, resources.vocab, engine)
    except IngestError as error:
        result.errors.append(ErrorRecord(source_file, error.error_code, error.message))
        return result
    except OSError as error:
        result.errors.append(
            ErrorRecord(source_file, InputErrorCode.UNREADABLE_FILE, f"The file cannot be read: {error.strerror or error}.")
        )
        return result
    vocab = resources.vocab
    if resources.debug_dir is not None:  # --debug: what the reader saw, drawn over each page
        from saraban.ingest.review.debug import debug_file

        debug_file(path, result.sha256, pages, resources.debug_dir, vocab)
    documents = segment(pages, vocab.person_titles)
    if not documents:
        result.errors.append(
            ErrorRecord(source_file, BatchErrorCode.NO_CONTENT, "No text could be read from the file.")
        )
        return result
    letters: dict[int, LetterFields] = {
        doc.index: parse_letter(doc, vocab.person_titles)
        for doc in documents
        if doc.kind in ("memo", "letter", "announcement", "resolution")
    }
    context = bundle_context(documents, list(letters.values()), vocab, resources.provinces)
    decisions = resources.corrections.get(result.sha256, ())
    for doc in documents:
        record, flags = build_document(
            source_file, result.sha256, doc, letters.get(doc.index), vocab.person_titles,
            config.build.ocr_confidence_threshold, resources.office_codes,
        )
        result.documents.append(replace(record, pages=page_frames(pages, doc)))
        result.flags.extend(flags)
        if pages[0].text_encoding:
            result.flags.append(encoding_flag(record, pages[0].text_encoding))
        if doc.kind == "report":
            _add_report(result, doc, config, resources, context, _memo_signatories(documents, letters),
                        [d for d in decisions if d.document_id == record.document_id])
    # A reviewer's decisions (corrections.csv) about documents as a whole, after all were read.
    return reviewed_file(result, decisions) if decisions else result


def _memo_signatories(documents: list[Document], letters: dict[int, LetterFields]) -> list[tuple[str, str]]:
    """Who signed the bundle's first memo (name, position): the report's reporter is one of them."""
    memo = next((letters[d.index] for d in documents if d.kind == "memo" and d.index in letters), None)
    return [(s.name, s.position) for s in memo.signatories] if memo else []


def _add_report(
    result: FileResult, doc: Document, config: IngestConfig, resources: Resources,
    context: BundleContext, signatories: list[tuple[str, str]], decisions: Sequence[Correction] = (),
) -> None:
    raw = parse_report(doc, resources.vocab)

    def build(raw: RawReport) -> ReportResult:
        return build_report(result.source_file, result.sha256, doc, raw, context, resources.vocab, config.build,
                            resources.matcher)

    built = build(raw)
    if decisions:  # a reviewer's corrections: the report is built again on the corrected values
        built = reviewed_report(raw, built, decisions, build)
    # The report's documents row: its first title as subject, its organization as issuer,
    # its 'data as of' date as date.
    result.documents[-1] = replace(
        result.documents[-1],
        subject=raw.titles[0].text if raw.titles else "",
        issuer=built.report.organization,
        date_raw=built.report.as_of_raw,
        date=built.report.as_of,
    )
    result.records.extend(built.records)
    result.reports.append(_with_reporter_key(built.report, result.sha256, signatories, resources))
    result.flags.extend(built.flags)


def _with_reporter_key(
    report: ReportRecord, sha256: str, signatories: list[tuple[str, str]], resources: Resources
) -> ReportRecord:
    """The reporter's person_key: the memo signatory's when the reporter is one of them."""
    titles = resources.vocab.person_titles
    if not report.reporter_name:
        return report
    link = link_reporter(signatories, (report.reporter_name, report.reporter_position), titles)
    name = signatories[link.index][0] if link else report.reporter_name
    return replace(
        report,
        reporter_person_key=person_key(sha256[:12], name, titles),
        reporter_link_confidence=link.confidence if link else None,
    )
