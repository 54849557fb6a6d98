"""Pages → documents: a bundle holds a memo, letters, announcements, resolutions, reports.

Each document kind has a recognisable anchor line (บันทึกข้อความ; 'ที่ ยล ๐๐๒๓.๔/…'; ประกาศ…;
มติการประชุม; รายงานผลการดำเนินงาน…). The cut between two documents is not the anchor itself:
a letter's letterhead, date and receiving stamps come before its 'ที่' line. So the cut is
placed at the widest blank gap (or page break) between the end of the previous document's
last signature and the next anchor.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from saraban.normalize.labels import label_score, loose_pattern
from saraban.normalize.numerals import parse_int
from saraban.normalize.text import clean_text
from saraban.parsers.layout import line_gap
from saraban.parsers.model import Block, Document, DocumentKind, Line, Page, Table
from saraban.parsers.signature import find_signatures

DOC_NUMBER_LINE = re.compile(rf"^{loose_pattern('ที่')}\s*[ก-ฮ]{{2,4}}\.?\s*[\d๐-๙]")
_ANNOUNCEMENT = re.compile(r"^ประกาศ\s*(?!ณ)(เทศบาล|องค์การ|อบต|อบจ|จังหวัด|สำนักงาน|กรม|คณะ)")
# Any issuer ('ประกาศวิทยาลัยเทคนิค…') when the line is short and near the top of its page, where
# an announcement's heading stands; deeper in a page 'ประกาศ…' starts ordinary sentences.
_ANNOUNCEMENT_HEADING = re.compile(r"^ประกาศ\s*(?!ณ)\S")
HEADING_MAX_LINE = 8
HEADING_MAX_CHARS = 80
_RESOLUTION = re.compile(r"^(มติการประชุม|มติที่ประชุม|มติคณะกรรมการ)")
MEMO_TITLE = "บันทึกข้อความ"
# OCR of the large bold title drops marks and picks up the stamp beside it:
# 'wr บนทกข้อความ เวลา@' scores 72.
MEMO_MIN_SCORE = 73.0
# Or one of the line's first words alone: 'Ww บนทกขอความ เวลา๐.๒๓ve' scores 72 whole, but its
# second word 87; the nearest other words of memos (บันทึกข้อตกลง, ข้อความ) score 69–70.
MEMO_WORD_MIN_SCORE = 80.0
REPORT_TITLE_OPENING = "รายงานผลการดำเนินงาน"
REPORT_TITLE = re.compile("^" + loose_pattern(REPORT_TITLE_OPENING))
# OCR swaps a mark as often as it drops one (ดำเน็นงาน): the opening is matched fuzzily too.
TITLE_OPENING_MIN_SCORE = 85.0
# OCR puts specks before a line's first letter: '.รายงานผล…', '| รายงานผล…'.
_LEADING_NOISE = re.compile(r"^[^\u0e01-\u0e5bA-Za-z0-9(]+")


def strip_leading_noise(text: str) -> str:
    return _LEADING_NOISE.sub("", clean_text(text))


# A title names whose report it is: 'รายงานผลการดำเนินงานตามแผน… ของเทศบาลเมืองสะเตงนอก …'.
# A memo's sentence that starts with the same words ('รายงานผลการดำเนินงานตามแผน… ประจำ')
# names no organization and is not a title.
# The organization's type word may lose its marks too ('ขององคการบรหารสวนตาบล').
_OF_ORGANIZATION = re.compile(
    loose_pattern("ของ") + r"\s*("
    + "|".join(loose_pattern(word) for word in ("เทศบาล", "องค์การ", "อบต", "อบจ", "ทต", "ทม", "ทน", "เมืองพัทยา"))
    + ")"
)


def title_opening(text: str) -> str | None:
    """``text`` (cleaned) with its opening as a report title's, when it opens like one: as
    printed, with marks lost, or garbled by a letter or a mark (รายงานผลการดำเน็นงาน); else None."""
    cleaned = strip_leading_noise(text)
    if REPORT_TITLE.match(cleaned):
        return cleaned
    size = len(REPORT_TITLE_OPENING)
    best = max(range(size - 3, size + 4), key=lambda n: fuzz.ratio(cleaned[:n], REPORT_TITLE_OPENING))
    if fuzz.ratio(cleaned[:best], REPORT_TITLE_OPENING) < TITLE_OPENING_MIN_SCORE:
        return None
    return REPORT_TITLE_OPENING + cleaned[best:]


def is_report_title(text: str) -> bool:
    opened = title_opening(text)
    return opened is not None and _OF_ORGANIZATION.search(opened) is not None


@dataclass(frozen=True, slots=True)
class _Anchor:
    index: int  # position in the flat block list
    kind: DocumentKind


# What a report title's wrapped second line starts with: the organization, the year or the round.
_TITLE_TAIL = re.compile(
    r"^(" + loose_pattern("ของ") + r"|พ\.\s*ศ\.|" + loose_pattern("ประจำปี") + r"|ปี\s*[\d๐-๙]|"
    + loose_pattern("รอบ") + r"\s*[\d๐-๙]|[\d๐-๙]{4})"
)
TITLE_WRAP_GAP = 1.0  # line heights: a title's wrapped lines sit closer than this
TITLE_MAX_LINES = 3


# A line of specks between a title's lines: the marks above the next line, read apart from it
# ('<i 6 a', 'a ve'). It holds no two Thai letters, no Latin word, no number.
_SPECKS = re.compile(r"[ก-ฮ]{2}|[A-Za-z]{3}|[\d๐-๙]{2}")


def join_wrapped_titles(blocks: Sequence[Block]) -> tuple[Block, ...]:
    """One page's blocks with a report title wrapped over several lines made one line.

    Narrow pages and large type wrap 'รายงานผลการดำเนินงาน… / ของเทศบาล… พ.ศ. ๒๕๖๔ / รอบ ๑๒
    เดือน': the first line alone names no organization (so no report is seen), or the title
    loses its year or round. A line joins the title when it follows it closely and starts with
    what a title's tail starts with (ของ…, พ.ศ., ประจำปี, รอบ, a year). A line of specks between
    them (the tail's marks, read as a line of their own) is kept after the title, not let cut it.
    """
    joined: list[Block] = []
    title_at = -1  # where in ``joined`` the title being joined stands (-1: none)
    title_lines = 0  # lines in that title
    for block in blocks:
        previous = joined[-1] if joined else None
        if isinstance(block, Line) and isinstance(previous, Line):
            if title_lines == 0 and title_opening(previous.text) is not None:
                title_at, title_lines = len(joined) - 1, 1
            title = joined[title_at] if title_lines else None
            if title_lines and not _SPECKS.search(strip_leading_noise(block.text)):
                joined.append(block)
                continue
            if (
                isinstance(title, Line)
                and title_lines < TITLE_MAX_LINES
                and _TITLE_TAIL.match(strip_leading_noise(block.text))
                and line_gap(title, block) < TITLE_WRAP_GAP
            ):
                joined[title_at] = _joined_line(title, block)
                title_lines += 1
                continue
        title_lines = 0
        joined.append(block)
    return tuple(joined)


def _joined_line(first: Line, second: Line) -> Line:
    bbox = first.bbox.union(second.bbox) if first.bbox and second.bbox else first.bbox or second.bbox
    confidences = [c for c in (first.confidence, second.confidence) if c is not None]
    return Line(f"{first.text} {second.text}", first.page, bbox, min(confidences) if confidences else None,
                first.words + second.words)


def segment(pages: Sequence[Page], person_titles: Sequence[str]) -> list[Document]:
    blocks: list[tuple[int, Block]] = [(p.number, b) for p in pages for b in join_wrapped_titles(p.blocks)]
    if not blocks:
        return []
    anchors = _anchors(blocks, person_titles)
    if not anchors:
        return [Document("other", 1, tuple(blocks))]
    cuts = [0] + [
        _cut(blocks, anchors[k - 1].index, anchors[k].index, person_titles)
        for k in range(1, len(anchors))
    ]
    documents: list[Document] = []
    before = blocks[: anchors[0].index]
    if before and _has_text(before) and not _heads_its_letter(before, blocks[anchors[0].index], anchors[0].kind):
        # Lines before the first anchor (a cover page, a stray page) are kept, not dropped.
        cuts[0] = anchors[0].index
        documents.append(Document("other", 1, tuple(before)))
    for k, anchor in enumerate(anchors):
        start = cuts[k]
        end = cuts[k + 1] if k + 1 < len(anchors) else len(blocks)
        documents.append(Document(anchor.kind, len(documents) + 1, tuple(blocks[start:end])))
    return documents


def _heads_its_letter(before: Sequence[tuple[int, Block]], anchor: tuple[int, Block], kind: DocumentKind) -> bool:
    """Whether the lines before a memo's or letter's anchor are its own head: all on the anchor's
    page, above it (the receiving stamp, the emblem, the sender's address)."""
    return kind in ("memo", "letter") and all(page == anchor[0] for page, _ in before)


def _anchors(blocks: list[tuple[int, Block]], person_titles: Sequence[str]) -> list[_Anchor]:
    anchors: list[_Anchor] = []
    memo_needs_number = False  # the first 'ที่' line after บันทึกข้อความ is the memo's own
    last_report_seq: int | None = None
    signed_since_anchor = False
    line_on_page: dict[int, int] = {}
    for index, (page, block) in enumerate(blocks):
        if isinstance(block, Table):
            if anchors and anchors[-1].kind == "report":
                last_report_seq = _last_seq(block) or last_report_seq
            elif is_report_table(block):
                # A report's table with no report title read above it (a stamp over the title,
                # a title the OCR garbled) is a report all the same: its rows are not the memo's.
                anchors.append(_Anchor(index, "report"))
                memo_needs_number = signed_since_anchor = False
                last_report_seq = _last_seq(block)
            continue
        line_on_page[page] = line_on_page.get(page, 0) + 1
        text = strip_leading_noise(block.text)
        kind = _line_kind(text)
        if (
            kind is None
            and line_on_page[page] <= HEADING_MAX_LINE
            and len(text) <= HEADING_MAX_CHARS
            and _ANNOUNCEMENT_HEADING.match(text)
        ):
            kind = "announcement"
        if kind is None:
            if find_signatures([block], person_titles):
                signed_since_anchor = True
            continue
        current = anchors[-1].kind if anchors else None
        if kind == "letter" and current == "memo" and memo_needs_number:
            memo_needs_number = False
            continue
        if kind == "letter" and current in ("memo", "letter") and not signed_since_anchor:
            continue  # a second 'ที่' line inside an unsigned letter is not a new letter
        if kind == "report" and current == "report":
            first = _next_table_first_seq(blocks, index)
            if first is None or last_report_seq is None or first > last_report_seq:
                continue  # the numbering goes on: the same report, next page
        anchors.append(_Anchor(index, kind))
        memo_needs_number = kind == "memo"
        signed_since_anchor = False
        last_report_seq = None
    return anchors


# Labels only a report table's header holds together (each group: one of these), and how like
# them its cells must read. The status labels keep a memo's own table of budget lines out.
REPORT_HEADER_LABELS = (
    ("ลำดับ",), ("งบประมาณ",), ("เบิกจ่าย",),
    ("สถานะ", "รอรายงาน", "อยู่ระหว่างดำเนินการ", "ดำเนินการแล้วเสร็จ"),
)
REPORT_HEADER_MIN_SCORE = 80.0
REPORT_HEADER_ROWS = 3


def is_report_table(table: Table) -> bool:
    """Whether ``table``'s first rows hold a report header's labels: ลำดับ, งบประมาณ, เบิกจ่าย
    and a status."""
    texts = [cell.text for row in table.rows[:REPORT_HEADER_ROWS] for cell in row if cell.text.strip()]
    return all(
        any(label_score(text, label) >= REPORT_HEADER_MIN_SCORE for text in texts for label in group)
        for group in REPORT_HEADER_LABELS
    )


def is_memo_title(text: str) -> bool:
    """Whether the (cleaned) line is บันทึกข้อความ, garbled or with the stamp's words beside it."""
    return len(text) <= 3 * len(MEMO_TITLE) and (
        label_score(text, MEMO_TITLE) >= MEMO_MIN_SCORE
        or any(label_score(word, MEMO_TITLE) >= MEMO_WORD_MIN_SCORE for word in text.split()[:3])
    )


def _line_kind(text: str) -> DocumentKind | None:
    if is_memo_title(text):
        return "memo"
    if DOC_NUMBER_LINE.match(text):
        return "letter"
    if _ANNOUNCEMENT.match(text):
        return "announcement"
    if _RESOLUTION.match(text):
        return "resolution"
    if is_report_title(text):
        return "report"
    return None


def _cut(
    blocks: list[tuple[int, Block]], previous: int, anchor: int, person_titles: Sequence[str]
) -> int:
    """Where the document anchored at ``anchor`` begins: the widest gap after ``previous``'s
    last signature (latest gap wins a tie, keeping attachments with what they precede)."""
    start = previous + 1
    lines = [(i, b) for i, (_, b) in enumerate(blocks[start:anchor], start) if isinstance(b, Line)]
    signatures = find_signatures([b for _, b in lines], person_titles)
    if signatures:
        start = lines[signatures[-1].end - 1][0] + 1 if signatures[-1].end > 0 else start
    best, best_gap = anchor, -1.0
    for i in range(max(start, previous + 1), anchor + 1):
        prev_line, cur_line = _line_before(blocks, i), blocks[i][1]
        if prev_line is None or not isinstance(cur_line, Line):
            continue
        gap = line_gap(prev_line, cur_line)
        if gap >= best_gap:
            best, best_gap = i, gap
    return best


def _line_before(blocks: list[tuple[int, Block]], index: int) -> Line | None:
    for i in range(index - 1, -1, -1):
        block = blocks[i][1]
        if isinstance(block, Line):
            return block
    return None


def _has_text(blocks: list[tuple[int, Block]]) -> bool:
    return any(isinstance(b, Table) or b.text.strip() for _, b in blocks)


def row_seq(cells: Sequence[object]) -> int | None:
    """The sequence number in a row's first cell, if it is one."""
    if not cells:
        return None
    text = getattr(cells[0], "text", "")
    return parse_int(text) if isinstance(text, str) else None


def _last_seq(table: Table) -> int | None:
    seqs = [s for s in (row_seq(r) for r in table.rows) if s is not None]
    return seqs[-1] if seqs else None


def _next_table_first_seq(blocks: list[tuple[int, Block]], index: int) -> int | None:
    for _, block in blocks[index + 1 :]:
        if isinstance(block, Table):
            seqs = [s for s in (row_seq(r) for r in block.rows) if s is not None]
            return seqs[0] if seqs else None
        if is_report_title(block.text):
            return None
    return None
