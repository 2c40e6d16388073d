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

.PHONY: help install install-spark build test test-spark lint format dbt-test docs bench bench-ocr bench-spark clean

help:
	@echo "make build   create .venv, install, extract documents/, build and publish warehouse.duckdb"
	@echo "make test    install, then run every check (pytest, dbt build with all tests, lint)"
	@echo "make test-spark  add dbt-spark and pyspark, extract and build on local Spark, compare every table with the local run's"
	@echo "make docs    generate dbt docs (open with: .venv/bin/dbt docs serve)"
	@echo "make bench   run the benchmarks and rewrite BENCHMARKS.md (make bench-ocr: only its OCR section)"
	@echo "make bench-spark  time the extraction of 10,000 generated documents on local Spark beside the local run"
	@echo "make bi      install Apache Superset in bi/.venv and set up the dashboard (bi/README.md); make bi-serve serves it"

# OCR (tesseract + its Vietnamese model) comes from Debian: installed when missing and possible; without it the
# build still reads every other document and says what is missing (scanned pages are rejected with that reason)
$(STAMP): pyproject.toml requirements.lock
	bash scripts/ensure_ocr.sh || echo "make: OCR is not available (see above); scanned PDFs will be rejected"
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
	bash scripts/ensure_ocr.sh || true
	$(BIN)/ntp-warehouse build

lint: $(STAMP)
	$(BIN)/ruff check loaders tests/python tests/spark scripts benchmarks bi
	$(BIN)/sqlfluff lint models analyses $(wildcard tests/dbt) --disable-progress-bar

format: $(STAMP)
	$(BIN)/ruff format loaders tests/python tests/spark scripts benchmarks bi
	$(BIN)/sqlfluff fix models analyses --disable-progress-bar

# dbt build with every data test on a throwaway database, from the committed seeds
dbt-test: $(STAMP)
	tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	NTP_WAREHOUSE_PATH="$$tmp/throwaway.duckdb" $(BIN)/dbt build --quiet --fail-fast

test: $(STAMP)
	$(BIN)/ruff check loaders tests/python tests/spark scripts benchmarks bi
	$(BIN)/python -m pytest
	$(MAKE) --no-print-directory dbt-test
	$(BIN)/sqlfluff lint models analyses $(wildcard tests/dbt) --disable-progress-bar

# the whole pipeline on local Apache Spark: a corpus (sample, examples, scans) extracted as a Spark job and locally,
# every extracted table byte-identical; the warehouse built from those CSVs on DuckDB (seeds) and on Spark (external
# tables, every data test), every mart compared row for row; the comparison shown to fail on an altered mart
test-spark: $(SPARK_STAMP)
	$(BIN)/python -m pytest tests/spark -p no:cacheprovider

# the extraction of 10,000 generated documents on a local Spark (2 cores) beside the local run (2 processes)
BENCH_SPARK_ARGS ?= --documents 10000 --cores 2
bench-spark: $(SPARK_STAMP)
	$(BIN)/python -m benchmarks.spark_extract $(BENCH_SPARK_ARGS)

# cold builds of 10, 1,000, 10,000 (medians of 3) and 100,000 generated documents (one run), one document added to
# the 100,000, the 10,000 extracted on local Spark beside the local run, and the OCR benchmark: about two hours on
# 2 cores (generating the 100,000 documents once more)
BENCH_ARGS ?= --sizes 10,1000,10000,100000 --repeats 3 --large-repeats 1
bench: $(STAMP)
	$(if $(findstring --skip-spark,$(BENCH_ARGS))$(findstring --ocr-only,$(BENCH_ARGS)),,$(MAKE) --no-print-directory install-spark)
	$(BIN)/python -m benchmarks.bench $(BENCH_ARGS) --out BENCHMARKS.md

# OCR alone: the sample corpus printed and scanned at 200 dpi, read with 1 and all cores; rewrites only the OCR
# section of BENCHMARKS.md
bench-ocr: $(STAMP)
	$(MAKE) --no-print-directory bench BENCH_ARGS="--ocr-only --repeats 1"

docs: $(STAMP)
	$(BIN)/dbt docs generate --target readonly

clean:
	rm -rf target dbt_packages logs .pytest_cache

# ---- BI: Apache Superset on the marts (bi/README.md) -------------------------------------------------------
# `make bi` installs Superset into its own bi/.venv (pinned in bi/requirements.txt; skipped while the stamp is
# newer) and sets up bi/superset_home: admin user, read-only connection to NTP_WAREHOUSE_PATH (default
# ./warehouse.duckdb), the dashboard from bi/dashboard/. Idempotent. `make bi-serve` then serves 127.0.0.1:8088.
BI_VENV := bi/.venv
BI_STAMP := $(BI_VENV)/.installed

.PHONY: bi bi-serve

$(BI_STAMP): bi/requirements.txt
	test -x $(BI_VENV)/bin/python || $(PYTHON) -m venv $(BI_VENV)
	$(BI_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(BI_VENV)/bin/pip install --quiet -r bi/requirements.txt
	$(BI_VENV)/bin/pip check
	touch $@

bi: $(BI_STAMP)
	$(BI_VENV)/bin/python bi/bootstrap.py

bi-serve: bi
	bi/serve.sh
# ---- end BI ------------------------------------------------------------------------------------------------
