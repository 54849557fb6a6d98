"""OCR: the Tesseract engine (engine, tesseract_api) and the step after it that reads numbers
again from their glyphs (reread, with thai_digits, arabic_digits, digit_glyphs, digit_runs,
glyph_cuts)."""
