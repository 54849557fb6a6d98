"""The real Word-exported memo in ../shared/corpus/real-born-digital through the whole pipeline.

Present beside the clone in CI (never committed): skipped elsewhere, failing in CI if absent.
Its README lists what the page shows; the text layer is TH SarabunIT๙'s, with Word's defects.
"""

from __future__ import annotations

import pytest

from saraban.ingest.config import IngestConfig
from saraban.ingest.pipeline import process_file
from tests.conftest import shared_path

pytestmark = [pytest.mark.shared]


@pytest.fixture(scope="module")
def memo(resources):
    path = shared_path("corpus/real-born-digital/nysso_EB1-1.3_memo.pdf")
    result = process_file(path, path.name, IngestConfig(), resources)
    assert not result.errors
    return result


def test_the_memo_header_is_read_as_the_page_shows_it(memo):
    (document,) = memo.documents  # the emblem and signatures belong to the memo
    assert document.kind == "memo"
    assert document.doc_number == "ชบ 0832.1/50"
    assert document.date == "2019-11-13"
    # Word wrote ำ's nikhahit as a space of no width (ประจ าปี, อ าเภอ); the dictionary puts it back.
    assert document.subject == "รายงานผลการวิเคราะห์การจัดซื้อจัดจ้าง ประจำปีงบประมาณ ๒๕๖๒"
    assert document.addressee == "สาธารณสุขอำเภอหนองใหญ่"
    assert document.issuer.startswith("สำนักงานสาธารณสุขอำเภอหนองใหญ่")
