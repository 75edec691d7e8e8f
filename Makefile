# The two quick-start commands: `make run` and `make test`. Each creates .venv when missing and
# reinstalls only when pyproject.toml changed (the stamp file records the last install).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench bench-scale lint sysdeps clean screenshots

$(BIN)/python:
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

# The window at 100k articles (the project is built once, ~2 minutes, and cached).
bench-scale: $(STAMP)
	ANNOTATOR_BENCH_ARTICLES=100000 $(BIN)/python -m benchmarks window

lint: $(STAMP)
	$(BIN)/ruff check annotator tests benchmarks
	$(BIN)/mypy

screenshots: $(STAMP)
	@bash .ci/qt-deps --screenshots
	xvfb-run -a -s "-screen 0 1400x900x24" $(BIN)/python -m annotator.ui.screenshots docs

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
