# autograd-lessons: `make lab` to learn, `make test` to check that every lesson still runs.
# Both create the virtual environment in .venv the first time (or after pyproject.toml changes).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
JOBS   ?= 2
PIP_ARGS ?=
LAB_ARGS ?=
# nbval re-runs each notebook and compares every output with the stored one (strict: no --nbval-lax)
NBVAL  := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg
# JupyterLab refuses to run as root unless asked to (containers, CI)
AS_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

.DEFAULT_GOAL := help
CHROMIUM ?= /usr/bin/chromium
NOTEBOOKS := $(wildcard notebooks/*.ipynb notebooks/solutions/*.ipynb)

.PHONY: help venv lab test test-browser execute exercises bench clean

help: ## list the targets
	@echo "autograd-lessons: an interactive course on PyTorch autograd"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-13s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet $(PIP_ARGS) -e '.[test]'
	@# build matplotlib's font cache now, so its one-time message never lands in a lesson's output
	$(BIN)/python -c "import matplotlib.pyplot"
	@touch $(STAMP)

venv: $(STAMP) ## create .venv and install the course (make lab and make test do this for you)

lab: $(STAMP) ## open JupyterLab on the lessons
	$(BIN)/jupyter lab $(AS_ROOT) --ServerApp.root_dir=notebooks $(LAB_ARGS)

test: $(STAMP) ## run the unit tests, then re-run every notebook against its stored outputs
	$(BIN)/python -m pytest -n $(JOBS) $(NBVAL) --ignore=tests/browser tests notebooks

test-browser: $(STAMP) ## open every notebook in JupyterLab in headless Chromium, run it, move every explorer
	@test -x $(CHROMIUM) || $(MAKE) --no-print-directory chromium
	CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest -p no:xdist -v tests/browser
	@echo "screenshots and latency report: build/browser/"

# Debian's Chromium (Playwright cannot download its own browser here); installed only when missing.
chromium:
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get install -y chromium || { apt-get update && apt-get install -y chromium; }; \
	fi
	@test -x $(CHROMIUM) || { echo "Chromium is missing at $(CHROMIUM): install it (Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROMIUM=/path/to/chromium" >&2; exit 1; }

# Stored tracebacks are kept to their last line (the error itself): a full one would name the
# author's install paths. Learners running the notebooks still see full tracebacks.
execute: $(STAMP) ## re-run every notebook in place, to store new outputs after an intended change
	$(BIN)/python tools/make_learner_notebook.py
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
		--ExecutePreprocessor.extra_arguments="['--InteractiveShell.xmode=Minimal']" $(NOTEBOOKS)

exercises: $(STAMP) ## rebuild the learner's Lesson 6 from its solved version, then re-run both
	$(BIN)/python tools/make_learner_notebook.py
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
		--ExecutePreprocessor.extra_arguments="['--InteractiveShell.xmode=Minimal']" \
		notebooks/solutions/06_practice_exercises.ipynb notebooks/06_practice_exercises.ipynb

bench: $(STAMP) ## time the explorers against naive redraws, the batched derivative curve, the import
	$(BIN)/python benchmarks/run.py

clean: ## remove .venv and caches
	rm -rf $(VENV) .pytest_cache .hypothesis *.egg-info
