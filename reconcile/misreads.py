"""When a doubtful reading, not the document, explains an inconsistency.

A scan's cell read with low OCR confidence (``uncertain``: row index → the fields read so) can
make the totals disagree although the printed report agrees with itself. These pure functions
say when one such cell, read as the rest of the report implies, makes it add up again, and
only when the implied value is a plausible misreading of what was read: a digit or two apart
(14,373 for 74,373; 44,500 for 144,500), never an arbitrary sum. The reconciler then points at
the cell (LOW_CONFIDENCE, with the implied value) instead of accusing the summary.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from itertools import combinations, product

from rapidfuzz.distance import Levenshtein

from saraban.reconcile.records import ProjectRecord
from saraban.normalize.numerals import format_amount, one_digit_apart

# Row index → the checked fields read with low confidence, and that confidence.
Uncertain = Mapping[int, Mapping[str, float]]
MAX_MISREAD_DIGITS = 2  # edits between a read amount and the one the totals imply
# A reading this unsure is no reading: Tesseract gave 900.00 at 0.00 for 33,166.00, which no
# digit-or-two repair reaches; a sum over such a cell cannot be checked either way.
NO_READING_BELOW = 0.1
HALF_CENT_PERCENT = Decimal("0.005")  # printed percentages are rounded to two places


def explain_disbursed_total(
    rows: Sequence[ProjectRecord], uncertain: Uncertain, difference: Decimal
) -> tuple[int, Decimal] | None:
    """The doubtful disbursed cell that, read as ``value + difference``, makes the column sum
    to the stated total: (row index, implied value). When several could, the one fewest digits
    away (322,100 for 322,700 beats 0.00 for 600.00); None when none could, or several tie."""
    found: dict[int, list[tuple[int, Decimal]]] = {}
    for index, value in _doubtful(rows, uncertain, "disbursed"):
        implied = value + difference
        if implied < 0:
            continue
        distance = Levenshtein.distance(format_amount(value), format_amount(implied))
        if distance <= MAX_MISREAD_DIGITS:
            found.setdefault(distance, []).append((index, implied))
    closest = found[min(found)] if found else []
    return closest[0] if len(closest) == 1 else None


def explain_disbursed_total_by_two(
    rows: Sequence[ProjectRecord], uncertain: Uncertain, difference: Decimal
) -> tuple[tuple[int, Decimal], tuple[int, Decimal]] | None:
    """Two doubtful disbursed cells, each one digit off, that together make the column sum to
    the stated total (two 0.00 read as 0.01 against a total 0.02 lower); None when no pair, or
    more than one, does. One digit each, not two, so that pairs do not explain any gap."""
    doubtful = list(_doubtful(rows, uncertain, "disbursed"))
    found = []
    for position, (first, first_value) in enumerate(doubtful):
        first_fixes = {variant - first_value: variant for variant in one_digit_variants(first_value)}
        for second, second_value in doubtful[position + 1 :]:
            for variant in one_digit_variants(second_value):
                rest = difference - (variant - second_value)
                if rest in first_fixes:
                    found.append(((first, first_fixes[rest]), (second, variant)))
    return found[0] if len(found) == 1 else None


def budgets_the_percent_implies(
    rows: Sequence[ProjectRecord],
    uncertain: Uncertain,
    disbursed: Decimal,
    stated_percent: Decimal,
    budget_sum: Decimal,
) -> tuple[int, list[tuple[int, Decimal]]]:
    """The doubtful budget cells that, read a digit otherwise (or, failing any, two), make
    disbursed ÷ budget round to the stated percentage: (digits, [(row index, implied budget)]);
    (0, []) when none does. One digit off is tried first (TH Chakra Petch's 129,800 read as
    125,500 is two); among a cell's fits, the one nearest the exact budget the percentage
    implies. Several cells fit at once when the gap is a round figure: 40,000 is one digit in
    any budget whose ten-thousands digit is low."""
    if stated_percent <= HALF_CENT_PERCENT or disbursed <= 0:
        return 0, []
    # Budgets whose percentage rounds to the stated one.
    low = disbursed * 100 / (stated_percent + HALF_CENT_PERCENT)
    high = disbursed * 100 / (stated_percent - HALF_CENT_PERCENT)
    exact = disbursed * 100 / stated_percent
    doubtful = list(_doubtful(rows, uncertain, "budget"))
    for digits, variants in ((1, one_digit_variants), (2, two_digit_variants)):
        found = []
        for index, value in doubtful:
            others = budget_sum - value
            fits = [v for v in variants(value) if low <= others + v <= high]
            if fits:
                found.append((index, min(fits, key=lambda v: abs(others + v - exact))))
        if found:
            return digits, found
    return 0, []


def one_digit_variants(value: Decimal) -> Iterator[Decimal]:
    """Amounts one digit away from ``value``: a digit of its baht part changed, added or lost,
    one of its two satang digits changed (0.00 read as 0.10 or 0.01), or, for a whole amount,
    its decimal point lost (273,500.00 read as 27350000)."""
    baht, satang = f"{value:.2f}".split(".")
    digits = "0123456789"
    candidates = []
    if satang == "00" and len(baht) > 2:
        candidates.append((baht[:-2], baht[-2:]))
    for i in range(len(baht) + 1):
        candidates.extend((baht[:i] + d + baht[i:], satang) for d in digits)  # a digit the OCR lost
        if i < len(baht):
            candidates.extend((baht[:i] + d + baht[i + 1 :], satang) for d in digits)  # one misread
            candidates.append((baht[:i] + baht[i + 1 :], satang))  # one the OCR added
    for i in range(len(satang)):
        candidates.extend((baht, satang[:i] + d + satang[i + 1 :]) for d in digits)
    seen = {value}
    for whole, cents in candidates:
        candidate = Decimal(f"{whole.lstrip('0') or '0'}.{cents}")
        if candidate not in seen:
            seen.add(candidate)
            yield candidate


def two_digit_variants(value: Decimal) -> Iterator[Decimal]:
    """Amounts two digits of the baht part away from ``value``, as many digits long: two digits
    misread. A digit lost or added as well changes the amount tenfold, and two edits reach
    almost any total (183,000 to 9,283,000 made a wrong 3.92 % fit); one such slip is
    :func:`one_digit_variants`' to try."""
    baht, satang = f"{value:.2f}".split(".")
    seen = {value}
    for (i, j), (a, b) in product(combinations(range(len(baht)), 2), product("0123456789", repeat=2)):
        whole = baht[:i] + a + baht[i + 1 : j] + b + baht[j + 1 :]
        if a == baht[i] or b == baht[j] or (whole[0] == "0" and len(whole) > 1):
            continue
        candidate = Decimal(f"{whole}.{satang}")
        if candidate not in seen:
            seen.add(candidate)
            yield candidate


