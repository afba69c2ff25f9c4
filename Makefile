# The two commands a newcomer needs: `make serve` (build and serve the site) and `make test`
# (the whole test suite). Each creates .venv and installs the locked dependencies first.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: serve build test lint bench bench-site bench-hostile fuzz bench-verify bench-extract browser clean

$(STAMP): pyproject.toml requirements.lock
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

# Debian's chromium, for the end-to-end browser tests (never a tool's own browser download).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; fi; }

serve: $(STAMP)
	$(BIN)/mkdocs serve

build: $(STAMP)
	$(BIN)/mkdocs build --strict

lint: $(STAMP)
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests
	$(BIN)/mypy

test: $(STAMP) browser lint
	$(BIN)/citegloss check --strict
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python -m citegloss.bench

# Site build time against plain MkDocs, 1,000 and 2,000 generated concepts (a few minutes).
bench-site: $(STAMP)
	$(BIN)/python benchmarks/site_bench.py 1000 2000

# Worst seconds and MB per class of hostile input (tests/test_hostile_*.py under a 500 MB cap).
bench-hostile: $(STAMP)
	$(BIN)/python benchmarks/hostile_bench.py

# 5,000 random mutations of concept, audit and .bib files through check, audit and the renderer.
fuzz: $(STAMP)
	$(BIN)/python tests/fuzz.py --iterations 5000 --builds 3

# citegloss verify against the loopback fake provider: 1,000 entries cold at 10 req/s (~100 s), then warm.
bench-verify: $(STAMP)
	$(BIN)/python benchmarks/verify_bench.py 1000 10

# The citation extractor at doubling sizes of once-quadratic inputs, and on the shared corpus.
bench-extract: $(STAMP)
	$(BIN)/python benchmarks/extract_bench.py

clean:
	rm -rf $(VENV) site .pytest_cache .mypy_cache .ruff_cache
