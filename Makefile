# Quick start (see README.md): `make suite` runs the acceptance suite on the simulator,
# `make test` runs the project's own checks and tests. Both set up .venv first when needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.installed

.PHONY: suite test protos sim clean

$(READY): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

suite: $(READY)
	$(BIN)/pytest $(ARGS)

test: $(READY)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest tests $(ARGS)

protos: $(READY)
	$(BIN)/python -m biohil.protogen

sim: $(READY)
	$(BIN)/biohil-sim $(ARGS)

clean:
	rm -rf $(VENV) reports/allure-results .mypy_cache .ruff_cache .pytest_cache
