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

.PHONY: report test lab bench install clean validate sysdeps

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

# Tests open files in LibreOffice (headless) and pages in Chromium (headless), both from Debian's packages.
# Installed here when missing and we may (root with apt-get); otherwise those tests fail with a clear message.
sysdeps:
	@if ! command -v soffice >/dev/null 2>&1 || ! command -v chromium >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing LibreOffice (calc) and Chromium from Debian's packages for the test suite ..."; \
	    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	      libreoffice-calc-nogui chromium >/dev/null; \
	  else echo "note: install LibreOffice (soffice) and Chromium to run every test"; fi; \
	fi

test: $(STAMP) sysdeps
	$(BIN)/python -m pytest -n 2 --dist loadgroup -q

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
