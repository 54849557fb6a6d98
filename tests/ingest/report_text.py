"""Build small OCR-text bundles in the seed's shape, to make each flag fire (or stay quiet)."""

from __future__ import annotations

from dataclasses import dataclass, field

STATUSES = ("awaiting_report", "in_progress", "completed", "unable_to_proceed")
HEADER = (
    "ลำดับ\tรายการโครงการ (ตั้งต้น)\tมิติ\tงบประมาณ (บาท)\tเบิกจ่าย (บาท)\tสถานะ\t\t\t\tหมายเหตุ\n"
    "\t\t\t\t\tรอ รายงาน\tอยู่ ระหว่าง ดำเนินการ\tดำเนินการ แล้วเสร็จ\tไม่ สามารถ ดำเนินการ ได้\t\n"
)
CHECKED = '<input checked="" type="checkbox"/>'
UNCHECKED = '<input type="checkbox"/>'
MEMO = """บันทึกข้อความ

ส่วนราชการ สำนักปลัดเทศบาลตำบลบ้านนา โทร ๐๗๓-๒๐๒๒๐๐

ที่ นศ ๗๒๕๐๑/๑๖๖ วันที่ ๑๔ กุมภาพันธ์ ๒๕๖๖

เรื่อง รายงานผลการดำเนินการตามแผนปฏิบัติการป้องกันการทุจริต

เรียน นายกเทศมนตรีตำบลบ้านนา

จึงเรียนมาเพื่อโปรดทราบ

(นางสาวสมใจ ใจดี)
นิติกร



"""


@dataclass
class Row:
    seq: str
    name: str = "โครงการอบรมคุณธรรม"
    dimension: str = "1"
    budget: str = "10,000.00"
    disbursed: str = "5,000.00"
    ticks: tuple[str, ...] = ("completed",)


@dataclass
class Bundle:
    rows: list[Row] = field(default_factory=lambda: [Row(str(i)) for i in range(1, 4)])
    organization: str = "เทศบาลตำบลบ้านนา"
    memo: str = MEMO
    total: str | None = None
    counts: dict[str, str] | None = None
    disbursed: str | None = None
    percent: str | None = None
    as_of: str = "13 กุมภาพันธ์ 2566"
    explicit_boxes: bool = True  # False: unticked cells left blank, as OCR text often has them
    round_months: int | None = 12  # None: the title prints no round
    year: str = "2565"  # as the title prints it ("": none)
    title: bool = True  # False: the report's title left out, as a stamp over it would

    def text(self) -> str:
        parts = [self.memo]
        if self.title:
            parts.append(
                f"รายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต ของ{self.organization} "
                f"พ.ศ. {self.year}{'' if self.round_months is None else f' รอบ {self.round_months} เดือน'}\n\n"
            )
        parts.append(HEADER)
        for row in self.rows:
            empty = UNCHECKED if self.explicit_boxes else ""
            boxes = [CHECKED if s in row.ticks else empty for s in STATUSES]
            parts.append("\t".join([row.seq, row.name, row.dimension, row.budget, row.disbursed, *boxes, ""]) + "\n")
        parts.append("\n" + self.summary())
        return "".join(parts)

    def summary(self) -> str:
        from decimal import Decimal

        def amount(text: str) -> Decimal:
            return Decimal(text.replace(",", "")) if text.replace(",", "").replace(".", "").isdigit() else Decimal(0)

        counts = {s: sum(1 for r in self.rows if r.ticks == (s,)) for s in STATUSES}
        counts.update(self.counts or {})
        budget = sum((amount(r.budget) for r in self.rows), Decimal(0))
        spent = sum((amount(r.disbursed) for r in self.rows), Decimal(0))
        percent = self.percent or (f"{spent * 100 / budget:.2f}" if budget else "0.00")
        return (
            "สรุปผลการขับเคลื่อนแผนฯ\n\n"
            f"- แผนปฏิบัติการป้องกันการทุจริต มีโครงการ/กิจกรรม/มาตรการ จำนวน {self.total or len(self.rows)} โครงการ\n"
            f"- รอการรายงาน {counts['awaiting_report']} โครงการ\n"
            f"- อยู่ระหว่างดำเนินการ {counts['in_progress']} โครงการ\n"
            f"- ดำเนินการแล้วเสร็จ {counts['completed']} โครงการ\n"
            f"- ไม่สามารถดำเนินการได้ {counts['unable_to_proceed']} โครงการ\n"
            f"- เบิกจ่ายงบประมาณ {self.disbursed or f'{spent:,.2f}'} บาท คิดเป็นร้อยละ {percent}\n"
            "- มีการนำแผนฯ ไปปฏิบัติ ระดับ (มาก) ร้อยละ 91.53\n\n"
            f"** ข้อมูล ณ วันที่ {self.as_of}\n\n"
            "ชื่อ - สกุล ผู้รายงาน นางสาวสมใจ ใจดี ตำแหน่ง นิติกร\n"
        )
