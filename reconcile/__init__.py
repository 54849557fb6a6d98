"""The output contract and the checks: pure functions from parsed documents to typed records,
documents, reports and flags (no files, processes or databases; tests/test_layers.py keeps it so)."""
