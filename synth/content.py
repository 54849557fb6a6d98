"""What a synthetic bundle says: pure data drawn from ``random.Random(seed)``, no drawing.

The base content never depends on which injections are asked for, so a bundle with an injection
differs from the same seed without it only where the injection says (see ``inject.py``).
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from synth import vocab
from synth.thaitext import be_year, date_of, digits, percent, thai_date

# Status columns in the order the report prints them.
STATUSES = ("awaiting_report", "in_progress", "completed", "unable_to_proceed")


@dataclass(frozen=True)
class Person:
    title: str
    first: str
    last: str
    position: str

    @property
    def name(self) -> str:
        # Thai writes the title attached to the first name: นางสาวยาวาเสะ ดอเล้าะ
        return f"{self.title}{self.first} {self.last}"


@dataclass(frozen=True)
class Organization:
    name: str
    kind: str
    place: str
    province: str
    doc_code: str
    org_code: str

    @property
    def executive(self) -> str:
        return vocab.EXECUTIVE_TITLE[self.kind] + self.place

    @property
    def bylaw(self) -> str:
        return "เทศบัญญัติ" if self.kind.startswith("เทศบาล") else "ข้อบัญญัติ"

    @property
    def short(self) -> str:
        return "เทศบาล" if self.kind.startswith("เทศบาล") else "องค์การบริหารส่วนตำบล"


@dataclass(frozen=True)
class ProjectRow:
    seq: int
    project_name: str
    dimension: int
    budget: Decimal
    disbursed: Decimal
    status: str  # one of STATUSES, or "empty" / "multiple" when a tick is injected away or doubled
    status_intended: str  # what the e-PlanNACC system holds; the summary counts this
    ticks: tuple[str, ...]  # the status columns that carry a mark
    remarks: str


@dataclass(frozen=True)
class Summary:
    total: int
    awaiting_report: int
    in_progress: int
    completed: int
    unable_to_proceed: int
    disbursed: Decimal
    disbursed_percent: Decimal
    implementation_percent: Decimal
    implementation_level: str
    as_of: dt.date


@dataclass(frozen=True)
class Report:
    fiscal_year: int
    round_months: int
    rows: tuple[ProjectRow, ...]
    stated: Summary
    reporter: Person
    reporter_signatory_index: int | None  # which memo signatory is the same person, if any
    problems: str | None
    thai_digits: bool
    name_header: str  # "รายการโครงการ" or "รายการโครงการ (ตั้งต้น)"


@dataclass(frozen=True)
class Stamp:
    number: int
    date: dt.date
    time: str  # "09:23"


@dataclass(frozen=True)
class Memo:
    agency: str
    doc_number: str  # tidied, Arabic digits: "ยล 52501/166"
    doc_number_printed: str
    day: int  # kept apart from ``date`` so an invalid day (32) can be printed
    month: int
    be_year: int
    subject: str
    addressee: str
    paragraphs: tuple[str, ...]
    closing: str
    signatories: tuple[Person, ...]
    stamp: Stamp
    thai_digits: bool

    @property
    def date(self) -> dt.date | None:
        return date_of(self.day, self.month, self.be_year)

    @property
    def date_printed(self) -> str:
        return thai_date(self.day, self.month, self.be_year, self.thai_digits)


@dataclass(frozen=True)
class Bundle:
    seed: int
    organization: Organization
    memo: Memo
    report: Report


def summarize(rows: tuple[ProjectRow, ...], as_of: dt.date) -> Summary:
    """The summary block as e-PlanNACC computes it from its own records (intended statuses).

    The implementation percentage is (completed + in progress) / total: the real formula is not
    published, and the real bundle's 91.53 matches no obvious one."""
    counts = Counter(r.status_intended for r in rows)
    budget = sum((r.budget for r in rows), Decimal("0"))
    disbursed = sum((r.disbursed for r in rows), Decimal("0"))
    implemented = percent(Decimal(counts["completed"] + counts["in_progress"]), Decimal(len(rows)))
    level = "มาก" if implemented >= 80 else "ปานกลาง" if implemented >= 50 else "น้อย"
    return Summary(
        total=len(rows),
        awaiting_report=counts["awaiting_report"],
        in_progress=counts["in_progress"],
        completed=counts["completed"],
        unable_to_proceed=counts["unable_to_proceed"],
        disbursed=disbursed,
        disbursed_percent=percent(disbursed, budget),
        implementation_percent=implemented,
        implementation_level=level,
        as_of=as_of,
    )


