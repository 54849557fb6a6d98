"""The truth record of a bundle: what was printed, where, and what was injected (truth.json).

Money and percentages are strings ("499600.00"), dates ISO strings, boxes pixel lists
[x0, top, x1, bottom] at the page's dpi: ``bbox``/``cells`` on the scan as stored (the envelope of
the skewed box), ``bbox_upright``/``cells_upright`` on the page before the scanner turned it. Each
page's ``transform`` is the 2x3 affine map from upright to stored pixels.
"""

from __future__ import annotations

from typing import Any

from synth.config import SynthConfig
from synth.content import Bundle, Person
from synth.damage import Damage, transform_box
from synth.inject import Injection
from synth.pages import RenderedPage
from synth.thaitext import money_plain


def build_truth(bundle: Bundle, injected: tuple[Injection, ...], config: SynthConfig, name: str,
                pages: list[RenderedPage], damages: list[Damage], sizes: list[tuple[int, int]], dpi: int) -> dict[str, Any]:
    return {
        "seed": bundle.seed,
        "name": name,
        "config": config.to_json(),
        "pages": [
            {"page": number, "kind": page.kind, "dpi": dpi, "orientation": page.orientation,
             "rotation_deg": damage.rotation_deg, "width": size[0], "height": size[1],
             "jpeg_quality": damage.jpeg_quality,
             "transform": [[round(float(v), 6) for v in line] for line in damage.matrix[:2]]}
            for number, (page, damage, size) in enumerate(zip(pages, damages, sizes), start=1)
        ],
        "memo": _memo(bundle),
        "report": _report(bundle, pages, damages, sizes),
        "injected": [i.to_json() for i in injected],
    }


def _person(person: Person) -> dict[str, str]:
    return {"name": person.name, "position": person.position}


def _memo(bundle: Bundle) -> dict[str, Any]:
    memo = bundle.memo
    return {
        "doc_number": memo.doc_number,
        "doc_number_printed": memo.doc_number_printed,
        "date": memo.date.isoformat() if memo.date else None,
        "date_printed": memo.date_printed,
        "agency": memo.agency,
        "subject": memo.subject,
        "addressee": memo.addressee,
        "paragraphs": list(memo.paragraphs),
        "signatories": [_person(p) for p in memo.signatories],
        "stamp": {"number": memo.stamp.number, "date": memo.stamp.date.isoformat(), "time": memo.stamp.time},
        "thai_digits": memo.thai_digits,
    }


def _report(bundle: Bundle, pages: list[RenderedPage], damages: list[Damage], sizes: list[tuple[int, int]]) -> dict[str, Any]:
    report, stated = bundle.report, bundle.report.stated
    placed = {}
    for number, (page, damage, size) in enumerate(zip(pages, damages, sizes), start=1):
        for boxes in page.rows:
            placed[boxes.row_index] = (number, boxes, damage, size)
    rows = []
    for index, row in enumerate(report.rows):
        number, boxes, damage, size = placed[index]
        rows.append({
            "seq": row.seq,
            "project_name": row.project_name,
            "dimension": row.dimension,
            "budget": money_plain(row.budget),
            "disbursed": money_plain(row.disbursed),
            "status": row.status,
            "status_intended": row.status_intended,
            "ticks": list(row.ticks),
            "tick_style": boxes.tick_style,
            "remarks": row.remarks,
            "page": number,
            "bbox": transform_box(boxes.bbox, damage.matrix, size),
            "cells": {key: transform_box(box, damage.matrix, size) for key, box in boxes.cells.items()},
            # The same boxes on the page as printed, i.e. after undoing ``transform`` (a perfect deskew).
            "bbox_upright": list(boxes.bbox),
            "cells_upright": {key: list(box) for key, box in boxes.cells.items()},
        })
    return {
        "organization": bundle.organization.name,
        "province": bundle.organization.province,
        "fiscal_year": report.fiscal_year,
        "round_months": report.round_months,
        "thai_digits": report.thai_digits,
        "rows": rows,
        "stated": {
            "total": stated.total,
            "awaiting_report": stated.awaiting_report,
            "in_progress": stated.in_progress,
            "completed": stated.completed,
            "unable_to_proceed": stated.unable_to_proceed,
            "disbursed": money_plain(stated.disbursed),
            "disbursed_percent": f"{stated.disbursed_percent:.2f}",
            "implementation_percent": f"{stated.implementation_percent:.2f}",
            "implementation_level": stated.implementation_level,
            "as_of": stated.as_of.isoformat(),
        },
        "reporter": {**_person(report.reporter), "signatory_index": report.reporter_signatory_index},
        "problems": report.problems,
    }


