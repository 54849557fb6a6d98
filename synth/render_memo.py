"""The cover memo (บันทึกข้อความ) in the official layout: emblem, header fields, body, signatures,
a blue receiving stamp and a few pen marks."""

from __future__ import annotations

import random

from PIL import ImageDraw

from synth.content import Bundle
from synth.draw import BLUE_PEN, TONER, emblem, handwriting, jittered, pen_stroke, rubber_stamp, signature, text_line
from synth.fonts import FontBook
from synth.pages import RenderedPage, blank_page
from synth.thaitext import digits, wrap
from synth.vocab import MONTHS_SHORT

CM = 1 / 2.54  # inches


def render_memo(bundle: Bundle, dpi: int, fonts: FontBook, seed: int) -> RenderedPage:
    """Shrinks the type until everything fits on one A4 page, as a clerk would."""
    style_rng = random.Random(f"{seed}:memo-style")
    families = fonts.families()
    family = "Laksaman" if style_rng.random() < 0.75 or len(families) == 1 else style_rng.choice(families)
    dotted = style_rng.random() < 0.5
    for size in (16, 15, 14, 13, 12):
        page, fits = _layout(bundle, dpi, fonts, family, size, dotted, random.Random(f"{seed}:memo:{size}"))
        if fits:
            break
    return page