def generate_content(seed: int, row_count: tuple[int, int] = (15, 70)) -> Bundle:
    rng = random.Random(seed)
    org = _organization(rng)
    fiscal_year = rng.randint(2563, 2567)
    round_months = rng.choice((6, 12))
    report_thai = rng.random() < 0.2  # e-PlanNACC prints Arabic digits; some offices retype
    memo_thai = rng.random() < 0.8  # official memos mostly use Thai digits
    rows = _rows(rng, org, fiscal_year, round_months, rng.randint(*row_count))
    as_of = _as_of(rng, fiscal_year, round_months)
    memo = _memo(rng, org, fiscal_year, round_months, as_of, memo_thai)
    reporter, index = _reporter(rng, org, memo.signatories)
    report = Report(
        fiscal_year=fiscal_year,
        round_months=round_months,
        rows=rows,
        stated=summarize(rows, as_of),
        reporter=reporter,
        reporter_signatory_index=index,
        problems=rng.choice(vocab.PROBLEMS) if rng.random() < 0.6 else None,
        thai_digits=report_thai,
        name_header=rng.choice(("รายการโครงการ", "รายการโครงการ (ตั้งต้น)")),
    )
    return Bundle(seed=seed, organization=org, memo=memo, report=report)


def _organization(rng: random.Random) -> Organization:
    name, province, doc_code, org_code = rng.choice(vocab.ORGANIZATIONS)
    kind = next(k for k in vocab.ORG_KINDS if name.startswith(k))
    return Organization(name, kind, name[len(kind):], province, doc_code, org_code)


def _person(rng: random.Random, position: str) -> Person:
    if rng.random() < 0.5:
        return Person("นาย", rng.choice(vocab.MALE_FIRST), rng.choice(vocab.SURNAMES), position)
    title = rng.choice(("นาง", "นางสาว"))
    return Person(title, rng.choice(vocab.FEMALE_FIRST), rng.choice(vocab.SURNAMES), position)


def _fill(template: str, org: Organization, year: int) -> str:
    return template.format(org=org.name, bylaw=org.bylaw, year=year)


def _project_name(rng: random.Random, org: Organization, year: int, dimension: int, used: set[str]) -> str:
    for _ in range(50):
        phrase = rng.choice(vocab.PROJECT_PHRASES[dimension])
        suffix = rng.choice(vocab.PROJECT_SUFFIXES)
        if "{org}" in phrase and "{org}" in suffix:
            suffix = ""
        name = rng.choice(vocab.PROJECT_PREFIXES) + _fill(phrase + suffix, org, year)
        if name not in used:
            used.add(name)
            return name
    name = f"{name} (ครั้งที่ {len(used) + 1})"  # vocabulary exhausted: still keep names unique
    used.add(name)
    return name


def _rows(rng: random.Random, org: Organization, year: int, round_months: int, count: int) -> tuple[ProjectRow, ...]:
    # Twelve-month reports are mostly done; six-month ones mostly still running.
    weights = [rng.uniform(0.05, 0.2), rng.uniform(0.05, 0.2), 0.7, rng.uniform(0.0, 0.06)]
    if round_months == 6:
        weights[1], weights[2] = weights[2], weights[1] + 0.1
    used: set[str] = set()
    rows = []
    for seq in range(1, count + 1):
        dimension = rng.choices((1, 2, 3, 4), weights=(3, 5, 4, 2))[0]
        status = rng.choices(STATUSES, weights=weights)[0]
        budget = Decimal(0) if rng.random() < 0.8 else Decimal(rng.randint(200, 5000) * 100)
        disbursed = Decimal(0)
        if budget and status == "completed":
            share = 1.0 if rng.random() < 0.4 else rng.uniform(0.3, 1.0)
            disbursed = Decimal(int(budget * Decimal(share)))
        elif budget and status == "in_progress" and rng.random() < 0.5:
            disbursed = Decimal(int(budget * Decimal(rng.uniform(0.1, 0.6))))
        remarks = ""
        if rng.random() < 0.15:
            amount = f"{rng.randint(5, 100) * 1000:,}"
            choices = [t for t in vocab.REMARKS[status] if budget or "{amount}" not in t]
            remarks = rng.choice(choices).format(org=org.name, bylaw=org.bylaw, amount=amount)
        rows.append(ProjectRow(seq, _project_name(rng, org, year, dimension, used), dimension,
                               budget, disbursed, status, status, (status,), remarks))
    return tuple(rows)


