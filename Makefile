# Quick start (see README.md): `make suite` runs the acceptance suite on the simulator,
# `make report` builds its Allure report, `make test` runs the project's own checks and tests
# (in a few minutes); `make lab-run` is the nightly lab run at a person's pace (about 13 minutes).
# Each sets up what it needs first (.venv, node_modules).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.installed
NODE_READY := node_modules/.installed
RESULTS ?= reports/allure-results

.PHONY: suite report test lab-run fault-matrix conformance browser protos readings-table api-table sim clean

$(READY): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

# Allure 3 from the npm registry, as pinned in package-lock.json.
$(NODE_READY): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

suite: $(READY)
	$(BIN)/pytest $(ARGS)

# The HTML report: reports/allure-report/index.html, one file that opens from disk. RESULTS is the
# last run's results folder, or several (one per shard of a night, as CI artifacts bring them
# back: make report RESULTS="reports/shards/*/allure-results" EXPECT="1/5 2/5 ..."):
# biohil.report.merge puts them into MERGED with one overview, the sums of the shards, and says
# which EXPECTed shard is missing. History (trend, each scenario's runs) is kept in HISTORY, by the
# report only: keep it from one night to the next. biohil.report.offline makes the page wait for
# its own data and call nothing outside.
MERGED ?= reports/merged-results
REPORT_DIR ?= reports/allure-report
HISTORY ?= reports/history/history.jsonl
report: $(READY) $(NODE_READY)
	$(BIN)/python -m biohil.report.merge $(RESULTS) --into $(MERGED) $(if $(EXPECT),--expect $(EXPECT))
	mkdir -p $(dir $(HISTORY))
	BIOHIL_REPORT_OUTPUT=$(REPORT_DIR) BIOHIL_REPORT_HISTORY=$(HISTORY) npx --no-install allure generate $(MERGED)
	$(BIN)/python -m biohil.report.offline $(REPORT_DIR)/index.html
	@echo "report: $(REPORT_DIR)/index.html"

# Headless Chromium for the report's browser test (Debian's package), installed where it can be
# (root with apt-get); elsewhere that test is skipped and says why.
browser:
	@command -v chromium >/dev/null && exit 0; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get install -y -qq chromium >/dev/null 2>&1 || \
	  { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq chromium >/dev/null 2>&1; } || \
	  echo "make browser: apt-get could not install chromium; the report's browser test will be skipped"; \
	else echo "make browser: chromium is missing and needs root to install; the report's browser test will be skipped"; fi

test: $(READY) $(NODE_READY) browser
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest tests $(ARGS)

# The whole lab run with a scripted 2 s person, every scenario on both simulated terminals: the
# slow tier `make test` leaves to the night (bench/person_bench.py prints prompts, wall time, results).
lab-run: $(READY)
	$(BIN)/python bench/person_bench.py $(ARGS)

# The suite on the simulator under each fault of issue 22 (random UNAVAILABLE, latency, a link
# drop, a full journal disk, a gateway restart, ...): one table of results by cause, scenarios
# tested, coverage lost to quarantine, terminals as found (bench/fault_matrix.py, 5-15 minutes).
fault-matrix: $(READY)
	$(BIN)/python bench/fault_matrix.py $(ARGS)

# A lab run recorded with `pytest --target lab --lab-config=FILE --record=DIR`, replayed against
# the simulator: where it answers otherwise, and which --reading values would make it match
# (biohil.recording; ARGS: --reading NAME=VALUE, --readings-file FILE, --write-readings FILE).
conformance:
	@test -n "$(RECORDING)" || { echo "make conformance: say which recording: make conformance RECORDING=DIR (the folder of pytest --record=DIR)" >&2; exit 2; }
	@$(MAKE) --no-print-directory $(READY)
	$(BIN)/python -m biohil.recording $(RECORDING) $(ARGS)

protos: $(READY)
	$(BIN)/python -m biohil.protogen

# The simulator README's table of readings, written from biohil.readings.READINGS (the one source;
# tests/test_readings.py fails while the README's table differs from it).
readings-table: $(READY)
	$(BIN)/python -m biohil.readings --readme src/biohil/simulator/README.md

# The simulator README's tables of the API it serves, written from the servicers' docstrings and
# models.NEEDS (tests/test_api_survey.py fails while the README's tables differ from them).
api-table: $(READY)
	$(BIN)/python -m biohil.simulator.apitable --readme src/biohil/simulator/README.md

sim: $(READY)
	$(BIN)/biohil-sim $(ARGS)

clean:
	rm -rf $(VENV) node_modules reports/allure-results reports/merged-results reports/allure-report .mypy_cache .ruff_cache .pytest_cache
