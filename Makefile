# Medborgarlöfte – uppföljningsrapport
#   make report            bygger rapporten (exemplet om inputs/ saknar exporter)
#   make report YEAR=2023  väljer år;  DATE=2024-02-01 sätter rapportdatum
#   make report PERIOD=1   lägger till avsnittet om hela löftesperioden
#   make templates         skriver Excel-mallar och kommentarsmall till outputs/mallar/
#   make check             kontrollerar allt i inputs/ utan att bygga rapporten
#   make report MAX_UNPACKED_MB=2000  höjer gränsen för uppackad arbetsbok (zip-bomb-skydd)
#   make test              kör alla tester
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
REPORT_ARGS := $(if $(YEAR),--year $(YEAR)) $(if $(DATE),--date $(DATE)) $(if $(INPUTS),--inputs $(INPUTS)) $(if $(OUTPUTS),--outputs $(OUTPUTS)) $(if $(DROP_DUPLICATES),--drop-duplicates) $(if $(PERIOD),--period) $(if $(V),-v) $(if $(JOBS),--jobs $(JOBS)) $(if $(MAX_UNPACKED_MB),--max-unpacked-mb $(MAX_UNPACKED_MB))

.PHONY: report check templates test test-deps lint deadcode example setup clean lock bench

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt scripts/system-deps.sh
	@bash scripts/system-deps.sh
	@command -v $(PYTHON) >/dev/null || { echo "Python saknas. Installera det (Ubuntu/WSL: sudo apt install python3 python3-venv) och kör igen."; exit 2; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Verktyget behöver Python 3.11 eller senare; $(PYTHON) är $$($(PYTHON) -V 2>&1). Installera en nyare Python, eller ange den med make PYTHON=python3.12."; exit 2; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) >/dev/null || { rm -rf $(VENV); echo "Den virtuella Python-miljön kunde inte skapas. Installera venv-modulen (Ubuntu/WSL: sudo apt install python3-venv) och kör igen."; exit 2; }
	@echo "Installerar Python-paket i $(VENV) ..."
	@$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	@touch $@

report: $(STAMP)
	@$(PY) -m report $(REPORT_ARGS)

check: $(STAMP)
	@$(PY) -m report check $(REPORT_ARGS)

templates: $(STAMP)
	@$(PY) -m report templates $(REPORT_ARGS)

# LibreOffice (headless) for the template round-trip tests, Chromium, chromedriver and
# axe-core (npm) for the browser tests: installed where we may.
test-deps:
	@bash scripts/system-deps.sh test

test: $(STAMP) test-deps lint
	@$(PY) -m pytest -q

lint: $(STAMP)
	@$(PY) -m ruff check report tests scripts
	@$(PY) -m ruff format --check report tests scripts
	@$(PY) -m mypy

# Code nothing uses (vulture; names only the templates or the libraries use are listed in
# scripts/vulture_whitelist.py). The tests count as users; what they define is not checked.
deadcode: $(STAMP)
	@out=$$($(PY) -m vulture report scripts tests --min-confidence 60 | grep -v '^tests/'); \
	  test -z "$$out" || { echo "$$out"; exit 1; }

# Regenerates the committed fictitious example exports in example/.
example: $(STAMP)
	@$(PY) -m scripts.example.generate example

# Benchmark (issue 7): times the stages and the whole process for the example and generated
# large cases, prints every target, writes docs/benchmarks.md. RUNS=5 (default), QUICK=1.
bench: $(STAMP)
	@$(PY) scripts/bench.py $(if $(RUNS),--runs $(RUNS)) $(if $(QUICK),--quick)

lock: $(STAMP)
	@{ echo "# Exact versions, so every machine builds byte-identical reports. Update with: make lock"; \
	  $(PY) -m pip freeze --exclude-editable | grep -vE "^(pip|setuptools)=="; } > constraints.txt

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
