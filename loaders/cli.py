"""The `ntp-warehouse` command: extract documents, build and publish the warehouse."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from loaders import __version__

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _extract(args: argparse.Namespace) -> int:
    from loaders.extract import extract_folder
    from loaders.progress import progress_bar
    from loaders.seeds import write_seeds

    documents = Path(args.documents)
    if not documents.is_dir():
        print(f"ntp-warehouse extract: {documents} is not a folder", file=sys.stderr)
        return 2
    result = extract_folder(
        documents,
        progress=progress_bar("extracting", unit="file"),
        workers=args.workers,
        cache_dir=Path(args.cache) if args.cache else None,
    )
    counts = write_seeds(result, Path(args.out))
    print(
        f"{len(result.documents)} documents, {result.n_targets} targets, {result.n_funding_lines} funding lines, "
        f"{len(result.rejected)} rejected -> {args.out}"
    )
    for rej in result.rejected:
        print(f"  rejected {rej.source_file}: {rej.reason}: {rej.detail}")
    if args.verbose:
        for name, n in counts.items():
            print(f"  {name}: {n} rows")
    return 0


def _build(args: argparse.Namespace) -> int:
    from loaders.build import BuildOptions, build

    options = BuildOptions(
        documents=Path(args.documents) if args.documents else PROJECT_ROOT / "documents",
        warehouse=Path(args.warehouse) if args.warehouse else PROJECT_ROOT / "warehouse.duckdb",
        project_dir=PROJECT_ROOT,
        strict=args.strict,
        wait=args.wait,
        seeds_dir=Path(args.seeds_dir) if args.seeds_dir else None,
        exports=not args.no_exports,
        no_cache=args.no_cache,
        full=args.full,
        workers=args.workers,
        max_held_back_share=args.max_held_back,
    )
    return build(options)


def _query(args: argparse.Namespace) -> int:
    """Run SQL on the published warehouse through a read-only connection (never blocks a build)."""
    import duckdb

    sql = args.sql if args.sql != "-" else sys.stdin.read()
    warehouse = Path(args.warehouse) if args.warehouse else PROJECT_ROOT / "warehouse.duckdb"
    if not warehouse.exists():
        print(f"ntp-warehouse query: {warehouse} does not exist; run `make build` first", file=sys.stderr)
        return 2
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        relation = con.sql(sql)
        if relation is not None:
            if args.csv:
                relation.write_csv("/dev/stdout")
            else:
                relation.show(max_rows=args.max_rows, max_width=200)
    except duckdb.Error as exc:
        print(f"ntp-warehouse query: {exc}", file=sys.stderr)
        return 1
    finally:
        con.close()
    return 0


def _serve_postgres(args: argparse.Namespace) -> int:
    from loaders.serve_postgres import ServeError, ServeOptions, redact_dsn, serve_postgres, write_summary

    dsn = args.dsn or os.environ.get("NTP_POSTGRES_DSN")
    if not dsn:
        print("ntp-warehouse serve-postgres: give --dsn or set NTP_POSTGRES_DSN", file=sys.stderr)
        return 2
    options = ServeOptions(
        dsn=dsn,
        warehouse=Path(args.warehouse) if args.warehouse else PROJECT_ROOT / "warehouse.duckdb",
        schema=args.schema,
        reader_role=args.reader_role,
        reader_password=os.environ.get("NTP_READER_PASSWORD") or None,
    )
    try:
        result = serve_postgres(options)
    except ServeError as exc:
        print(f"ntp-warehouse serve-postgres: {exc}", file=sys.stderr)
        return 1
    write_summary(result, redact_dsn(dsn), sys.stdout)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="ntp-warehouse",
        description="Read programme documents into a tested DuckDB warehouse (see README.md).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="more detail in the log")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="read every document and write the extracted CSVs")
    p.add_argument("--documents", required=True, help="folder of documents (read recursively)")
    p.add_argument("--out", required=True, help="folder for the CSVs (seeds/extracted for the committed seeds)")
    p.add_argument("--workers", type=int, help="extraction processes (default: all cores)")
    p.add_argument("--cache", help="folder of per-file results to reuse for unchanged files")
    p.set_defaults(func=_extract)

    p = sub.add_parser("build", help="extract, build and test a candidate warehouse, then publish it atomically")
    p.add_argument("--documents", help="folder of documents (default: documents/)")
    p.add_argument("--warehouse", help="published DuckDB file (default: warehouse.duckdb)")
    p.add_argument(
        "--strict",
        action="store_true",
        help="all or nothing: publish only when every check passes and no document is rejected (exit 4, 5)",
    )
    p.add_argument(
        "--max-held-back",
        type=float,
        default=0.25,
        metavar="SHARE",
        help="publish nothing (exit 4) when checks would hold back more than this share of the documents, and more "
        "than two: a fault of the models or reference data, not of the documents (default 0.25)",
    )
    p.add_argument("--wait", action="store_true", help="wait for a running build to finish instead of exiting 75")
    p.add_argument("--seeds-dir", help="build from these extracted CSVs instead of extracting (for tests and replays)")
    p.add_argument("--no-exports", action="store_true", help="skip the Parquet exports of the marts")
    p.add_argument("--full", action="store_true", help="rebuild everything (default: only what changed documents need)")
    p.add_argument("--no-cache", action="store_true", help="re-read every document (default: reuse unchanged files)")
    p.add_argument("--workers", type=int, help="extraction processes (default: all cores)")
    p.set_defaults(func=_build)

    p = sub.add_parser("query", help="run SQL on the published warehouse, read-only")
    p.add_argument("sql", help="the SQL to run ('-' reads it from standard input)")
    p.add_argument("--warehouse", help="DuckDB file (default: warehouse.duckdb)")
    p.add_argument("--csv", action="store_true", help="print CSV instead of a table")
    p.add_argument("--max-rows", type=int, default=40, help="rows to show (table output)")
    p.set_defaults(func=_query)

    p = sub.add_parser(
        "serve-postgres",
        help="copy the published marts into PostgreSQL (atomic schema swap) with a read-only role for BI tools",
        description="Copy every table of schema marts of the published warehouse into PostgreSQL: loaded into a new "
        "schema, then swapped in by renaming in one transaction. The reader role gets USAGE and SELECT "
        "on that schema and nothing else; its password comes from NTP_READER_PASSWORD.",
    )
    p.add_argument("--dsn", help="libpq connection string or URI of the serving database (default: NTP_POSTGRES_DSN)")
    p.add_argument("--warehouse", help="published DuckDB file (default: warehouse.duckdb)")
    p.add_argument("--schema", default="marts", help="schema to serve the marts in (default: marts)")
    p.add_argument("--reader-role", default="ntp_reader", help="read-only role to create or fix (default: ntp_reader)")
    p.set_defaults(func=_serve_postgres)

    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    try:
        return args.func(args)
    except BrokenPipeError:  # `ntp-warehouse query ... | head`: the reader has seen enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
