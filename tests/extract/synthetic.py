"""Inputs the extract tests make for themselves: Thai pages rendered with a TLWG font, and
small PDFs (text layer, image only, zero pages, encrypted, corrupt) written without any
PDF-writing dependency beyond pypdfium2, which the project already needs.
"""

from __future__ import annotations

import ctypes
import hashlib
import subprocess
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

MEMO_TITLE = "บันทึกข้อความ"
MEMO_NUMBER_LINE = "ที่ ยล ๕๒๕๐๑/๑๖๖ วันที่ ๑๔ กุมภาพันธ์ ๒๕๖๖"
MEMO_LINES = (
    "ส่วนราชการ สำนักปลัดเทศบาลเมืองสะเตงนอก ฝ่ายบริหารงานทั่วไป",
    MEMO_NUMBER_LINE,
    "เรื่อง รายงานผลการดำเนินการตามแผนปฏิบัติการป้องกันการทุจริต",
    "เรียน นายกเทศมนตรีเมืองสะเตงนอก",
    "ตามที่ สำนักงานส่งเสริมการปกครองส่วนท้องถิ่นจังหวัดยะลา มีหนังสือแจ้ง",
    "ให้องค์กรปกครองส่วนท้องถิ่นรายงานผลการดำเนินการ ภายในวันที่ ๓๑ มีนาคม",
    "จึงเรียนมาเพื่อโปรดทราบและพิจารณา",
)
A4_POINTS = (595.0, 842.0)


@lru_cache(maxsize=1)
def thai_font_path() -> Path:
    """Laksaman from fonts-thai-tlwg (the Sarabun look-alike), found through fontconfig."""
    found = subprocess.run(
        ["fc-list", ":lang=th", "file"], capture_output=True, text=True, check=False
    ).stdout
    paths = [Path(line.split(":")[0]) for line in found.splitlines() if line.strip()]
    for path in sorted(paths):
        if path.name == "Laksaman.ttf":
            return path
    if not paths:
        raise FileNotFoundError("no Thai font (install fonts-thai-tlwg)")
    return sorted(paths)[0]


