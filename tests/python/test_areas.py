"""Places with codes: dim_area holds the whole gazetteer with the units of 1 July 2025, the facts' place names
resolve to GSO codes (by name with or without its type word, another spelling, a numbered ward within the
document's district), and what does not resolve is in rpt_unresolved_areas."""

from __future__ import annotations

import csv
import json
import os
import subprocess
from pathlib import Path

import duckdb
import pytest
from conftest import BIN, ROOT

from loaders.textnorm import fold_key

pytestmark = pytest.mark.slow

SEEDS = ROOT / "seeds" / "reference"


def _seed(name: str) -> list[dict[str, str]]:
    with (SEEDS / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _code(kind: str, province_code: str, name: str, district_code: str | None = None) -> str:
    """The one gazetteer code of a place, by its exact name (the expected values are read, not typed in)."""
    rows = _seed(f"{kind}s")
    found = [
        r[f"{kind}_code"]
        for r in rows
        if r["province_code"] == province_code
        and r[f"{kind}_name"] == name
        and (district_code is None or r["district_code"] == district_code)
    ]
    assert len(found) == 1, (kind, province_code, name, found)
    return found[0]


def test_dim_area_holds_every_district_and_commune_of_the_gazetteer_with_their_2025_successors(built_warehouse):
    # given the gazetteer seeds
    districts, communes = _seed("districts"), _seed("communes")
    # when dim_area is read
    with duckdb.connect(str(built_warehouse), read_only=True) as con:
        rows = con.execute(
            "select area_code, area_level, district_code, province_code, successor_province_name, "
            "successor_commune_code from marts.dim_area"
        ).fetchall()
    # then every district and commune is there once, at its level, in its district and province
    by_code = {r[0]: r for r in rows}
    assert len(by_code) == len(rows) == len(districts) + len(communes) == 696 + 10035
    for d in districts:
        assert by_code[d["district_code"]][1:4] == ("district", d["district_code"], d["province_code"])
    for c in communes:
        assert by_code[c["commune_code"]][1:4] == ("commune", c["district_code"], c["province_code"])
        assert by_code[c["commune_code"]][5] == c["successor_commune_code"]
    # and each knows the province of the 34 it belongs to (Hà Giang's districts are Tuyên Quang's from 2025)
    assert {r[4] for r in rows if r[3] == "02"} == {"Tuyên Quang"}
    assert all(r[5] is None for r in rows if r[1] == "district")


def test_the_examples_place_every_district_and_commune_figure_or_report_it(examples_warehouse):
    # given the warehouse of the nineteen examples
    warehouse, _ = examples_warehouse
    with duckdb.connect(str(warehouse), read_only=True) as con:
        figures = con.execute(
            """
            select f.area_name, f.area_code, a.area_name
            from (
                select area_name, area_code from marts.fct_indicator_targets
                union all
                select area_name, area_code from marts.fct_budget_allocations
            ) as f
            left join marts.dim_area as a on f.area_code = a.area_code
            where f.area_name is not null
            """
        ).fetchall()
        reported = con.execute("select coalesce(sum(n_figures), 0) from marts.rpt_unresolved_areas").fetchone()[0]
        documents = con.execute(
            "select count(*), count(area_code) from marts.dim_document where admin_level in ('district', 'commune')"
        ).fetchone()
    # then at least 95% of the figures about a district or commune have its code, the rest are reported
    resolved = [f for f in figures if f[1] is not None]
    assert len(figures) > 150
    assert len(resolved) / len(figures) >= 0.95, [f for f in figures if f[1] is None]
    assert reported == len(figures) - len(resolved)
    # and the code is the place the figure names (same name, however spelled)
    assert all(fold_key(name) == fold_key(gazetteer_name) for name, _, gazetteer_name in resolved), resolved
    # and the districts that issued documents have their code too
    assert documents[0] == documents[1] == 3


CASES = [
    # case, province, document's district, level, name as written, expected match
    ("with its type word", "20", None, None, "huyện Bắc Sơn", "name"),
    ("bare", "20", None, "district", "Bắc Sơn", "name"),
    ("upper case", "20", None, None, "BẮC SƠN", "name"),
    ("the other tone-mark placement", "20", None, "commune", "xã Hoà Cư", "spelling"),
    ("an apostrophe spaced", "62", None, "district", "Ia H' Drai", "name"),
    ("another vowel spelling", "62", None, "district", "Đăk Glei", "spelling"),
    ("a numbered ward in the document's district", "45", "461", "commune", "phường 01", "name"),
    ("a numbered ward of several districts", "45", None, "commune", "Phường 1", "ambiguous"),
    ("a commune name of several districts", "20", None, "commune", "xã Hòa Bình", "ambiguous"),
    ("no such place", "20", None, None, "Atlantis", "not_found"),
]


def test_place_names_resolve_with_or_without_type_words_in_other_spellings_and_within_the_district(
    examples_warehouse, tmp_path: Path
):
    # given place names as documents write them, and the resolution the facts use (ntp_area_key_joins and
    # ntp_area_resolution on int_area_name_keys of a built warehouse)
    warehouse, _ = examples_warehouse
    values = ",\n".join(
        "('{}', '{}', {}, {}, '{}')".format(
            case.replace("'", "''"),
            province,
            f"'{district}'" if district else "cast(null as varchar)",
            f"'{level}'" if level else "cast(null as varchar)",
            name.replace("'", "''"),
        )
        for case, province, district, level, name, _ in CASES
    )
    query = f"""
        with cases as (
            select * from (values {values}) as t (case_name, province_code, district_code, area_level, area_name)
        ),
        area_keys as (select * from {{{{ ref('int_area_name_keys') }}}}),
        prepared as (select *, cast(null as varchar) as text_area_code from cases)
        select prepared.case_name, {{{{ ntp_area_resolution('prepared', 'prepared.area_level') }}}}
        from prepared
        {{{{ ntp_area_key_joins('area_keys', 'prepared.area_name', 'prepared.province_code',
                                'prepared.district_code') }}}}
    """
    env = {
        **os.environ,
        "DBT_PROFILES_DIR": str(ROOT),
        "NTP_WAREHOUSE_PATH": str(warehouse),
        "NTP_DBT_TARGET": "readonly",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    # when dbt runs it
    result = subprocess.run(
        [
            str(BIN / "dbt"),
            "show",
            "--inline",
            query,
            "--limit",
            "100",
            "--output",
            "json",
            "--log-format",
            "json",
            "--target-path",
            str(tmp_path / "target"),
            "--log-path",
            str(tmp_path),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    preview = next(json.loads(line)["data"]["preview"] for line in result.stdout.splitlines() if '"preview"' in line)
    rows = {r["case_name"]: (r["area_code"], r["area_match"]) for r in json.loads(preview)}
    # then each name finds its place, or says why not
    expected = {
        "with its type word": _code("district", "20", "Bắc Sơn"),
        "bare": _code("district", "20", "Bắc Sơn"),
        "upper case": _code("district", "20", "Bắc Sơn"),
        "the other tone-mark placement": _code("commune", "20", "Hòa Cư"),
        "an apostrophe spaced": _code("district", "62", "Ia H'Drai"),
        "another vowel spelling": _code("district", "62", "Đắk Glei"),
        "a numbered ward in the document's district": _code("commune", "45", "Phường 1", "461"),
    }
    for case, *_, match in CASES:
        assert rows[case] == (expected.get(case), match), case
