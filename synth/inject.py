"""Deliberate inconsistencies, applied to base content and recorded for truth.json.

Row-level injections change rows and the summary is then recomputed from them (the system sums
what it holds), so they never leak into summary mismatches. Tick injections (STATUS_MISSING,
STATUS_MULTIPLE) change only the marks printed: the summary keeps counting the intended status.
Summary injections change one stated figure and nothing else.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from decimal import Decimal

from synth.config import InjectionCode as C
from synth.config import SynthConfig
from synth.content import STATUSES, Bundle, ProjectRow, Summary, summarize
from synth.thaitext import money_plain

ROW_CODES = (C.SEQ_GAP, C.SEQ_DUPLICATE, C.DISBURSED_EXCEEDS_BUDGET, C.STATUS_MISSING,
             C.STATUS_MULTIPLE, C.DIMENSION_INVALID)


@dataclass(frozen=True)
class Injection:
    code: C
    seq: int | None  # the printed seq of the affected row; None for report- or memo-level
    field: str
    expected: str | None
    found: str | None

    def to_json(self) -> dict[str, object]:
        return {"code": str(self.code), "seq": self.seq, "field": self.field,
                "expected": self.expected, "found": self.found}


def choose_codes(seed: int, config: SynthConfig) -> list[C]:
    """The asked-for codes plus, at ``inject_random_rate``, codes drawn from the seed."""
    rng = random.Random(f"{seed}:inject-draw")
    drawn = {code for code in C if rng.random() < config.inject_random_rate}
    return [code for code in C if code in config.inject or code in drawn]


def apply_injections(bundle: Bundle, codes: list[C]) -> tuple[Bundle, tuple[Injection, ...]]:
    if not codes:
        return bundle, ()
    rng = random.Random(f"{bundle.seed}:inject")
    rows = list(bundle.report.rows)
    wanted = [c for c in ROW_CODES if c in codes]
    if len(rows) < len(wanted) + 1:
        raise ValueError(f"{len(rows)} rows are too few to inject {', '.join(wanted)}")
    # Distinct rows per injection, never the first (a gap or duplicate needs a row before it).
    spare = list(range(1, len(rows)))
    rng.shuffle(spare)
    picked: dict[C, int] = {}
    if C.DISBURSED_EXCEEDS_BUDGET in wanted:
        # Prefer a budgeted row for an overspend, as it happens in real reports.
        budgeted = [i for i in spare if rows[i].budget] or spare
        picked[C.DISBURSED_EXCEEDS_BUDGET] = budgeted[0]
        spare.remove(budgeted[0])
    for code in wanted:
        picked.setdefault(code, spare.pop())

    injected: list[Injection] = []
    rows = _renumber(rows, picked.get(C.SEQ_GAP), picked.get(C.SEQ_DUPLICATE), injected)
    for code in wanted:
        if code not in (C.SEQ_GAP, C.SEQ_DUPLICATE):
            index = picked[code]
            rows[index], record = _ROW_INJECTORS[code](rows[index], rng)
            injected.append(record)

    stated = summarize(tuple(rows), bundle.report.stated.as_of)
    for code in (c for c in codes if c in _SUMMARY_INJECTORS):
        stated, record = _SUMMARY_INJECTORS[code](stated, rng)
        injected.append(record)
    memo = bundle.memo
    if C.DATE_INVALID in codes:
        day = rng.randint(32, 35)
        injected.append(Injection(C.DATE_INVALID, None, "memo.date", str(memo.day), str(day)))
        memo = replace(memo, day=day)
    report = replace(bundle.report, rows=tuple(rows), stated=stated)
    return replace(bundle, report=report, memo=memo), tuple(injected)


def _renumber(rows: list[ProjectRow], gap: int | None, dup: int | None, out: list[Injection]) -> list[ProjectRow]:
    """Print seq numbers with one skipped (before row ``gap``) and/or one repeated (at ``dup``);
    later rows follow on from the printed number, so each fault appears exactly once."""
    numbered = [rows[0]]
    for index in range(1, len(rows)):
        previous = numbered[-1].seq
        seq = previous + (2 if index == gap else 0 if index == dup else 1)
        if index == gap:
            out.append(Injection(C.SEQ_GAP, seq, "seq", str(previous + 1), str(seq)))
        if index == dup:
            out.append(Injection(C.SEQ_DUPLICATE, seq, "seq", str(previous + 1), str(seq)))
        numbered.append(replace(rows[index], seq=seq))
    return numbered


def _overspend(row: ProjectRow, rng: random.Random) -> tuple[ProjectRow, Injection]:
    disbursed = row.budget + Decimal(rng.randint(1, 50) * 1000)
    record = Injection(C.DISBURSED_EXCEEDS_BUDGET, row.seq, "disbursed",
                       money_plain(row.budget), money_plain(disbursed))
    return replace(row, disbursed=disbursed), record


def _no_tick(row: ProjectRow, rng: random.Random) -> tuple[ProjectRow, Injection]:
    record = Injection(C.STATUS_MISSING, row.seq, "status", row.status_intended, "empty")
    return replace(row, status="empty", ticks=()), record


def _two_ticks(row: ProjectRow, rng: random.Random) -> tuple[ProjectRow, Injection]:
    other = rng.choice([s for s in STATUSES if s != row.status_intended])
    ticks = tuple(s for s in STATUSES if s in (other, row.status_intended))
    record = Injection(C.STATUS_MULTIPLE, row.seq, "status", row.status_intended, "+".join(ticks))
    return replace(row, status="multiple", ticks=ticks), record


def _bad_dimension(row: ProjectRow, rng: random.Random) -> tuple[ProjectRow, Injection]:
    dimension = rng.choice((0, 5))
    record = Injection(C.DIMENSION_INVALID, row.seq, "dimension", str(row.dimension), str(dimension))
    return replace(row, dimension=dimension), record


_ROW_INJECTORS = {
    C.DISBURSED_EXCEEDS_BUDGET: _overspend,
    C.STATUS_MISSING: _no_tick,
    C.STATUS_MULTIPLE: _two_ticks,
    C.DIMENSION_INVALID: _bad_dimension,
}


def _off_by(rng: random.Random, value: int) -> int:
    """A different, non-negative count close to ``value``."""
    delta = rng.choice((1, 2, 3))
    return value + delta if value < delta or rng.random() < 0.5 else value - delta


def _wrong_total(stated: Summary, rng: random.Random) -> tuple[Summary, Injection]:
    total = _off_by(rng, stated.total)
    return replace(stated, total=total), Injection(C.SUMMARY_TOTAL_MISMATCH, None, "stated.total",
                                                   str(stated.total), str(total))


def _wrong_count(stated: Summary, rng: random.Random) -> tuple[Summary, Injection]:
    field = rng.choice(STATUSES)
    true_count: int = getattr(stated, field)
    value = _off_by(rng, true_count)
    record = Injection(C.SUMMARY_COUNT_MISMATCH, None, f"stated.{field}", str(true_count), str(value))
    counts = {name: getattr(stated, name) for name in STATUSES}
    counts[field] = value
    return replace(stated, **counts), record


def _wrong_disbursed(stated: Summary, rng: random.Random) -> tuple[Summary, Injection]:
    delta = Decimal(rng.randint(1, 50) * 1000)
    value = stated.disbursed + delta if stated.disbursed < delta or rng.random() < 0.5 else stated.disbursed - delta
    record = Injection(C.DISBURSED_TOTAL_MISMATCH, None, "stated.disbursed",
                       money_plain(stated.disbursed), money_plain(value))
    return replace(stated, disbursed=value), record


def _wrong_percent(stated: Summary, rng: random.Random) -> tuple[Summary, Injection]:
    delta = Decimal(rng.randint(50, 2000)) / 100
    old = stated.disbursed_percent
    value = old + delta if old < delta or rng.random() < 0.5 else old - delta
    record = Injection(C.PERCENT_MISMATCH, None, "stated.disbursed_percent", f"{old:.2f}", f"{value:.2f}")
    return replace(stated, disbursed_percent=value), record


_SUMMARY_INJECTORS = {
    C.SUMMARY_TOTAL_MISMATCH: _wrong_total,
    C.SUMMARY_COUNT_MISMATCH: _wrong_count,
    C.DISBURSED_TOTAL_MISMATCH: _wrong_disbursed,
    C.PERCENT_MISMATCH: _wrong_percent,
}
