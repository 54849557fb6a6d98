"""OCR: the Tesseract engine (engine, tesseract_api) and the digit re-readers that correct it
from the glyphs' own shapes (thai_digits, arabic_digits, digit_glyphs, digit_runs, glyph_cuts)."""
