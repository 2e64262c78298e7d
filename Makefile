# Debrief: the two commands are `make report` and `make test`.
# Everything installs into .venv from the package registries; nothing else is assumed but python3.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The sample reports are built "as of" this fixed date, so that the same inputs give the same files.
AS_OF ?= 2026-03-20
SAMPLE := data/sample
OUT := reports

.PHONY: report test lab bench install clean validate

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[notebooks,test]"
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

install: $(STAMP)

report: $(STAMP)
	$(BIN)/debrief report $(SAMPLE) --out $(OUT) --as-of $(AS_OF)

validate: $(STAMP)
	$(BIN)/debrief validate $(SAMPLE)/*.xlsx

test: $(STAMP)
	$(BIN)/python -m pytest -n 2 -q

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
