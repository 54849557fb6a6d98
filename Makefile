# The two commands a new user needs (see README): `make run` and `make test`.
# Each one installs what is missing (system packages, then a virtual environment).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
OUT    ?= out

.PHONY: run test system-deps venv bench clean

run: system-deps $(STAMP)
	$(BIN)/saraban ingest data/samples --out $(OUT)

test: system-deps $(STAMP)
	$(BIN)/python -m pytest -q

system-deps:
	@bash scripts/install-system-deps.sh

venv: $(STAMP)

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "need $(PYTHON) (apt-get install python3 python3-venv)"; exit 1; }
	$(PYTHON) -m venv $(VENV) || { echo "need the venv module (apt-get install python3-venv)"; exit 1; }
	$(BIN)/python -m pip install -q --upgrade pip
	# tesserocr is compiled against the system's Tesseract (PyPI's wheel bundles another version).
	$(BIN)/python -m pip install -q --no-binary tesserocr -e '.[test]'
	touch $(STAMP)

bench: system-deps $(STAMP)
	$(BIN)/python benchmarks/scans.py

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .hypothesis
