# finsam-warehouse: `make run` builds the warehouse, `make test` runs the tests.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
export DAGSTER_HOME := $(CURDIR)/.dagster
export DAGSTER_DISABLE_TELEMETRY := true
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export PATH := $(CURDIR)/$(BIN):$(PATH)
MANIFEST := dbt/target/manifest.json
STAMP := $(VENV)/.installed

.PHONY: run test dev clean install manifest corpus accuracy sql docs

run: install manifest $(DAGSTER_HOME)/dagster.yaml
	$(BIN)/python -m finsam_warehouse.cli build $(ARGS)

# A read-only SQL shell (harlequin) on the published warehouse.
sql: install
	$(BIN)/python -m finsam_warehouse.cli sql

# dbt docs of the published warehouse, with its catalog, on http://localhost:8080.
DOCS_TARGET := target-docs
docs: install
	cd dbt && ../$(BIN)/dbt docs generate --profiles-dir . --target published --target-path $(DOCS_TARGET) --quiet
	cd dbt && ../$(BIN)/dbt docs serve --profiles-dir . --target published --target-path $(DOCS_TARGET) --port 8080 --no-browser

# Test modules run in parallel, one worker per core; a module's tests stay on one worker.
test: install manifest
	$(BIN)/python -m pytest -n auto --dist loadfile

dev: install manifest $(DAGSTER_HOME)/dagster.yaml
	$(BIN)/dagster dev -m finsam_warehouse.definitions

# The layout corpus (data/corpus/, not in git); files already rendered are reused.
corpus: install
	$(BIN)/python -m corpus.build --out data/corpus

# Extraction accuracy on the corpus, and the reconciliations per producer.
accuracy: install manifest corpus
	$(BIN)/python benchmarks/extraction_accuracy.py --out data/corpus

install: $(STAMP)

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found); set PYTHON=..."; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# dagster-dbt loads the dbt manifest when the definitions are imported.
manifest: $(STAMP)
	cd dbt && ../$(BIN)/dbt parse --profiles-dir . --quiet

$(DAGSTER_HOME)/dagster.yaml: dagster_home/dagster.yaml
	mkdir -p $(DAGSTER_HOME)
	cp dagster_home/dagster.yaml $@

clean:
	rm -rf dbt/target dbt/target-docs dbt/logs .pytest_cache .dagster
	rm -rf data/marts/staging data/marts/dbt_state data/marts/dq_report data/marts/dq_report.build data/marts/dq_report.old
	rm -rf data/marts/exports data/marts/exports.build data/marts/exports.old data/marts/export-csv data/marts/export-parquet
	rm -f data/marts/warehouse.duckdb data/marts/warehouse.duckdb.wal data/marts/warehouse.duckdb.build* data/marts/warehouse.duckdb.lock
	find . -name __pycache__ -type d -not -path './$(VENV)/*' -prune -exec rm -rf {} +