def thai_font(size_px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(
        str(thai_font_path()), size_px, layout_engine=ImageFont.Layout.RAQM
    )


def render_lines(
    lines: tuple[str, ...],
    *,
    dpi: int = 200,
    width_in: float = 7.0,
    point_size: float = 16.0,
    title: str | None = None,
    rule_under: tuple[int, ...] = (),
) -> Image.Image:
    """Black Thai text on white, one line per entry, Sarabun-like 16 pt as in a memo.

    ``rule_under`` draws a ruled line under the given line indexes, as memo forms have.
    """
    px = round(point_size / 72 * dpi)
    font = thai_font(px)
    title_font = thai_font(round(px * 1.6))
    margin = px
    pitch = round(px * 1.6)
    height = 2 * margin + pitch * (len(lines) + (2 if title else 0))
    image = Image.new("L", (round(width_in * dpi), height), 255)
    draw = ImageDraw.Draw(image)
    y = margin
    if title:
        draw.text((image.width // 2, y), title, font=title_font, fill=0, anchor="ma")
        y += 2 * pitch
    for index, text in enumerate(lines):
        draw.text((margin, y), text, font=font, fill=0)
        if index in rule_under:
            draw.line((margin, y + pitch - px // 6, image.width - margin, y + pitch - px // 6),
                      fill=0, width=max(1, dpi // 100))
        y += pitch
    return image


def memo_page(dpi: int = 200) -> Image.Image:
    """A short memo: the title and the header block of a บันทึกข้อความ."""
    return render_lines(MEMO_LINES, dpi=dpi, title=MEMO_TITLE, rule_under=(0, 1, 2))


# --- PDFs -----------------------------------------------------------------------------------


def text_layer_pdf(path: Path, lines: tuple[str, ...], font_size: float = 16.0) -> Path:
    """An A4 PDF whose text layer holds ``lines`` in an embedded Thai TrueType font.

    PDFium maps each character to a glyph without shaping, so marks may sit a little off in
    the rendering, but the text layer (what this is for) is exact Unicode.
    """
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument.new()
    page = pdf.new_page(*A4_POINTS)
    data = thai_font_path().read_bytes()
    buffer = (ctypes.c_uint8 * len(data)).from_buffer_copy(data)
    font = raw.FPDFText_LoadFont(pdf.raw, buffer, len(data), raw.FPDF_FONT_TRUETYPE, True)
    if not font:
        raise RuntimeError("PDFium could not load the Thai font")
    y = A4_POINTS[1] - 72
    for text in lines:
        obj = raw.FPDFPageObj_CreateTextObj(pdf.raw, font, font_size)
        utf16 = (text + "\0").encode("utf-16-le")
        chars = ctypes.create_string_buffer(utf16, len(utf16))
        if not raw.FPDFText_SetText(obj, ctypes.cast(chars, raw.FPDF_WIDESTRING)):
            raise RuntimeError("PDFium could not set the text")
        raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, 72, y)
        raw.FPDFPage_InsertObject(page.raw, obj)
        y -= font_size * 1.75
    if not raw.FPDFPage_GenerateContent(page.raw):
        raise RuntimeError("PDFium could not write the page content")
    pdf.save(str(path))
    raw.FPDFFont_Close(font)
    pdf.close()
    return path


def image_pdf(path: Path, image: Image.Image, dpi: int) -> Path:
    """A PDF with one page holding ``image`` at ``dpi`` and no text layer (a scan)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    width, height = image.width * 72 / dpi, image.height * 72 / dpi
    page = pdf.new_page(width, height)
    picture = pdfium.PdfImage.new(pdf)
    bitmap = pdfium.PdfBitmap.from_pil(image.convert("RGB"))
    picture.set_bitmap(bitmap)
    picture.set_matrix(pdfium.PdfMatrix().scale(width, height))
    page.insert_obj(picture)
    page.gen_content()
    pdf.save(str(path))
    pdf.close()
    return path


def _pdf_bytes(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    """Assemble numbered objects into a PDF file with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R " % (len(objects) + 1) + trailer_extra
    out += b">>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def zero_page_pdf(path: Path) -> Path:
    path.write_bytes(
        _pdf_bytes([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"])
    )
    return path


_PASSWORD_PAD = bytes.fromhex(
    "28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A"
)


def _rc4(key: bytes, data: bytes) -> bytes:
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    out, i, j = bytearray(), 0, 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) % 256])
    return bytes(out)


def encrypted_pdf(path: Path, user_password: bytes = b"secret") -> Path:
    """A one-page PDF under the standard security handler (RC4 40-bit, revision 2) that
    needs ``user_password`` to open: PDF 1.7 section 7.6.3, algorithms 2, 3 and 4."""
    owner_password = b"owner-" + user_password
    file_id = hashlib.md5(b"saraban-test").digest()
    permissions = -4  # all permissions; the password is what stops a reader
    owner_key = hashlib.md5((owner_password + _PASSWORD_PAD)[:32]).digest()[:5]
    owner_entry = _rc4(owner_key, (user_password + _PASSWORD_PAD)[:32])
    file_key = hashlib.md5(
        (user_password + _PASSWORD_PAD)[:32]
        + owner_entry
        + permissions.to_bytes(4, "little", signed=True)
        + file_id
    ).digest()[:5]
    user_entry = _rc4(file_key, _PASSWORD_PAD)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>"
        % (owner_entry.hex().encode(), user_entry.hex().encode(), permissions),
    ]
    trailer = b"/Encrypt 4 0 R /ID [<%s> <%s>] " % (file_id.hex().encode(), file_id.hex().encode())
    path.write_bytes(_pdf_bytes(objects, trailer))
    return path
