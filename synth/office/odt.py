"""The memo as an OpenDocument text (.odt), in the official layout of ระเบียบสำนักนายกรัฐมนตรีว่าด้วย
งานสารบรรณ: the emblem with บันทึกข้อความ beside it, ส่วนราชการ, ที่ and วันที่ (one line by a tab
stop or a borderless table, or two lines), เรื่อง, เรียน, body paragraphs with a 2.5 cm first-line
indent, the closing, and signature blocks (name in parentheses, position).

Pure: a bundle, a style and a size in, the .odt's bytes out (odfpy builds it in memory). Thai is
a complex script to LibreOffice, so every text style sets the complex-script font, size and
weight (and the Western ones, for Arabic digits and Latin).
"""

from __future__ import annotations

import io

from odf import teletype
from odf.draw import Frame
from odf.draw import Image as DrawImage
from odf.opendocument import OpenDocumentText
from odf.style import (FontFace, GraphicProperties, MasterPage, PageLayout, PageLayoutProperties,
                       ParagraphProperties, Style, TableColumnProperties, TableProperties, TabStop, TabStops,
                       TextProperties)
from odf.table import Table, TableCell, TableColumn, TableRow
from odf.text import P, Span, Tab
from PIL import Image, ImageDraw

from synth.content import Bundle
from synth.office.style import OfficeStyle

PAGE_CM = (21.0, 29.7)
EMBLEM_CM = 1.5
BODY_INDENT_CM = 2.5


def emblem_png() -> bytes:
    """A stand-in for the Garuda (a dark disc over a wing-like band), as a small PNG."""
    image = Image.new("L", (300, 300), 255)
    draw = ImageDraw.Draw(image)
    draw.ellipse((108, 24, 192, 108), fill=22)
    draw.polygon([(6, 90), (150, 144), (294, 90), (246, 210), (150, 180), (54, 210)], fill=22)
    draw.polygon([(108, 174), (192, 174), (174, 300), (126, 300)], fill=22)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _text(font: str, size: float, bold: bool = False) -> TextProperties:
    weight = "bold" if bold else "normal"
    return TextProperties(fontname=font, fontnameasian=font, fontnamecomplex=font,
                          fontsize=f"{size}pt", fontsizeasian=f"{size}pt", fontsizecomplex=f"{size}pt",
                          fontweight=weight, fontweightasian=weight, fontweightcomplex=weight,
                          language="th", country="TH", languagecomplex="th", countrycomplex="TH")


class _Builder:
    """The document and its styles; one instance per memo."""

    def __init__(self, style: OfficeStyle, size: float) -> None:
        self.doc = OpenDocumentText()
        self.style, self.size = style, size
        top, right, bottom, left = style.margins_cm
        self.width_cm = PAGE_CM[0] - left - right
        font = style.font_family
        self.doc.fontfacedecls.addElement(FontFace(name=font, fontfamily=f"'{font}'", fontpitch="variable"))
        layout = PageLayout(name="Memo")
        layout.addElement(PageLayoutProperties(pagewidth=f"{PAGE_CM[0]}cm", pageheight=f"{PAGE_CM[1]}cm",
                                               margintop=f"{top}cm", marginbottom=f"{bottom}cm",
                                               marginleft=f"{left}cm", marginright=f"{right}cm",
                                               printorientation="portrait"))
        self.doc.automaticstyles.addElement(layout)
        self.doc.masterstyles.addElement(MasterPage(name="Standard", pagelayoutname=layout))
        standard = Style(name="Standard", family="paragraph")
        standard.addElement(_text(font, size))
        standard.addElement(ParagraphProperties(margintop="0cm", marginbottom="0cm"))
        self.doc.styles.addElement(standard)
        self.label = self._span("Label", _text(font, size + style.label_extra_pt, bold=True))
        self.title = self._span("Title", _text(font, style.title_size_pt, bold=True))
        self.value = self._span("Value", _text(font, size))

    def _span(self, name: str, properties: TextProperties) -> Style:
        span = Style(name=name, family="text")
        span.addElement(properties)
        self.doc.automaticstyles.addElement(span)
        return span

    def paragraph_style(self, name: str, tabs: tuple[tuple[float, str, bool], ...] = (), **properties: str) -> Style:
        """A paragraph style; ``tabs`` are (position cm, type, dotted leader)."""
        paragraph = Style(name=name, family="paragraph", parentstylename="Standard")
        props = ParagraphProperties(**properties)
        if tabs:
            stops = TabStops()
            for position, kind, dotted in tabs:
                extra = {"leaderstyle": "dotted", "leadertext": "."} if dotted else {}
                stops.addElement(TabStop(position=f"{position}cm", type=kind, **extra))
            props.addElement(stops)
        paragraph.addElement(props)
        self.doc.automaticstyles.addElement(paragraph)
        return paragraph

    def add(self, element: object) -> None:
        self.doc.text.addElement(element)


