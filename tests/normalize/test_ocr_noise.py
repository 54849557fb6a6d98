"""Marks OCR makes of rule remnants and specks leave a cell's text."""

from saraban.normalize.ocr_noise import without_ocr_noise


def test_bars_brackets_and_lone_marks_go():
    assert without_ocr_noise("| . มาตรการสร้างความโปร่งใสในการพิจารณา") == "มาตรการสร้างความโปร่งใสในการพิจารณา"
    assert without_ocr_noise("กิจกรรมตรวจสอบโดยคณะ [ก รรมการ") == "กิจกรรมตรวจสอบโดยคณะ ก รรมการ"
    assert without_ocr_noise(". โครงการ ตามพระ ' ราชบัญญัติ , ฉบับ :") == "โครงการ ตามพระ ราชบัญญัติ ฉบับ"


def test_abbreviations_numbers_and_dashes_stay():
    for text in ("ประจำปีงบประมาณ พ . ศ . 2566", "ประจำปีงบประมาณพ . ศ . 2566", "ประจำปีงบประมาณ พ .ศ . 2566", "โครงการ (No Gift Policy)",
                 "-", "งบประมาณ 1,000.00 บาท", "ม.ค. - มี.ค."):
        assert without_ocr_noise(text) == text
