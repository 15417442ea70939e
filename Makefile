# autograd-lessons: `make lab` to learn, `make test` to check that every lesson still runs.
# Both create the virtual environment in .venv the first time (or after pyproject.toml changes).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# the instructors' extra (nbgrader), installed only by make test-grading: a learner's make lab never pulls it
CLASS_STAMP := $(VENV)/.installed-class
NBGRADER_SERVER := formgrader validate_assignment assignment_list course_list
JOBS   ?= 2
PIP_ARGS ?=
LAB_ARGS ?=
# the learner's own copy of the lessons (git-ignored): make lab serves it, nothing else writes it
LEARNER_DIR ?= my-lessons
# make test-browser BROWSER_TESTS=file_browser runs only the tests whose names match (pytest -k)
BROWSER_TESTS ?=
# nbval re-runs each notebook and compares every output with the stored one (strict: no --nbval-lax)
NBVAL  := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg
# JupyterLab refuses to run as root unless asked to (containers, CI)
AS_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

.DEFAULT_GOAL := help
CHROMIUM ?= /usr/bin/chromium
NOTEBOOKS := $(wildcard notebooks/*.ipynb notebooks/solutions/*.ipynb)
# the exact releases every install below takes (pyproject.toml states ranges)
CONSTRAINTS := constraints.txt
# the web site's builder (pyproject's extra `site`) and its npm packages (MathJax, axe-core), for make site only
SITE_STAMP := $(VENV)/.site-installed
SITE_NPM := build/site-npm/node_modules/.installed
# JupyterHub's proxy (npm's configurable-http-proxy), for make test-hub only: installed into .venv, never globally
HUB_PROXY := $(VENV)/hub-proxy/node_modules/.installed

.PHONY: help venv lab reset test test-learner test-browser test-site site test-grading test-hub execute exercises \
	bench clean

help: ## list the targets
	@echo "autograd-lessons: an interactive course on PyTorch autograd"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-13s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml $(CONSTRAINTS)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet $(PIP_ARGS) -c $(CONSTRAINTS) -e '.[lab,test]'
	@# build matplotlib's font cache now, so its one-time message never lands in a lesson's output
	$(BIN)/python -c "import matplotlib.pyplot"
	@touch $(STAMP)

venv: $(STAMP) ## create .venv and install the course (make lab and make test do this for you)

# Your copy of the lessons is made on first use; later, new lessons and updates arrive without touching your work.
# A server already serving that folder is reused: its address is printed and no second one starts.
lab: $(STAMP) ## open JupyterLab on your own copy of the lessons (my-lessons/)
	@$(BIN)/python tools/learner_folder.py sync --folder $(LEARNER_DIR)
	@$(BIN)/python tools/learner_folder.py running --folder $(LEARNER_DIR) || \
		exec $(BIN)/jupyter lab $(AS_ROOT) --ServerApp.root_dir=$(LEARNER_DIR) $(LAB_ARGS)

reset: $(STAMP) ## start one lesson afresh, keeping your old attempt: make reset LESSON=03
	@test -n "$(LESSON)" || { echo "say which lesson: make reset LESSON=03 (or LESSON=06 for the exercises)" >&2; exit 2; }
	@$(BIN)/python tools/learner_folder.py reset "$(LESSON)" --folder $(LEARNER_DIR)

# One torch (OpenMP) thread a process: JOBS workers, and the notebooks' kernels beside them, share the cores; two
# threads a process that wait for each other made the training tests 3-20x slower on a busy 2-core machine (Lessons
# 11-13 set one thread themselves, for the same reason). Tests that need more threads set them.
TEST_THREADS ?= 1
# PYTHONDONTWRITEBYTECODE is cleared for the run (some machines and containers set it): with it, pytest rewrites the
# asserts of every test module and plugin again in each worker, ~3 s of CPU a process; __pycache__/ is git-ignored
test: $(STAMP) ## run the unit tests, then re-run every notebook against its stored outputs
	PYTHONDONTWRITEBYTECODE= OMP_NUM_THREADS=$(TEST_THREADS) $(BIN)/python -m pytest -p tests.pytest_startup -p tests.warm_kernels \
		-n $(JOBS) --dist loadgroup $(NBVAL) --ignore=tests/browser --ignore=tests/playthrough --ignore=tests/site \
		--ignore=$(LEARNER_DIR) tests notebooks

test-learner: $(STAMP) ## play a learner in a scratch clone: their work survives every target and a git pull
	$(BIN)/python tests/playthrough/play_learner.py

test-browser: $(STAMP) ## open every notebook in JupyterLab in headless Chromium, run it, move every explorer
	@test -x $(CHROMIUM) || $(MAKE) --no-print-directory chromium
	CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest -p no:xdist -v tests/browser $(if $(BROWSER_TESTS),-k "$(BROWSER_TESTS)")
	@echo "screenshots and latency report: build/browser/"

$(SITE_STAMP): $(STAMP) pyproject.toml $(CONSTRAINTS)
	$(BIN)/python -m pip install --quiet $(PIP_ARGS) -c $(CONSTRAINTS) -e '.[site]'
	@touch $@

$(SITE_NPM): tools/site/package.json tools/site/package-lock.json
	@mkdir -p build/site-npm
	cp tools/site/package.json tools/site/package-lock.json build/site-npm/
	cd build/site-npm && npm ci --no-audit --no-fund --ignore-scripts
	@touch $@

site: $(SITE_STAMP) $(SITE_NPM) ## build the course as a web site in build/site/, offline, from the stored outputs
	$(BIN)/python -m tools.site.build
	@echo "open build/site/index.html"

test-site: $(SITE_STAMP) $(SITE_NPM) ## build the site (warnings are errors), then check every page in headless Chromium
	@test -x $(CHROMIUM) || $(MAKE) --no-print-directory chromium
	$(BIN)/python -m tools.site.build --strict
	CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest -p no:xdist -v tests/site
	@echo "screenshots: build/site-shots/"

# nbgrader adds menus (Formgrader, Create Assignment) and Notebook 7's buttons to every JupyterLab this .venv serves:
# they are switched off here, so make lab and make test-browser still show the learner's JupyterLab. nbgrader's
# command line, which make test-grading and tools/classroom use, needs none of them.
$(CLASS_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet $(PIP_ARGS) -c $(CONSTRAINTS) -e '.[test,class]'
	$(BIN)/python -m pip check
	$(BIN)/jupyter labextension disable --level=sys_prefix @jupyter/nbgrader @jupyter-notebook/lab-extension
	$(BIN)/jupyter labextension lock --level=sys_prefix @jupyter/nbgrader @jupyter-notebook/lab-extension
	$(BIN)/jupyter server extension disable --sys-prefix $(addprefix nbgrader.server_extensions.,$(NBGRADER_SERVER))
	@touch $(CLASS_STAMP)

test-grading: $(CLASS_STAMP) ## the nbgrader cycle on fake learners: grades, feedback, the class report
	$(BIN)/python -m pytest -p no:xdist -v tests/grading
	@echo "class report and nbgrader step times: build/grading/"

$(HUB_PROXY): tools/hub/package.json tools/hub/package-lock.json
	@command -v npm >/dev/null || { echo "make test-hub needs Node.js 20+ and npm (JupyterHub's proxy)" >&2; exit 1; }
	@mkdir -p $(VENV)/hub-proxy
	cp tools/hub/package.json tools/hub/package-lock.json $(VENV)/hub-proxy/
	cd $(VENV)/hub-proxy && npm ci --no-audit --no-fund --ignore-scripts
	@touch $@

# Learners are system users, as on a hub with local users (nbgrader tells students apart by theirs): the run
# creates them and removes them again, so it needs root. It stops every process it starts and leaves nothing behind.
test-hub: $(CLASS_STAMP) $(HUB_PROXY) ## three learners on a real JupyterHub (as root): nbgitpuller, Lesson 3, nbgrader
	@test -x $(CHROMIUM) || $(MAKE) --no-print-directory chromium
	CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest -p no:xdist -v tests/hub
	@echo "spawn, slider and nbgrader times, memory per learner, screenshots and the hub's log: build/hub/"

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
		--Exporter.preprocessors="['nbconvert.preprocessors.CoalesceStreamsPreprocessor']" \
		--ExecutePreprocessor.extra_arguments="['--InteractiveShell.xmode=Minimal']" $(NOTEBOOKS)

exercises: $(STAMP) ## rebuild the learner's Lesson 6 from its solved version, then re-run both
	$(BIN)/python tools/make_learner_notebook.py
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
		--Exporter.preprocessors="['nbconvert.preprocessors.CoalesceStreamsPreprocessor']" \
		--ExecutePreprocessor.extra_arguments="['--InteractiveShell.xmode=Minimal']" \
		notebooks/solutions/06_practice_exercises.ipynb notebooks/06_practice_exercises.ipynb

bench: $(STAMP) ## time the explorers against naive redraws, the batched derivative curve, the import
	$(BIN)/python benchmarks/run.py

clean: ## remove .venv and caches (your lessons in my-lessons/ stay)
	rm -rf $(VENV) .pytest_cache .hypothesis *.egg-info
