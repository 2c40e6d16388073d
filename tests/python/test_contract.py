"""docs/contract.md, the public interface, is in step with the marts: it names every table of schema `marts` of a
published warehouse and every column of each, in order, and nothing else; dbt's docs describe each of them; the
README sends readers to it, inside the repository."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest
import yaml
from conftest import ROOT

CONTRACT = ROOT / "docs" / "contract.md"
SECTION = re.compile(r"^#### `(\w+)`$", re.MULTILINE)
COLUMNS = re.compile(r"^Columns: (.+)\.$", re.MULTILINE)


def contract_tables(text: str) -> dict[str, list[str]]:
    """Each table the contract names (a `#### `name`` heading) with the columns its `Columns:` line lists."""
    tables: dict[str, list[str]] = {}
    headings = list(SECTION.finditer(text))
    for i, heading in enumerate(headings):
        end = headings[i + 1].start() if i + 1 < len(headings) else len(text)
        lines = COLUMNS.findall(text, heading.end(), end)
        assert len(lines) == 1, f"{heading.group(1)}: one Columns: line, found {len(lines)}"
        tables[heading.group(1)] = [c.strip().strip("`") for c in lines[0].split(",")]
    return tables


def differences(contract: dict[str, list[str]], marts: dict[str, list[str]]) -> list[str]:
    out = [f"{t}: in the marts, not in the contract" for t in sorted(set(marts) - set(contract))]
    out += [f"{t}: in the contract, not in the marts" for t in sorted(set(contract) - set(marts))]
    for table in sorted(set(contract) & set(marts)):
        if contract[table] != marts[table]:
            out.append(f"{table}: the contract lists {contract[table]}, the mart has {marts[table]}")
    return out


def _marts(warehouse: Path) -> dict[str, list[str]]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = con.execute("""
            select table_name, column_name from information_schema.columns
            where table_schema = 'marts' order by table_name, ordinal_position
        """).fetchall()
    finally:
        con.close()
    marts: dict[str, list[str]] = {}
    for table, column in rows:
        marts.setdefault(table, []).append(column)
    return marts


@pytest.mark.slow
def test_the_contract_lists_every_table_and_column_of_the_published_marts(built_warehouse):
    # given
    contract = contract_tables(CONTRACT.read_text(encoding="utf-8"))
    # then
    assert differences(contract, _marts(built_warehouse)) == []


def test_the_comparison_rejects_a_contract_out_of_step():
    # given a contract and marts that agree
    marts = {"fct_x": ["x_id", "amount"], "dim_y": ["y_id"]}
    text = "#### `fct_x`\n\nWords.\n\nColumns: `x_id`, `amount`.\n\n#### `dim_y`\n\nColumns: `y_id`.\n"
    assert differences(contract_tables(text), marts) == []
    # then a renamed column, a dropped table and a table the marts do not have are each found
    assert differences(contract_tables(text.replace("`amount`", "`amount_vnd`")), marts)
    assert differences(contract_tables(text.split("#### `dim_y`")[0]), marts)
    assert differences(contract_tables(text + "\n#### `rpt_z`\n\nColumns: `z`.\n"), marts)


def test_every_table_and_column_of_the_contract_is_described_in_dbts_docs():
    # given the marts' model properties
    described: dict[str, dict[str, str]] = {}
    for path in (ROOT / "models" / "marts").rglob("_*.yml"):
        for model in yaml.safe_load(path.read_text(encoding="utf-8")).get("models", []):
            assert model.get("description"), model["name"]
            described[model["name"]] = {c["name"]: c.get("description") for c in model.get("columns", [])}
    # then
    for table, columns in contract_tables(CONTRACT.read_text(encoding="utf-8")).items():
        assert table in described, table
        missing = [c for c in columns if not described[table].get(c)]
        assert not missing, (table, missing)


def test_the_readme_links_to_the_contract_in_the_repository():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "](docs/contract.md)" in readme
    assert "../shared" not in readme