def _layout(bundle: Bundle, dpi: int, fonts: FontBook, family: str, size: float, dotted: bool,
            rng: random.Random) -> tuple[RenderedPage, bool]:
    memo = bundle.memo
    page = RenderedPage(blank_page(dpi, "portrait"), "memo", "portrait")
    draw = ImageDraw.Draw(page.image)
    unit = dpi / 300
    left, right = round(3 * CM * dpi), page.image.width - round(2 * CM * dpi)
    width = right - left
    body, bold = fonts.face(family, size, dpi), fonts.face(family, size, dpi, bold=True)
    lh = body.line_height
    top = round(1.8 * CM * dpi)

    emblem_size = round(1.5 * CM * dpi)
    emblem(draw, left, top, emblem_size)
    title = fonts.face(family, size * 1.8, dpi, bold=True)
    text_line(draw, left, top + emblem_size - title.line_height, "บันทึกข้อความ", title, align="center", width=width)
    y = top + emblem_size + lh // 2

    def field(x: int, y: int, label: str, value: str, end: int = right) -> int:
        """A bold label and its value, wrapped with a hanging indent; returns the next y."""
        text_line(draw, x, y, label, bold)
        vx = x + round(bold.width(label) + body.px * 0.4)
        for line in wrap(value, end - vx, body.width):
            if dotted:
                _dots(draw, vx, end, y + body.ascent + round(body.px * 0.18), unit)
            text_line(draw, vx, y, line, body)
            y += lh
        return y

    y = field(left, y, "ส่วนราชการ", memo.agency)
    field(left, y, "ที่", memo.doc_number_printed, end=left + width // 2 - body.px)
    y = field(left + width // 2, y, "วันที่", memo.date_printed)
    subject_top = y
    y = field(left, y, "เรื่อง", memo.subject)
    y += lh // 2
    y = field(left, y, "เรียน", memo.addressee) + lh // 3
    indent = round(2.5 * CM * dpi)
    for paragraph in memo.paragraphs:
        lines = wrap(paragraph, width - indent, body.width)
        rest = wrap(paragraph[len(lines[0]):].strip(), width, body.width) if len(lines) > 1 else []
        for i, line in enumerate([lines[0], *rest]):
            text_line(draw, left + (indent if i == 0 else 0), y, line, body)
            y += lh
    y += lh // 2
    text_line(draw, left + indent, y, memo.closing, body)
    y += lh * 2

    blocks = [(left + round(width * 0.62), memo.signatories[0])]
    blocks += [(left + round(width * (0.25 if i % 2 == 0 else 0.7)), person) for i, person in enumerate(memo.signatories[1:])]
    hand = fonts.face("Purisa", size * 0.95, dpi)
    for number, (cx, person) in enumerate(blocks):
        if number > 0:  # a superior's note in pen above the signature
            note = rng.choice(("ทราบ", "เพื่อโปรดทราบ", "ทราบ / ดำเนินการ", "เห็นควรทราบ"))
            handwriting(page.image, cx - hand.width(note) / 2, y - lh // 2, note, hand, rng, BLUE_PEN)
            y += lh
        signature(draw, cx, y + lh * 0.9, body.px * 5, rng, unit)
        y += lh
        text_line(draw, cx - width // 3, y, f"({person.name})", body, align="center", width=2 * (width // 3))
        y += lh
        for line in wrap(person.position, round(width * 0.75), body.width):
            text_line(draw, cx - width // 3, y, line, body, align="center", width=2 * (width // 3))
            y += lh
        y += lh // 2
    fits = y <= page.image.height - round(1.5 * CM * dpi)

    _receiving_stamp(page, bundle, fonts, family, dpi, rng)
    _pen_marks(draw, rng, unit, left, right, subject_top, lh, page.image.height)
    return page, fits


def _dots(draw: ImageDraw.ImageDraw, x0: int, x1: int, y: int, unit: float) -> None:
    step, r = max(3, round(9 * unit)), max(1, round(unit))
    for x in range(x0, x1, step):
        draw.ellipse((x - r, y - r, x + r, y + r), fill=TONER)


def _receiving_stamp(page: RenderedPage, bundle: Bundle, fonts: FontBook, family: str, dpi: int,
                     rng: random.Random) -> None:
    stamp = bundle.memo.stamp
    label = fonts.face(family, 10, dpi, bold=True)
    hand = fonts.face("Purisa", 11, dpi)
    be = (stamp.date.year + 543) % 100
    date = digits(f"{stamp.date.day} {MONTHS_SHORT[stamp.date.month - 1]} {be}", thai=True)
    org = bundle.organization
    abbreviation = {"เทศบาลนคร": "ทน.", "เทศบาลเมือง": "ทม.", "เทศบาลตำบล": "ทต."}.get(org.kind, "อบต.")
    lines = [(f"{abbreviation}{org.place}", ""), ("เลขรับ", digits(str(stamp.number), True)),
             ("วันที่", date), ("เวลา", digits(stamp.time.replace(":", "."), True) + " น.")]
    # Top-right corner, where a registry clerk stamps incoming papers, clear of the title.
    rubber_stamp(page.image, page.image.width - round(0.6 * CM * dpi), round(0.4 * CM * dpi), lines, label, hand, rng, dpi / 300)


def _pen_marks(draw: ImageDraw.ImageDraw, rng: random.Random, unit: float, left: int, right: int,
               subject_top: int, lh: int, height: int) -> None:
    """A few strokes a reader leaves: an underline under the subject, a margin tick, a squiggle."""
    width = max(2, round(3 * unit))
    if rng.random() < 0.6:
        y = subject_top + lh * 1.05
        start = left + rng.uniform(0.1, 0.3) * (right - left)
        pen_stroke(draw, jittered([(start, y), (start + rng.uniform(0.3, 0.6) * (right - left), y + rng.uniform(-6, 6) * unit)],
                                  rng, 1.5 * unit), width, BLUE_PEN)
    for _ in range(rng.randint(1, 3)):
        x = rng.uniform(0.2, 0.8) * left
        y = rng.uniform(0.3, 0.9) * height
        s = rng.uniform(20, 50) * unit
        points = [(x, y), (x + s * 0.4, y + s * 0.5), (x + s, y - s * 0.6)]
        if rng.random() < 0.5:
            points = [(x + rng.uniform(-s, s), y + rng.uniform(-s, s) / 2) for _ in range(5)]
        pen_stroke(draw, jittered(points, rng, unit), width, BLUE_PEN)
