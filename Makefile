# The two quick-start commands: `make run` and `make test`. Each creates .venv when missing and
# reinstalls only when pyproject.toml changed (the stamp file records the last install).
# One virtualenv per interpreter version: the default python3 uses .venv; another interpreter
# (`make test PYTHON=python3.13`) gets its own .venv-3.13, so it never quietly reuses .venv.
PYTHON ?= python3
DEFAULT_PYTHON := python3
PY_VERSION := $(shell $(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)
ifeq ($(PY_VERSION),)
$(error PYTHON=$(PYTHON) is not a working Python interpreter)
endif
DEFAULT_VERSION := $(shell $(DEFAULT_PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)
ifeq ($(PY_VERSION),$(DEFAULT_VERSION))
VENV := .venv
else
VENV := .venv-$(PY_VERSION)
endif
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench lint sysdeps clean screenshots

$(BIN)/python:
	@echo "creating $(VENV) with $(PYTHON) (Python $(PY_VERSION))"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	touch $(STAMP)

run: $(STAMP)
	@bash .ci/qt-deps --check-gui
	$(BIN)/annotator

test: $(STAMP)
	@bash .ci/qt-deps --test
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python -m benchmarks

lint: $(STAMP)
	$(BIN)/ruff check annotator tests benchmarks
	$(BIN)/mypy

screenshots: $(STAMP)
	@bash .ci/qt-deps --screenshots
	xvfb-run -a -s "-screen 0 1400x900x24" $(BIN)/python -m annotator.ui.screenshots docs

clean:
	rm -rf .venv .venv-3.* .pytest_cache .mypy_cache .ruff_cache