def misread_seq(rows: Sequence[ProjectRecord], index: int, uncertain: Uncertain) -> bool:
    """A doubtful seq out of step while the nearest sure readings on either side are in step
    with each other (56, 27, 58): the reading, not the printed numbering, is what is wrong.
    Doubtful neighbours say nothing: the last two rows' ๑๘ and ๑๙, both read ๑๕ after a sure
    ๑๗, are both out of step with it."""
    if "seq" not in uncertain.get(index, {}):
        return False

    def sure(at: int) -> bool:
        return rows[at].seq is not None and "seq" not in uncertain.get(at, {})

    before = next((at for at in range(index - 1, -1, -1) if sure(at)), None)
    after = next((at for at in range(index + 1, len(rows)) if sure(at)), None)
    here = rows[index].seq
    if before is None and after is None:
        return False
    if before is None:
        return here != (rows[after].seq or 0) - (after - index)
    if after is None:
        return here != (rows[before].seq or 0) + (index - before)
    before_seq, after_seq = rows[before].seq or 0, rows[after].seq or 0
    return after_seq - before_seq == after - before and here != before_seq + (index - before)


def unread_doubtful(rows: Sequence[ProjectRecord], uncertain: Uncertain, field: str) -> list[int]:
    """Indices of rows whose ``field`` amount was read with low confidence into no amount at
    all, or with next to none (NO_READING_BELOW): a column sum over them is not the column's
    sum, whatever the gap."""
    return [
        index for index, fields in sorted(uncertain.items())
        if field in fields and index < len(rows)
        and (getattr(rows[index], f"{field}_baht") is None or fields[field] < NO_READING_BELOW)
    ]


def doubts_amounts(uncertain: Uncertain, index: int) -> bool:
    fields = uncertain.get(index, {})
    return "budget" in fields or "disbursed" in fields


def doubtful_sum(rows: Sequence[ProjectRecord], uncertain: Uncertain, field: str) -> Decimal:
    """What the cells of ``field`` read with doubt add to its column's sum as read."""
    return sum((value for _, value in _doubtful(rows, uncertain, field)), Decimal(0))


def _doubtful(rows: Sequence[ProjectRecord], uncertain: Uncertain, field: str) -> Iterator[tuple[int, Decimal]]:
    for index, fields in sorted(uncertain.items()):
        value = getattr(rows[index], f"{field}_baht") if index < len(rows) else None
        if field in fields and value is not None:
            yield index, value


def seqs_by_neighbours(
    rows: Sequence[ProjectRecord], uncertain: Uncertain, stated_total: int | None = None
) -> dict[int, int]:
    """Row index → the ลำดับ the surrounding rows put there, for each doubtful or unread ลำดับ
    out of step. The nearest sure readings before and after it must agree on one numbering
    (ลำดับ − row index) and every reading between them be doubtful: 12 (sure), 153, 14, 14 (doubtful),
    16 (sure) → 13, 15. The report's first row counts as following a 0 and, when the summary
    states as many projects as there are rows, its last as followed by that count + 1.
    Two sure readings agreeing across misread rows by chance is far rarer than the misreads;
    a printed numbering that really skips or repeats does not agree with itself across the
    break and is left as read."""
    def sure(index: int) -> bool:
        return rows[index].seq is not None and "seq" not in uncertain.get(index, {})

    anchors = [(index, rows[index].seq - index) for index in range(len(rows)) if sure(index)]
    # A sure reading one digit off the number the sure readings on both sides agree on is a
    # misread all the same (TH Baijam's ๕ read as ๔ at 0.93: 4, 4, 6).
    anchors = [anchor for k, anchor in enumerate(anchors)
               if not 0 < k < len(anchors) - 1
               or not _lone_misread(rows, anchor, anchors[k - 1][1], anchors[k + 1][1])]
    anchors = [(-1, 1), *anchors]  # a report is numbered from 1
    if stated_total == len(rows):
        anchors.append((len(rows), 1))
    implied: dict[int, int] = {}
    for (before, offset), (after, offset_after) in zip(anchors, anchors[1:]):
        if offset != offset_after:
            continue
        for index in range(before + 1, after):
            if rows[index].seq != index + offset:
                implied[index] = index + offset
    return implied


def _lone_misread(rows: Sequence[ProjectRecord], anchor: tuple[int, int], before: int, after: int) -> bool:
    index, offset = anchor
    return before == after != offset and one_digit_apart(rows[index].seq, index + before)
