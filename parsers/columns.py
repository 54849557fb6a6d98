"""Which column of a report table holds what: the header's printed labels, checked against the
values printed under them.

A label decides a column's role, never its position: e-PlanNACC printouts, retyped copies and
browsers lay the same table out in many ways (a name column a fifth of the page wide whose
labels wrap over three lines, a header split over grid rows). So each column's label is
assembled from every header row before it is matched, and the values below must agree with it:
money columns hold amounts, มิติ holds 1–4, ลำดับ counts up, status columns hold marks or
nothing. A role its values contradict is given to the column whose values fit it; roles that
stay unsure are said so (``Columns.doubt``), and so is a table read without a usable header.
Position stands in only for a label OCR lost where the form leaves one column for it (ลำดับ
first, มิติ between the name and the budget, a status under สถานะ), and the values still judge it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from saraban.normalize.labels import best_label
from saraban.normalize.numerals import parse_amount, parse_int
from saraban.normalize.text import join_wrapped, match_key
from saraban.normalize.ticks import TickState, read_tick_text
from saraban.normalize.vocab import Vocabulary
from saraban.parsers.model import Cell

STATUSES = ("awaiting_report", "in_progress", "completed", "unable_to_proceed")
VALUE_ROLES = ("seq", "name", "dimension", "budget", "disbursed")
HEADER_MIN_SCORE = 70.0
LABEL_PIECE_SCORE = 80.0  # a garbled whole label, in telling header rows from body rows
# A column's values judge its role only when there are enough of them.
MIN_VALUES = 3
FIT_SHARE = 0.7  # of a column's filled cells that must look like the role's values
_THAI_LETTERS = re.compile("[\u0e01-\u0e2e]")
# An amount's cents: a point and two digits, or the point OCR read as a comma ('๐,๐๐'; a
# thousands comma has three digits after it).
_CENTS = re.compile(r"(?:\.|,(?=[\d๐-๙]{2}\s*$))[\d๐-๙]")


@dataclass(frozen=True, slots=True)
class Columns:
    """Column roles of one table: role → cell index, and the status columns in order."""

    roles: dict[str, int]
    statuses: tuple[tuple[int, str], ...]  # (cell index, status) left to right
    width: int  # cells in the header
    doubt: str = ""  # why these roles are not sure; empty when header and values agree


def column_labels(header_rows: Sequence[Sequence[Cell]]) -> dict[int, str]:
    """Each column's label as printed over all header rows, top to bottom: a label wrapped
    over several lines or split over grid rows is one label. Cells spanning several columns
    (สถานะ over the four status columns) name a group, not a column, and are left out."""
    parts: dict[int, list[str]] = {}
    for row in header_rows:
        for cell in row:
            if cell.col_span == 1 and cell.text.strip():
                parts.setdefault(cell.col, []).append(cell.text.strip())
    return {col: join_wrapped(texts) for col, texts in sorted(parts.items())}


def is_header_row(row: Sequence[Cell], vocab: Vocabulary) -> bool:
    """Whether a row's texts are mostly column labels, or pieces of one (a label wrapped over
    grid rows leaves '(บาท)', 'แล้วเสร็จ' alone in a row): the rest of a project name that
    a page break pushed under the repeated header is not."""
    texts = [cell.text for cell in row if cell.text.strip()]
    if not texts:
        return False
    labels = [match_key(label) for _, label in vocab.column_roles]

    def label_like(text: str) -> bool:
        # Whole-label likeness only: a name containing งบประมาณ is not a label.
        key = match_key(text)
        return bool(key) and any(key in label or fuzz.ratio(key, label) >= LABEL_PIECE_SCORE for label in labels)

    return 2 * sum(1 for text in texts if label_like(text)) >= len(texts)


def read_columns(header_rows: Sequence[Sequence[Cell]], vocab: Vocabulary, ruled: bool = False) -> Columns | None:
    """The roles the header's labels name; None when it names no ลำดับ, or neither a name nor
    a budget column. ``ruled``: cells are physical columns (a grid), so a column's label is
    assembled over the header rows; otherwise each cell (a count of separators) stands alone."""
    value_roles = vocab.roles(*VALUE_ROLES, "status", "remarks")
    status_roles = vocab.roles(*STATUSES)
    candidates: list[tuple[int, str]] = []
    if ruled:
        labels = column_labels(header_rows)
        for col, text in labels.items():
            candidates.append((col, text))
        # A column whose assembled label matches nothing may still carry one readable line.
        for row in header_rows:
            for cell in row:
                if cell.col_span == 1 and cell.text.strip() and cell.text.strip() != labels.get(cell.col):
                    candidates.append((cell.col, cell.text))
    else:
        candidates = [(cell.col, cell.text) for row in header_rows for cell in row if cell.text.strip()]
    roles: dict[str, int] = {}
    statuses: dict[int, str] = {}
    named: set[int] = set()
    for col, text in candidates:
        if col in named:
            continue
        sub = best_label(text, status_roles, HEADER_MIN_SCORE)
        top = best_label(text, value_roles, HEADER_MIN_SCORE)
        if sub is not None and (top is None or sub.score >= top.score):
            if sub.key not in statuses.values():
                statuses.setdefault(col, sub.key)
                named.add(col)
        elif top is not None and top.key not in roles:
            roles[top.key] = col
            if top.key != "status":  # สถานะ names the group of status columns under it
                named.add(col)
    width = max((cell.col + cell.col_span for row in header_rows for cell in row), default=0)
    if "seq" not in roles and ruled:
        roles.update(_seq_by_position(header_rows, roles, statuses))
    if ruled:
        # A lost label where e-PlanNACC prints nothing else: มิติ read 'UA' in a decorative face
        # on every page; งบประมาณ (บาท) read 'quusyaeu | (um)' by the English model in a shaded cell.
        for role, left, right in (("budget", "dimension", "disbursed"), ("dimension", "name", "budget")):
            if role not in roles:
                roles.update(_one_between(header_rows, roles, statuses, role, left, right))
    if "seq" not in roles or ("name" not in roles and "budget" not in roles):
        return None
    return Columns(roles, _with_status_gap_filled(statuses, _status_group(header_rows, vocab)), width)


def _seq_by_position(header_rows: Sequence[Sequence[Cell]], roles: dict[str, int],
                     statuses: dict[int, str]) -> dict[str, int]:
    """ลำดับ as the first column of a grid whose other labels were read, when its own was not
    (a speck beside it, and OCR read 'mau'): no other label stands there. The values below
    still judge it (check_columns)."""
    named = set(roles.values()) | set(statuses)
    first = min(named, default=None)
    cols = sorted({cell.col for row in header_rows for cell in row if cell.col_span == 1})
    if len(named) < 4 or first is None or not cols or cols[0] >= first:
        return {}
    return {"seq": cols[0]}


def _one_between(header_rows: Sequence[Sequence[Cell]], roles: dict[str, int], statuses: dict[int, str],
                 role: str, left: str, right: str) -> dict[str, int]:
    """``role`` as the one unnamed column between the ``left`` and ``right`` roles' columns,
    when its own label was lost. The values below still judge it (check_columns)."""
    first, last = roles.get(left), roles.get(right)
    if first is None or last is None or last - first != 2:
        return {}
    between = first + 1
    named = set(roles.values()) | set(statuses)
    columns = {cell.col for row in header_rows for cell in row if cell.col_span == 1}
    return {role: between} if between in columns and between not in named else {}


def _with_status_gap_filled(statuses: dict[int, str], group: range | None) -> tuple[tuple[int, str], ...]:
    """The status columns in order. When three of the four labels were read, each where the
    printed order puts it, the column their order leaves for the fourth is the missing status,
    if it lies between them or under the สถานะ label over the group (``group``, its columns):
    OCR lost its label (รอรายงาน read รซอซายงาน in a decorative face)."""
    if len(statuses) != len(STATUSES) - 1:
        return tuple(sorted(statuses.items()))
    starts = {col - STATUSES.index(status) for col, status in statuses.items()}
    if len(starts) != 1:
        return tuple(sorted(statuses.items()))
    missing = next(s for s in STATUSES if s not in statuses.values())
    missing_col = starts.pop() + STATUSES.index(missing)
    between = min(statuses) < missing_col < max(statuses)
    if not between and (group is None or missing_col not in group):
        return tuple(sorted(statuses.items()))
    return tuple(sorted({**statuses, missing_col: missing}.items()))


def _status_group(header_rows: Sequence[Sequence[Cell]], vocab: Vocabulary) -> range | None:
    """The columns under a header cell that spans several and reads สถานะ."""
    group_roles = vocab.roles("status")
    for row in header_rows:
        for cell in row:
            if cell.col_span > 1 and best_label(cell.text, group_roles, HEADER_MIN_SCORE) is not None:
                return range(cell.col, cell.col + cell.col_span)
    return None


def complete_columns(columns: Columns, previous: Columns) -> Columns:
    """``columns`` with the roles its header lost to OCR (a garbled มิติ) taken from the
    previous table of the report, when both have the same cells and that cell is free."""
    if columns.width != previous.width:
        return columns
    taken = set(columns.roles.values()) | {col for col, _ in columns.statuses}
    roles = dict(columns.roles)
    for role, col in previous.roles.items():
        if role not in roles and col not in taken:
            roles[role] = col
            taken.add(col)
    statuses = dict(columns.statuses)
    for col, status in previous.statuses:
        if status not in statuses.values() and col not in taken:
            statuses[col] = status
            taken.add(col)
    return replace(columns, roles=roles, statuses=tuple(sorted(statuses.items())))


@dataclass(frozen=True, slots=True)
class _Profile:
    """What the filled cells of one column look like."""

    filled: int
    integers: float  # share that are whole numbers
    counting: float  # share of consecutive whole numbers that go up by one
    stepping: float  # share that go up by one, or repeat, or skip one (a numbering's own slips)
    small: float  # share that are 1–4
    money: float  # share that are amounts with a decimal point
    words: float  # share with Thai words (three letters or more)
    marks: float  # share that are a mark or nothing else (✓, ☐, ink read as a mark)


def _profile(cells: Sequence[Cell]) -> _Profile:
    texts = [c.text.strip() for c in cells if c.text.strip() or c.mark is not None]
    filled = len(texts)
    if not filled:
        return _Profile(0, 0, 0, 0, 0, 0, 0, 1.0)
    numbers = [parse_int(t) for t in texts]
    whole = [n for n in numbers if n is not None]
    steps = sum(1 for a, b in zip(whole, whole[1:]) if b == a + 1)
    slips = sum(1 for a, b in zip(whole, whole[1:]) if b in (a, a + 2))
    marks = sum(1 for c in cells if (c.text.strip() or c.mark is not None) and _is_mark(c))
    return _Profile(
        filled=filled,
        integers=len(whole) / filled,
        counting=steps / max(1, len(whole) - 1) if len(whole) > 1 else 0.0,
        stepping=(steps + slips) / max(1, len(whole) - 1) if len(whole) > 1 else 0.0,
        small=sum(1 for n in whole if 1 <= n <= 4) / filled,
        money=sum(1 for t in texts if _CENTS.search(t) and parse_amount(t) is not None) / filled,
        words=sum(1 for t in texts if len(_THAI_LETTERS.findall(t)) >= 3) / filled,
        marks=marks / filled,
    )


def _is_mark(cell: Cell) -> bool:
    if cell.mark is not None:
        return True
    return read_tick_text(cell.text).state is not TickState.TEXT


def _fits(role: str, profile: _Profile, *, labelled: bool = False) -> bool | None:
    """Whether a column's values fit ``role``: None when there are too few to tell. Under a
    label one value out of place does not contradict it (a dimension 5 among three rows is
    the value check's to flag, not a sign the header is misread), nor does a numbering that
    repeats or skips a number where a short page leaves few steps to count."""
    if profile.filled < MIN_VALUES:
        return None
    spare = 1 if labelled else 0

    def most(share: float) -> bool:
        fitting = round(share * profile.filled)
        return fitting >= FIT_SHARE * profile.filled or fitting >= profile.filled - spare

    if role == "seq":
        counts = profile.counting >= 0.5 or (labelled and profile.stepping == 1.0)
        return most(profile.integers) and counts
    if role == "dimension":
        return most(profile.small)
    if role in ("budget", "disbursed"):
        return most(profile.money)
    if role == "name":
        return profile.words >= 0.5
    if role == "status":
        return most(profile.marks) and profile.words < 0.3
    return True


def check_columns(columns: Columns, body: Sequence[Sequence[Cell]]) -> Columns:
    """``columns`` checked against the values under them. A value role whose column's values
    contradict it moves to the nearest free column whose values fit; a role or status column
    that stays contradicted is named in ``doubt``."""
    by_col = _cells_by_column(body)
    profiles = {col: _profile(cells) for col, cells in by_col.items()}
    roles = dict(columns.roles)
    doubts: list[str] = []
    taken = set(roles.values()) | {col for col, _ in columns.statuses}
    for role in ("seq", "dimension", "budget", "disbursed", "name"):
        col = roles.get(role)
        if col is None or _fits(role, profiles.get(col, _profile([])), labelled=True) is not False:
            continue
        free = [c for c in profiles if c not in taken and _fits(role, profiles[c])]
        if role == "disbursed" and "budget" in roles:
            free = [c for c in free if c > roles["budget"]]
        if role == "budget" and "disbursed" in roles:
            free = [c for c in free if c < roles["disbursed"]]
        if free:
            new = min(free, key=lambda c: abs(c - col))
            taken.discard(col)
            taken.add(new)
            roles[role] = new
        else:
            doubts.append(f"the column read as {role} does not hold {_WHAT[role]}")
    for role in ("dimension", "budget", "disbursed"):
        if role not in roles:
            found = [c for c in profiles if c not in taken and _fits(role, profiles[c])]
            if role == "disbursed" and "budget" in roles:
                found = [c for c in found if c > roles["budget"]]
            if len(found) == 1:
                roles[role] = found[0]
                taken.add(found[0])
    doubts += _money_by_order(roles, profiles)
    for col, status in columns.statuses:
        if _fits("status", profiles.get(col, _profile([])), labelled=True) is False:
            doubts.append(f"the {status} column holds text, not ticks")
    return replace(columns, roles=roles, doubt="; ".join(filter(None, [columns.doubt, *doubts])))


def _money_by_order(roles: dict[str, int], profiles: dict[int, _Profile]) -> list[str]:
    """Two columns of amounts are the budget and the amount disbursed, in that printed order;
    a header that says otherwise (one label lost, another over the wrong column) is overruled,
    and said to be."""
    others = {col for role, col in roles.items() if role not in ("budget", "disbursed")}
    money = [c for c in sorted(profiles) if c not in others and _fits("budget", profiles[c])]
    if len(money) != 2 or (roles.get("budget"), roles.get("disbursed")) == tuple(money):
        return []
    labelled = {role: roles.get(role) for role in ("budget", "disbursed")}
    roles["budget"], roles["disbursed"] = money
    if any(col is not None and col != roles[role] for role, col in labelled.items()):
        return ["the budget and disbursed columns were told by their order, not by their labels"]
    return []


_WHAT = {
    "seq": "numbers counting up",
    "dimension": "dimensions 1–4",
    "budget": "amounts",
    "disbursed": "amounts",
    "name": "project names",
}


def infer_columns(body: Sequence[Sequence[Cell]]) -> Columns | None:
    """Roles from the values alone, for a table whose header cannot be read: ลำดับ is the
    first column counting up, มิติ a column of 1–4, the first two money columns the budget and
    the amount disbursed, the name the wordiest column before them, and the four columns of
    marks after them the statuses, in the printed order. None when no ลำดับ or no money
    column is found. Always with a doubt: nothing on the page confirms these roles."""
    by_col = _cells_by_column(body)
    profiles = {col: _profile(cells) for col, cells in sorted(by_col.items())}
    seq = next((c for c, p in profiles.items() if _fits("seq", p)), None)
    money = [c for c, p in profiles.items() if _fits("budget", p)]
    if seq is None or not money:
        return None
    roles = {"seq": seq, "budget": money[0]}
    if len(money) > 1:
        roles["disbursed"] = money[1]
    dimension = [c for c, p in profiles.items() if c not in (seq, *money) and _fits("dimension", p)]
    if dimension:
        roles["dimension"] = dimension[0]
    before = [c for c in profiles if seq < c < money[0] and c not in roles.values()]
    if before:
        roles["name"] = max(before, key=lambda c: profiles[c].words)
    after = [c for c in profiles if c > money[-1]]
    marks = [c for c in after if _fits("status", profiles[c]) is not False][: len(STATUSES)]
    statuses = tuple(zip(marks, STATUSES)) if len(marks) == len(STATUSES) else ()
    rest = [c for c in after if c not in marks]
    if rest:
        roles["remarks"] = rest[-1]
    width = max(by_col, default=-1) + 1
    return Columns(roles, statuses, width, doubt="the header could not be read; the columns were told from their values")


def _cells_by_column(rows: Sequence[Sequence[Cell]]) -> dict[int, list[Cell]]:
    by_col: dict[int, list[Cell]] = {}
    for row in rows:
        for cell in row:
            by_col.setdefault(cell.col, []).append(cell)
    return by_col
