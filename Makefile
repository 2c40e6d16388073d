# ntp-warehouse: the two commands are `make build` and `make test`; everything else is a convenience.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SPARK_STAMP := $(VENV)/.installed-spark
export DBT_PROFILES_DIR := $(CURDIR)
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: help install install-spark build test test-spark lint format dbt-test docs bench clean

help:
	@echo "make build   create .venv, install, extract documents/, build and publish warehouse.duckdb"
	@echo "make test    install, then run every check (pytest, dbt build with all tests, lint)"
	@echo "make test-spark  add dbt-spark and pyspark, build the warehouse on local Spark and compare every mart with DuckDB's"
	@echo "make docs    generate dbt docs (open with: .venv/bin/dbt docs serve)"
	@echo "make bench   run the benchmarks and rewrite BENCHMARKS.md"

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

install: $(STAMP)

# Spark is optional and large (pyspark is ~500 MB): only `make test-spark` adds it, to the same .venv (one dbt-core
# for both engines, and the comparison reads DuckDB and Spark in one process). --no-deps keeps requirements.lock's
# pins exactly as they are; pip check proves the two locks agree.
$(SPARK_STAMP): $(STAMP) requirements-spark.lock
	bash scripts/ensure_java.sh
	$(BIN)/pip install --quiet --no-deps -r requirements-spark.lock
	$(BIN)/pip check
	touch $@

install-spark: $(SPARK_STAMP)

build: $(STAMP)
	$(BIN)/ntp-warehouse build

lint: $(STAMP)
	$(BIN)/ruff check loaders tests/python tests/spark scripts benchmarks
	$(BIN)/sqlfluff lint models analyses $(wildcard tests/dbt) --disable-progress-bar

format: $(STAMP)
	$(BIN)/ruff format loaders tests/python tests/spark scripts benchmarks
	$(BIN)/sqlfluff fix models analyses --disable-progress-bar

# dbt build with every data test on a throwaway database, from the committed seeds
dbt-test: $(STAMP)
	tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	NTP_WAREHOUSE_PATH="$$tmp/throwaway.duckdb" $(BIN)/dbt build --quiet --fail-fast

test: $(STAMP)
	$(BIN)/ruff check loaders tests/python tests/spark scripts benchmarks
	$(BIN)/python -m pytest
	$(MAKE) --no-print-directory dbt-test
	$(BIN)/sqlfluff lint models analyses $(wildcard tests/dbt) --disable-progress-bar

# the warehouse built from the committed seeds on DuckDB and on local Apache Spark (pyspark, with every data test),
# and every mart compared row for row; then the comparison shown to fail on a deliberately altered mart
test-spark: $(SPARK_STAMP)
	$(BIN)/python -m pytest tests/spark -p no:cacheprovider

docs: $(STAMP)
	$(BIN)/dbt docs generate --target readonly

clean:
	rm -rf target dbt_packages logs .pytest_cache