def _as_of(rng: random.Random, fiscal_year: int, round_months: int) -> dt.date:
    ce = fiscal_year - 543  # fiscal year BE y runs 1 Oct (y-1) to 30 Sep y
    if round_months == 6:
        return dt.date(ce, 4, 1) + dt.timedelta(days=rng.randint(0, 44))
    return dt.date(ce, 10, 1) + dt.timedelta(days=rng.randint(0, 140))


def _memo(rng: random.Random, org: Organization, year: int, months: int, as_of: dt.date, thai: bool) -> Memo:
    date = as_of + dt.timedelta(days=rng.randint(1, 7))
    unit = rng.choice(vocab.UNITS)
    phone = f"0{rng.randint(2, 7)}{rng.randint(1, 9)}-{rng.randint(200000, 799999)}"
    agency = digits(f"สำนักปลัด{org.name} ฝ่ายบริหารงานทั่วไป {unit} โทร {phone}", thai)
    serial = rng.randint(1, 999)
    spacing = rng.choice(("{c} {o}/{s}", "{c} {o}/{s}", "{c} {o} / {s}", "{c}{o}/{s}", "{c} {o}/ {s}"))
    printed = digits(spacing.format(c=org.doc_code, o=org.org_code, s=serial), thai)
    letter_no = digits(f"{org.doc_code} 0023.{rng.randint(1, 6)}/ว{rng.randint(100, 3000)}", thai)

    def d(value: int) -> str:  # a number as this memo prints it
        return digits(str(value), thai)

    paragraphs = (
        f"ตามที่ สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัด{org.province} มีหนังสือที่ {letter_no} "
        "แจ้งให้องค์กรปกครองส่วนท้องถิ่นรายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต "
        f"ประจำปีงบประมาณ พ.ศ. {d(year)} ผ่านระบบรายงานและติดตามประเมินผลการดำเนินงาน"
        "ตามแผนปฏิบัติการป้องกันการทุจริตขององค์กรปกครองส่วนท้องถิ่น (ระบบ e-PlanNACC) "
        f"จำนวน {d(2)} รอบต่อปี คือรอบ {d(6)} เดือน และรอบ {d(12)} เดือน นั้น",
        f"ในการนี้ {unit} ฝ่ายบริหารงานทั่วไป สำนักปลัด{org.name} ได้ดำเนินการรายงานผลการดำเนินงาน"
        f"ตามแผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. {d(year)} รอบ {d(months)} เดือน "
        "ผ่านระบบ e-PlanNACC เสร็จเป็นที่เรียบร้อยแล้ว รายละเอียดตามเอกสารแนบท้ายบันทึกนี้",
    )
    signatories = [_person(rng, rng.choice(vocab.AUTHOR_POSITIONS))]
    superiors = rng.sample(vocab.SUPERIOR_POSITIONS, rng.randint(0, 2))
    signatories += [_person(rng, p.format(org=org.name, short=org.short)) for p in superiors]
    stamp_date = date + dt.timedelta(days=rng.randint(0, 2))
    stamp = Stamp(rng.randint(100, 9999), stamp_date, f"{rng.randint(8, 16):02d}:{rng.randint(0, 59):02d}")
    return Memo(
        agency=agency,
        doc_number=f"{org.doc_code} {org.org_code}/{serial}",
        doc_number_printed=printed,
        day=date.day,
        month=date.month,
        be_year=be_year(date.year),
        subject=rng.choice(vocab.MEMO_SUBJECTS).format(year=d(year), months=d(months)),
        addressee=org.executive,
        paragraphs=paragraphs,
        closing=rng.choice(("จึงเรียนมาเพื่อโปรดทราบ", "จึงเรียนมาเพื่อโปรดทราบและพิจารณา")),
        signatories=tuple(signatories),
        stamp=stamp,
        thai_digits=thai,
    )


def _reporter(rng: random.Random, org: Organization, signatories: tuple[Person, ...]) -> tuple[Person, int | None]:
    """Usually the memo's author fills in e-PlanNACC, sometimes spelled another way."""
    if rng.random() < 0.7:
        author = signatories[0]
        title = "น.ส." if author.title == "นางสาว" and rng.random() < 0.3 else author.title
        return Person(title, author.first, author.last, author.position), 0
    return _person(rng, rng.choice(vocab.AUTHOR_POSITIONS)), None
