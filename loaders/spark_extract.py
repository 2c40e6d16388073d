"""`ntp-warehouse extract --engine spark`: the extraction as a Spark job. The files to read are the same as a local
run's (unchanged files still come from the `--cache` of per-file results, by content hash); each one is read,
identified and extracted by the same `process_file` (OCR included) in a Spark task instead of a local process; the
driver then folds copies together and writes the same extracted CSVs as `ntp-warehouse extract`, byte for byte,
to a local folder or to the cluster's storage (any Hadoop file system URI: hdfs://, s3a://, abfss://, file://).

Every executor needs the `loaders` package in its Python (and tesseract for scans), and sees the documents folder at
the same path as the driver (a shared file system); README "Running on Spark" says how to submit it."""

from __future__ import annotations

import math
import os
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from loaders.extract import Extraction, FileJob, FileOutcome, Rejection, _work, extract_folder
from loaders.ocr import OcrSettings
from loaders.seeds import write_seeds

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

FILES_PER_TASK = 16  # a task reads this many files at most: small enough to balance, large enough to be cheap


def spark_session(master: str | None = None) -> SparkSession:
    """The session of a `spark-submit` run (its master and configuration as submitted), or else a local one on
    `master` (default NTP_SPARK_MASTER, else every core) whose Python workers are this interpreter."""
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("ntp-warehouse extract")
    if "PYSPARK_GATEWAY_PORT" not in os.environ:  # not launched by spark-submit: a local Spark in this process
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # the workers run this environment's Python
        builder = (
            builder.master(master or os.environ.get("NTP_SPARK_MASTER", "local[*]"))
            .config("spark.driver.memory", os.environ.get("NTP_SPARK_DRIVER_MEMORY", "2g"))
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.log.level", "ERROR")
        )
    return builder.getOrCreate()


def spark_mapper(spark: SparkSession, files_per_task: int = FILES_PER_TASK) -> Callable[[list[FileJob]], list]:
    """Run `process_file` over the files as Spark tasks; outcomes come back in the files' order."""

    def run(jobs: list[FileJob]) -> list[FileOutcome | Rejection]:
        if not jobs:
            return []
        sc = spark.sparkContext
        slices = min(len(jobs), max(sc.defaultParallelism * 2, math.ceil(len(jobs) / files_per_task)))
        # one OCR run per task: Spark already runs one task per core
        jobs = [(*job[:4], replace(job[4] or OcrSettings(), jobs=1)) for job in jobs]
        return sc.parallelize(jobs, slices).map(_work).collect()

    return run


def extract_on_spark(
    spark: SparkSession,
    documents: Path,
    *,
    cache_dir: Path | None = None,
    progress: Callable[[Iterable[Path]], Iterable[Path]] | None = None,
) -> Extraction:
    """`extract_folder` with the files read on Spark."""
    return extract_folder(documents, cache_dir=cache_dir, progress=progress, map_files=spark_mapper(spark))


def write_extracted(spark: SparkSession, result: Extraction, out: str) -> dict[str, int]:
    """The extracted CSVs, as `write_seeds` writes them, in a local folder or on the cluster's storage."""
    if "://" not in out:
        return write_seeds(result, Path(out))
    with tempfile.TemporaryDirectory(prefix="ntp-extracted-") as tmp:
        counts = write_seeds(result, Path(tmp))
        hadoop = spark.sparkContext._jvm.org.apache.hadoop.fs
        target = hadoop.Path(out)
        fs = target.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
        fs.mkdirs(target)
        for path in sorted(Path(tmp).iterdir()):  # overwriting each file the run before left
            fs.copyFromLocalFile(False, True, hadoop.Path(path.as_uri()), target.suffix(f"/{path.name}"))
    return counts


__all__ = ["extract_on_spark", "spark_mapper", "spark_session", "write_extracted"]
