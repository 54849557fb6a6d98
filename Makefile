# The two commands a new user needs (see README): `make run` and `make test`.
# Each one installs what is missing (system packages, then a virtual environment).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
OUT    ?= out
SIPA_FONTS := 19.0.2.0.0

.PHONY: run test system-deps venv bench clean

run: system-deps $(STAMP)
	$(BIN)/saraban ingest data/samples --out $(OUT)

test: system-deps $(STAMP)
	$(BIN)/python -m pytest -q

system-deps:
	@bash scripts/install-system-deps.sh

venv: $(STAMP)

$(STAMP): pyproject.toml Makefile
	@command -v $(PYTHON) >/dev/null || { echo "need $(PYTHON) (apt-get install python3 python3-venv)"; exit 1; }
	$(PYTHON) -m venv $(VENV) || { echo "need the venv module (apt-get install python3-venv)"; exit 1; }
	$(BIN)/python -m pip install -q --upgrade pip
	# tesserocr is compiled against the system's Tesseract (PyPI's wheel bundles another version).
	$(BIN)/python -m pip install -q --no-binary tesserocr -e '.[test]'
	# The national SIPA Thai fonts (TH Sarabun PSK and New, TH Niramit AS, ...): the digit
	# templates are drawn from the two TH Sarabun, the browser-printed test documents set in all
	# of them. Files only, so without the Odoo the wheel declares as a dependency.
	$(BIN)/python -m pip install -q --no-deps 'odoo-addon-l10n-th-base-utils==$(SIPA_FONTS)'
	touch $(STAMP)

bench: system-deps $(STAMP)
	$(BIN)/python benchmarks/scans.py

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .hypothesis build *.egg-info
