"""Normalize stage for a report: raw rows and summary → typed records, report totals, flags.

Row-level reading problems (amounts, dimension, status, organization names) are flagged here;
the cross-checks between the summary and the rows live in saraban.reconcile.checks.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from saraban.reconcile.amount_shape import with_shape_doubts
from saraban.reconcile.build_documents import document_id
from saraban.reconcile.confirm import confirmed_fields, with_confirmed
from saraban.reconcile.context import BundleContext
from saraban.reconcile.flags import FlagCode, date_flag, severity_of
from saraban.reconcile.misreads import seqs_by_neighbours
from saraban.reconcile.organization import identify
from saraban.reconcile.checks import RowFlag, SummaryDoubts, check_report, disbursed_percent
from saraban.reconcile.report_unread import flag_unread_fields, flag_unsure_columns
from saraban.reconcile.row_problems import row_problems, uncertain_fields, uncertain_name, unparseable_ocr_amounts
from saraban.reconcile.records import FlagRecord, ProjectRecord, ReportRecord
from saraban.normalize.dates import iso, parse_thai_date
from saraban.normalize.names import match_name, split_org
from saraban.normalize.keys import project_key
from saraban.normalize.org_match import OrgMatcher
from saraban.normalize.numerals import parse_amount, parse_int, parse_percent
from saraban.normalize.text import clean_text
from saraban.normalize.vocab import Vocabulary
from saraban.parsers.model import Document
from saraban.parsers.report import RawReport, RawRow, ReportTitle
from saraban.parsers.summary import doubtful_values
from saraban.parsers.status import STATUSES

VALID_DIMENSIONS = range(1, 5)
CE_TO_BE = 543
# A ลำดับ its neighbours imply is likelier right than the reading it replaces, yet nobody read it:
# under the OCR threshold, so that it is checked like any doubtful value.
NEIGHBOURS_SEQ_CONFIDENCE = 0.75


@dataclass(frozen=True, slots=True)
class BuildSettings:
    status_confidence_threshold: float = 0.8  # below it a tick is STATUS_AMBIGUOUS
    org_match_threshold: float = 80.0  # title vs bundle context, 0–100
    # Below it a value read from a scan is LOW_CONFIDENCE. On 20 generated bundles (883 rows)
    # 0.80 caught 52 of the 60 misread seq/dimension/amount cells while marking 7 % of the
    # cells read right; 0.90 caught 56 for 17 %.
    ocr_confidence_threshold: float = 0.8
    # Below it a project name read from a scan is LOW_CONFIDENCE. A name's confidence (its least
    # sure word's) tells a misread name only weakly: on the browser scans of tuning seeds 41000
    # and 45000 the names under any threshold from 0.1 to 0.5 are misread (over 2 % characters
    # wrong) in 40–51 % of cases, so the threshold is set by the rows it adds to review (issue
    # #12: at most 10 %), not by precision. Rows under review without name flags / with names under 0.10 / under 0.30:
    # seed 45000 9.7 / 12.3 / 14.9 %, 47000 5.1 / 7.4 / 11.6 %, 49000 6.3 / 9.7 / 13.3 %.
    # data/samples' two scanned reports hold names at 0.16 and 0.21, each a letter off.
    name_confidence_threshold: float = 0.1


@dataclass(frozen=True, slots=True)
class ReportResult:
    records: tuple[ProjectRecord, ...]
    report: ReportRecord
    flags: tuple[FlagRecord, ...]


@dataclass(frozen=True, slots=True)
class _Org:
    name: str
    unmatched_reason: str  # empty when the name was resolved


def build_report(
    source_file: str,
    sha256: str,
    document: Document,
    raw: RawReport,
    context: BundleContext,
    vocab: Vocabulary,
    settings: BuildSettings,
    matcher: OrgMatcher | None = None,
) -> ReportResult:
    doc_id = document_id(sha256, document)
    raw = replace(raw, rows=with_shape_doubts(raw.rows))  # an amount printed unlike its column is doubtful
    org = resolve_organization(raw.titles, context, vocab, settings)
    mentions = organization_mentions(org.name, raw.titles, context, vocab, settings)
    identity, org_problem = identify(org.name, mentions, context.province, vocab, matcher)
    year, round_months = _year_and_round(raw.titles)
    row_flags: list[RowFlag] = []

    def flag(rows_concerned: tuple[int, ...], code: FlagCode, message: str, expected: str,
             found: str, page: int | None = None, seq: int | None = None, *, field: str) -> None:
        row_flags.append((rows_concerned, FlagRecord(
            source_file, doc_id, page, seq, code, severity_of(code), message, expected, found,
            field=field)))

    if not raw.titles and raw.rows:
        named = (f"attributed to {org.name}, the organization the bundle names" if org.name
                 else "attributed to no organization")
        flag((), FlagCode.TITLE_UNREAD,
             f"Page {raw.rows[0].page}: no report title was read above the table; its rows are {named}, "
             "and the report's year and round are unknown.", "a report title", "", raw.rows[0].page,
             field="organization;fiscal_year;round_months")
    if org.unmatched_reason:
        flag((), FlagCode.ORG_UNMATCHED, org.unmatched_reason, "a known organization",
             raw.titles[0].org_raw if raw.titles else "", field="organization")
    elif org_problem is not None:
        flag((), org_problem.code, org_problem.message, "one organization of the gazetteer",
             org_problem.found, field="organization_code")
    rows = [_record(source_file, sha256, doc_id, index, raw_row, org.name, context.province, year, round_months)
            for index, raw_row in enumerate(raw.rows)]
    report = _report_record(source_file, doc_id, org.name, context.province, year, round_months, raw, rows)
    # What the summary confirms is not in doubt, however unsure its reading was (saraban.reconcile.confirm).
    confirmed = confirmed_fields(report, rows)
    rows = [with_confirmed(record, confirmed) for record in rows]
    uncertain: dict[int, dict[str, float]] = {}
    doubtful_by_row: list[dict[str, float]] = []
    for index, (raw_row, record) in enumerate(zip(raw.rows, rows)):
        doubtful = {f: c for f, c in uncertain_fields(raw_row, settings.ocr_confidence_threshold).items()
                    if f not in confirmed}
        # An amount the OCR read into no amount is no reading: sums over its column are not
        # checked (already flagged AMOUNT_UNPARSEABLE, so no LOW_CONFIDENCE is added for it).
        unreadable = {field: 0.0 for field in unparseable_ocr_amounts(raw_row, record) if field not in confirmed}
        if doubtful or unreadable:
            uncertain[index] = {**unreadable, **doubtful}
        # The name is no check's input: its doubt flags the row, and stays out of ``uncertain``.
        doubtful_by_row.append({**doubtful, **uncertain_name(raw_row, settings.name_confidence_threshold)})
    # The rows around a misread ลำดับ say what it is (saraban.reconcile.misreads.seqs_by_neighbours), and
    # the row's other flags name it by that number: an injected or printed fault on a row whose
    # ลำดับ the OCR lost is still found on its row.
    implied = seqs_by_neighbours(rows, uncertain, report.stated_total)
    for index, (raw_row, record, doubtful) in enumerate(zip(raw.rows, rows, doubtful_by_row)):
        label = str(implied[index]) if index in implied else raw_row.seq_raw
        for code, field, message, expected, found in row_problems(
                raw_row, record, label, doubtful, settings.ocr_confidence_threshold,
                settings.status_confidence_threshold, settings.name_confidence_threshold):
            flag((index,), code, message, expected, found, record.page, implied.get(index, record.seq),
                 field=field)
    for index, seq in implied.items():
        record = rows[index]
        read = f"'{raw.rows[index].seq_raw}'" if raw.rows[index].seq_raw else "empty"
        flag((index,), FlagCode.LOW_CONFIDENCE,
             f"Row {seq}: its ลำดับ cell on page {record.page} reads {read}; the rows around it number "
             f"it {seq}.", str(seq), raw.rows[index].seq_raw, record.page, seq, field="seq")
        rows[index] = replace(record, seq=seq, seq_confidence=NEIGHBOURS_SEQ_CONFIDENCE)
    _flag_name_variants(raw.rows, org, flag)
    flag_unsure_columns(raw, flag)
    flag_unread_fields(raw, report, flag)
    if raw.summary.as_of_raw and not report.as_of:
        as_of = parse_thai_date(raw.summary.as_of_raw)
        flag((), date_flag(as_of), f"The report's 'as of' date cannot be used: {as_of.problem}.",
             "a real calendar date", raw.summary.as_of_raw, field="as_of")
    doubts = SummaryDoubts(doubtful_values(raw.summary, settings.ocr_confidence_threshold), raw.summary.page)
    row_flags.extend(check_report(report, rows, uncertain, doubts))
    flag_rows = flags_by_record(row_flags, [r.record_id for r in rows])
    codes: dict[str, list[str]] = {}
    for flag_record in flag_rows:
        codes.setdefault(flag_record.record_id, []).append(flag_record.code)
    where = {
        "organization": identity.name, "organization_code": identity.code,
        "organization_type": identity.type_code, "province": identity.province,
        "district": identity.district,
    }
    report = replace(report, **where)
    organization_key = identity.code or identity.name
    records = tuple(
        replace(r, flags=";".join(dict.fromkeys(codes.get(r.record_id, []))),
                project_key=project_key(organization_key, r.project_name), **where)
        for r in rows
    )
    return ReportResult(records, report, flag_rows)


def flags_by_record(row_flags: Sequence[RowFlag], record_ids: Sequence[str]) -> tuple[FlagRecord, ...]:
    """The flag rows: a flag about rows becomes one flag row per row (its record_id set), so
    that flags join records one to one and a record's ``flags`` column lists exactly the codes
    of the flag rows naming it; a flag about no row (the report's, record_id empty) stays one."""
    return tuple(
        replace(flag_record, record_id=record_ids[index]) if indices else flag_record
        for indices, flag_record in row_flags
        for index in (indices or (-1,))
    )


def resolve_organization(
    titles: Sequence[ReportTitle], context: BundleContext, vocab: Vocabulary, settings: BuildSettings
) -> _Org:
    """The report's organization: the bundle-context name its titles match best.

    Garbled titles vote with their similarity; pages whose title matches nothing still belong
    to the report (their rows continue its numbering) and are flagged as name variants.
    """
    printed = [_full_name(t.org_raw, vocab) for t in titles if t.org_raw]
    if not printed:
        if context.organizations:
            return _Org(context.names()[0], "")
        return _Org("", "The report names no organization and the bundle gives none.")
    candidates = context.names()
    if not candidates:
        return _Org(Counter(printed).most_common(1)[0][0], "")
    scores = {c: [_similarity(p, c) for p in printed] for c in candidates}
    best = max(candidates, key=lambda c: (sum(scores[c]), -candidates.index(c)))
    if max(scores[best]) < settings.org_match_threshold:
        name = Counter(printed).most_common(1)[0][0]
        return _Org(name, f"The report's organization '{name}' matches none named in the bundle "
                          f"({', '.join(candidates[:3])}); the printed name is kept.")
    return _Org(best, "")


def organization_mentions(name: str, titles: Sequence[ReportTitle], context: BundleContext,
                          vocab: Vocabulary, settings: BuildSettings) -> list[str]:
    """Every printing in the bundle of the report's organization ``name``, for the gazetteer
    match: the name on each page's title and each mention in the letters (counted) whose name,
    type prefix aside, is close to ``name``'s. Each is garbled its own way; together they
    outvote a misread (สระเดงนอก beside five สะเตงนอก). Printings of another name (เบตง in the
    same letter, a title read สงขลา) are not evidence of which organization this is. Empty when
    none is close (identify then matches ``name`` itself)."""
    if not name:
        return []
    resolved = _bare_name(name, vocab)
    printed = [_full_name(t.org_raw, vocab) for t in titles if t.org_raw]
    printed += [org.full for org, count in context.organizations for _ in range(count)]
    close = {p for p in set(printed) if _similarity(_bare_name(p, vocab), resolved) >= settings.org_match_threshold}
    return [p for p in printed if p in close]


def _bare_name(printed: str, vocab: Vocabulary) -> str:
    org = split_org(printed, vocab.org_types)
    return org.name if org is not None else clean_text(printed)


def _similarity(printed: str, name: str) -> float:
    match = match_name(printed, [name])
    return match.score if match is not None else 0.0


def _full_name(printed: str, vocab: Vocabulary) -> str:
    org = split_org(printed, vocab.org_types)
    return org.full if org is not None else clean_text(printed)


def _flag_name_variants(
    raw_rows: Sequence[RawRow], org: _Org, flag: Callable[..., None]
) -> None:
    """One ORG_NAME_VARIANT per page title that names the organization differently."""
    if not org.name or org.unmatched_reason:
        return
    by_title: dict[ReportTitle, list[int]] = {}
    for index, row in enumerate(raw_rows):
        if row.title is not None:
            by_title.setdefault(row.title, []).append(index)
    for title, indices in by_title.items():
        printed = clean_text(title.org_raw)
        if printed.replace(" ", "") == org.name.replace(" ", ""):
            continue
        score = _similarity(printed, org.name)
        seqs = [raw_rows[i].seq_raw for i in indices]
        why = (
            "a garbled spelling" if score >= 80
            else "a different name, but its rows continue this report's numbering"
        )
        message = (
            f"The title on page {title.page} names '{printed}' ({why}; similarity {score:.0f}%): "
            f"rows {seqs[0]}–{seqs[-1]} are attributed to {org.name}."
        )
        # One flag per title. The rows under it carry the code only when the title names
        # another organization (whose rows are they?); a garbled spelling of the same name
        # puts no value of theirs in doubt, and their organization_raw shows it.
        concerned = tuple(indices) if score < 80 else ()
        flag(concerned, FlagCode.ORG_NAME_VARIANT, message, org.name, printed, title.page,
             field="organization_raw")


def _year_and_round(titles: Sequence[ReportTitle]) -> tuple[int | None, int | None]:
    years = Counter(y for y in (parse_int(t.year_raw) for t in titles) if y is not None)
    rounds = Counter(r for r in (parse_int(t.round_raw) for t in titles) if r is not None)
    year = years.most_common(1)[0][0] if years else None
    if year is not None and year < 2400:
        year += CE_TO_BE
    return year, rounds.most_common(1)[0][0] if rounds else None


def _record(source_file: str, sha256: str, doc_id: str, index: int, row: RawRow, organization: str,
            province: str, year: int | None, round_months: int | None) -> ProjectRecord:
    dimension = parse_int(row.dimension_raw)
    confidence = dict(row.field_confidence)
    return ProjectRecord(
        source_file=source_file,
        source_sha256=sha256,
        document_id=doc_id,
        page=row.page,
        organization=organization,
        organization_raw=clean_text(row.title.org_raw) if row.title else "",
        province=province,
        fiscal_year=year,
        round_months=round_months,
        seq=parse_int(row.seq_raw),
        project_name=clean_text(row.name_raw),
        project_name_raw=row.name_raw,
        dimension=dimension if dimension in VALID_DIMENSIONS else None,
        budget_baht=parse_amount(row.budget_raw),
        disbursed_baht=parse_amount(row.disbursed_raw),
        status=row.status.status,
        status_confidence=row.status.confidence,
        ocr_confidence=row.confidence,
        remarks=row.remarks,
        flags="",
        bbox=json.dumps(row.bbox.as_list()) if row.bbox else "",
        seq_confidence=confidence.get("seq"),
        project_name_confidence=confidence.get("name"),
        dimension_confidence=confidence.get("dimension"),
        budget_confidence=confidence.get("budget"),
        disbursed_confidence=confidence.get("disbursed"),
        record_id=f"{doc_id}-{index + 1:03d}",
    )


def _report_record(source_file: str, doc_id: str, organization: str, province: str,
                   year: int | None, round_months: int | None, raw: RawReport,
                   rows: Sequence[ProjectRecord]) -> ReportRecord:
    summary = raw.summary
    counts = Counter(r.status for r in rows)
    budgets = [r.budget_baht for r in rows if r.budget_baht is not None]
    disbursed = [r.disbursed_baht for r in rows if r.disbursed_baht is not None]
    budget_sum = sum(budgets, Decimal("0.00")) if rows else None
    disbursed_sum = sum(disbursed, Decimal("0.00")) if rows else None
    computed = None
    if budget_sum and disbursed_sum is not None:
        computed = disbursed_percent(disbursed_sum, budget_sum)
    as_of = parse_thai_date(summary.as_of_raw) if summary.as_of_raw else None
    stated = {s: parse_int(summary.counts_raw[s]) if s in summary.counts_raw else None for s in STATUSES}
    return ReportRecord(
        document_id=doc_id, source_file=source_file, organization=organization, province=province,
        fiscal_year=year, round_months=round_months, rows=len(rows),
        stated_total=parse_int(summary.total_raw),
        stated_awaiting_report=stated["awaiting_report"],
        stated_in_progress=stated["in_progress"],
        stated_completed=stated["completed"],
        stated_unable_to_proceed=stated["unable_to_proceed"],
        table_awaiting_report=counts["awaiting_report"],
        table_in_progress=counts["in_progress"],
        table_completed=counts["completed"],
        table_unable_to_proceed=counts["unable_to_proceed"],
        budget_sum=budget_sum, disbursed_sum=disbursed_sum,
        stated_disbursed=_stated_amount(summary.disbursed_raw),
        stated_disbursed_percent=parse_percent(summary.disbursed_percent_raw),
        computed_disbursed_percent=computed,
        stated_implementation_percent=parse_percent(summary.implementation_percent_raw),
        as_of=iso(as_of.value) if as_of else "", as_of_raw=summary.as_of_raw,
        reporter_name=summary.reporter_name, reporter_position=summary.reporter_position,
    )


def _stated_amount(raw: str) -> Decimal | None:
    """The summary's money as printed, or with its thousands commas dropped where the OCR lost
    one ('1,047,046.00' read '1,047046.00'): the summary's reading marks it doubtful then."""
    amount = parse_amount(raw)
    return amount if amount is not None else parse_amount(raw.replace(",", ""))
