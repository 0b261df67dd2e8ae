# duban: the two commands that matter are `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
DUBAN  := $(VENV)/bin/duban
STAMP  := $(VENV)/.installed-stamp

.PHONY: setup demo test test-all bench train evaluate clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev,dask]"
	$(PY) -m ipykernel install --sys-prefix --name duban --display-name duban >/dev/null 2>&1 || true
	touch $(STAMP)

# The main job on bundled samples: checklist from the seed speech, then a batch of unit reports
# against it (manifest, gap table, problems ledger, exemplars digest) into outputs/demo/.
demo: setup
	$(DUBAN) analyze corpora/seed/speech.txt --format md -o outputs/demo/speech_passages.md
	$(DUBAN) checklist corpora/seed/speech.txt -o outputs/demo/checklist
	$(DUBAN) batch corpora/gaps/reports --reference corpora/seed/speech.txt -o outputs/demo/batch
	@echo "demo outputs written to outputs/demo/"

test: setup
	$(PY) -m pytest -q -m "not slow" tests

test-all: setup
	$(PY) -m pytest -q tests

bench: setup
	$(PY) -m pipeline.bench

train: setup
	$(DUBAN) train

evaluate: setup
	$(DUBAN) evaluate -o outputs/evaluation

clean:
	rm -rf $(VENV) .pytest_cache outputs/demo outputs/evaluation
