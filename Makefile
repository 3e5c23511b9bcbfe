# Two commands do everything on a fresh machine:
#   make demo   set up, then check the bundled corpus (JSON + HTML report in out/, summary on the terminal)
#   make test   set up, then run the test suite
#   make lint   set up, then ruff (pyflakes, pycodestyle, import order) and mypy on the package
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.tqcheck-installed
OUT ?= out

.PHONY: setup demo test lint userpath browser bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	# torch first and pinned: a plain "torch" requirement would pull the multi-GB CUDA build.
	$(PY) -m pip install -q "torch==2.13.0"
	$(PY) -m pip install -q -e ".[test,fast,ray,lint]"
	touch $(STAMP)

setup: $(STAMP)

# Debian's Chromium for the browser tests of the HTML report, and axe-core (npm) for their accessibility check;
# each is skipped with a note where it cannot be installed (the tests then skip, saying why).
AXE_DIR ?= .cache/axe-core
# pinned: a newer axe-core can add rules, and a fresh clone's `make test` must not fail on its own
AXE_VERSION ?= 4.14.1
browser:
	@if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null) \
	  || echo "warning: could not install chromium; browser tests will be skipped"; \
	else echo "note: chromium not installed (needs root and apt-get); browser tests will be skipped"; fi
	@if grep -qs '"version": "$(AXE_VERSION)"' $(AXE_DIR)/node_modules/axe-core/package.json \
	  && [ -f $(AXE_DIR)/node_modules/axe-core/axe.min.js ]; then :; \
	elif command -v npm >/dev/null 2>&1; then \
	  npm install --silent --no-audit --no-fund --no-save --prefix $(AXE_DIR) "axe-core@$(AXE_VERSION)" >/dev/null \
	  || echo "warning: could not install axe-core; the accessibility tests will be skipped"; \
	else echo "note: npm not found; the accessibility tests (axe-core) will be skipped"; fi

demo: setup
	$(VENV)/bin/tqcheck check corpora/demo.ar.txt corpora/demo.mt.en.txt \
	  --reference corpora/demo.ref.en.txt --glossary corpora/glossary.tsv \
	  --format json -o $(OUT)/demo.json --fail-on never
	$(VENV)/bin/tqcheck report $(OUT)/demo.json -o $(OUT)/demo.html
	$(VENV)/bin/tqcheck check corpora/demo.ar.txt corpora/demo.mt.en.txt \
	  --reference corpora/demo.ref.en.txt --glossary corpora/glossary.tsv --fail-on never

test: setup browser
	$(PY) -m pytest -q

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

# The user's path: the wheel in a clean venv with its core dependencies only (torch pinned first, no
# extras), then `tqcheck check` on the demo corpus and on Arabic-Indic digits, Persian digits and an emoji.
userpath: setup
	.ci/userpath $(PY)

clean:
	rm -rf $(VENV) $(OUT) $(AXE_DIR) .pytest_cache .hypothesis
