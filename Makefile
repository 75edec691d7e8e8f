# The two quick-start commands: `make run` and `make test`. Each creates .venv when missing and
# reinstalls only when pyproject.toml changed (the stamp file records the last install).
# One virtualenv per interpreter version: the default python3 uses .venv; another interpreter
# (`make test PYTHON=python3.13`) gets its own .venv-3.13, so it never quietly reuses .venv.
# A virtualenv made by another Python version (say python3 was upgraded) is made afresh.
PYTHON ?= python3
DEFAULT_PYTHON := python3
PY_VERSION_OF = $(shell $(1) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)
PY_VERSION := $(call PY_VERSION_OF,$(PYTHON))
ifeq ($(PY_VERSION),)
$(error PYTHON=$(PYTHON) is not a working Python interpreter)
endif
ifeq ($(PY_VERSION),$(call PY_VERSION_OF,$(DEFAULT_PYTHON)))
VENV := .venv
else
VENV := .venv-$(PY_VERSION)
endif
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
VENV_VERSION := $(call PY_VERSION_OF,$(BIN)/python)

.PHONY: run test bench bench-scale lint sysdeps clean screenshots translations bytecode FORCE

ifneq ($(VENV_VERSION),$(PY_VERSION))
$(STAMP): FORCE
endif

$(STAMP): pyproject.toml
	@if [ "$(VENV_VERSION)" != "$(PY_VERSION)" ]; then \
		echo "creating $(VENV) with $(PYTHON) (Python $(PY_VERSION))"; \
		$(PYTHON) -m venv --clear $(VENV) && \
		$(BIN)/python -m pip install --quiet --upgrade pip; \
	fi
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	touch $(STAMP)

# Our modules' bytecode, written even where PYTHONDONTWRITEBYTECODE is set (container images
# often set it): without it every start compiles ~130 modules again, about 140 ms of the window's
# start on a 2-vCPU machine. An installed wheel gets the same from its installer; an editable
# install does not. Only changed sources are compiled again (~0.1 s when nothing changed).
bytecode: $(STAMP)
	@$(BIN)/python -m compileall -q annotator benchmarks || true  # errors show; the run says more

run: bytecode
	@bash .ci/qt-deps --check-gui
	$(BIN)/annotator

test: bytecode
	@bash .ci/qt-deps --test
	$(BIN)/python -m pytest -q

bench: bytecode
	$(BIN)/python -m benchmarks

# the window and search benchmarks on a generated 100k-article project (built once, a few
# minutes, and cached in ~/.cache/annotator-bench)
bench-scale: bytecode
	BENCH_SCALE=100000 ANNOTATOR_BENCH_ARTICLES=100000 $(BIN)/python -m benchmarks window search

lint: $(STAMP)
	$(BIN)/ruff check annotator tests benchmarks
	$(BIN)/mypy

screenshots: $(STAMP)
	@bash .ci/qt-deps --screenshots
	xvfb-run -a -s "-screen 0 1400x900x24" $(BIN)/python -m annotator.ui.screenshots docs

clean:
	rm -rf .venv .venv-3.* .pytest_cache .mypy_cache .ruff_cache

# the Chinese interface: extract every marked string into the .ts (keeping the translations made
# so far), then compile the .qm that ships in the package; fill new strings with pyside6-linguist
translations: $(STAMP)
	$(BIN)/pyside6-lupdate -no-obsolete annotator/app.py $$(find annotator/ui -name '*.py' | sort) \
		-ts resources/i18n/annotator_zh_CN.ts -target-language zh_CN
	$(BIN)/pyside6-lrelease resources/i18n/annotator_zh_CN.ts \
		-qm annotator/translations/annotator_zh_CN.qm
