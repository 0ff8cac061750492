# Two commands: `make demo` (install, run on seeds/) and `make test` (install, run the tests).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
CAMEL_TOOLS := camel-tools==1.6.0

SHARED := ../shared/data

.PHONY: demo test model clean

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e .
	touch $@

# camel-tools is a test-time reference; --no-deps keeps torch and transformers out.
# Debian's chromium renders the HTML view in tests/test_html.py (installed only when missing).
$(VENV)/.test-installed: $(VENV)/.installed
	$(BIN)/python -m pip install -q -e '.[test,dask]'
	command -v chromium >/dev/null || { apt-get update -q && apt-get install -y -q chromium; } \
		|| echo "chromium could not be installed: the browser tests will be skipped"
	$(BIN)/python -m pip install -q --no-deps $(CAMEL_TOOLS)
	touch $@

demo: $(VENV)/.installed
	mkdir -p out
	$(BIN)/arabic-extract annotate seeds/ -o out/seeds.jsonl
	$(BIN)/python -m json.tool --json-lines --no-ensure-ascii out/seeds.jsonl | head -60
	@echo
	$(BIN)/arabic-extract show out/seeds.jsonl --format table

test: $(VENV)/.test-installed
	$(BIN)/python -m pytest

# Rebuild the shipped NER model (about 35 minutes on 2 cores): vectors, then the CNN and the CRF.
$(VENV)/.train-installed: $(VENV)/.installed
	$(BIN)/python -m pip install -q -e '.[train]'
	touch $@

model: $(VENV)/.train-installed
	$(BIN)/python scripts/build_vectors.py --out training/vectors
	$(BIN)/arabic-extract train --data $(SHARED)/ner --vectors training/vectors --corpus $(SHARED)/corpus --out models/ner

clean:
	rm -rf $(VENV) out build *.egg-info