def _labelled(builder: _Builder, paragraph: P, label: str, value: str, leader_tab: bool) -> P:
    paragraph.addElement(Span(stylename=builder.label, text=label))
    value_span = Span(stylename=builder.value)
    teletype.addTextToElement(value_span, f" {value}")
    paragraph.addElement(value_span)
    if leader_tab:
        paragraph.addElement(Tab())
    return paragraph


def memo_odt(bundle: Bundle, style: OfficeStyle, size_pt: float) -> bytes:
    """The memo of ``bundle`` set at body size ``size_pt``."""
    memo, b = bundle.memo, _Builder(style, size_pt)
    width, dotted = b.width_cm, style.dotted
    leader_end = ((width, "right", True),) if dotted else ()

    title = P(stylename=b.paragraph_style("Head", tabs=((width / 2, "center", False),), marginbottom="0.2cm"))
    picture = b.doc.addPicture("Pictures/emblem.png", "image/png", emblem_png())
    frame_style = Style(name="EmblemFrame", family="graphic")
    frame_style.addElement(GraphicProperties(verticalpos="top", verticalrel="baseline", wrap="none"))
    b.doc.automaticstyles.addElement(frame_style)
    frame = Frame(stylename=frame_style, width=f"{EMBLEM_CM}cm", height=f"{EMBLEM_CM}cm", anchortype="as-char")
    frame.addElement(DrawImage(href=picture))
    title.addElement(frame)
    title.addElement(Tab())
    title.addElement(Span(stylename=b.title, text="บันทึกข้อความ"))
    b.add(title)

    field = b.paragraph_style("Field", tabs=leader_end)
    b.add(_labelled(b, P(stylename=field), "ส่วนราชการ", memo.agency, dotted))
    if style.number_date == "tab":
        tabs = ((style.date_tab_cm, "left", dotted), *leader_end)
        line = _labelled(b, P(stylename=b.paragraph_style("NumberDate", tabs=tabs)), "ที่", memo.doc_number_printed, True)
        b.add(_labelled(b, line, "วันที่", memo.date_printed, dotted))
    elif style.number_date == "table":
        b.add(_number_date_table(b, memo.doc_number_printed, memo.date_printed))
    else:
        b.add(_labelled(b, P(stylename=field), "ที่", memo.doc_number_printed, dotted))
        b.add(_labelled(b, P(stylename=field), "วันที่", memo.date_printed, dotted))
    b.add(_labelled(b, P(stylename=field), "เรื่อง", memo.subject, False))
    b.add(_labelled(b, P(stylename=b.paragraph_style("To", margintop="0.25cm")), "เรียน", memo.addressee, False))

    body = b.paragraph_style("Body", textindent=f"{BODY_INDENT_CM}cm", textalign="justify" if style.justified else "start")
    for text in memo.paragraphs:
        paragraph = P(stylename=body)
        teletype.addTextToElement(paragraph, text)
        b.add(paragraph)
    b.add(P(stylename=b.paragraph_style("Closing", textindent=f"{BODY_INDENT_CM}cm", margintop="0.3cm"), text=memo.closing))

    sides = {"right": b.paragraph_style("SignRight", textalign="center", marginleft=f"{width * 0.4:.2f}cm"),
             "left": b.paragraph_style("SignLeft", textalign="center", marginright=f"{width * 0.4:.2f}cm")}
    gap = b.paragraph_style("SignGap", margintop="0.5cm")
    for index, person in enumerate(memo.signatories):
        side = sides["right" if index % 2 == 0 else "left"]
        b.add(P(stylename=gap))  # room for the pen signature
        b.add(P(stylename=side, text=f"({person.name})"))
        b.add(P(stylename=side, text=person.position))
    buffer = io.BytesIO()
    b.doc.write(buffer)
    return buffer.getvalue()


def _number_date_table(b: _Builder, number: str, date: str) -> Table:
    """ที่ and วันที่ as the two cells of a borderless table the width of the text."""
    table_style = Style(name="NumberDateTable", family="table")
    table_style.addElement(TableProperties(width=f"{b.width_cm}cm", align="margins"))
    b.doc.automaticstyles.addElement(table_style)
    table = Table(name="NumberDate", stylename=table_style)
    for name, width in (("A", b.style.date_tab_cm), ("B", b.width_cm - b.style.date_tab_cm)):
        column_style = Style(name=f"NumberDate.{name}", family="table-column")
        column_style.addElement(TableColumnProperties(columnwidth=f"{width}cm"))
        b.doc.automaticstyles.addElement(column_style)
        table.addElement(TableColumn(stylename=column_style))
    row = TableRow()
    for label, value in (("ที่", number), ("วันที่", date)):
        cell = TableCell(valuetype="string")
        cell.addElement(_labelled(b, P(stylename="Standard"), label, value, False))
        row.addElement(cell)
    table.addElement(row)
    return table
