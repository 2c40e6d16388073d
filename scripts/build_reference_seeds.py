"""Regenerate the gazetteer seeds (provinces, districts, communes) from the vietnamadminunits dataset.

Run by a maintainer when the dataset changes; the output CSVs are committed so a build needs neither this
script nor the network:

    .venv/bin/python scripts/build_reference_seeds.py

The 63 provinces and their 1 July 2025 successors are cross-checked against the programme reference
(`seeds/reference/provinces.csv` must agree with the dataset's 2025 conversion table). Each commune also gets the
commune (xã, phường) of 1 July 2025 it became part of, from the same table: where an old commune was divided among
several new ones, the one the dataset names as its default successor, flagged `is_successor_split`. Districts have
no successor: the district level was abolished on 1 July 2025 (their province's successor is in provinces.csv).
"""

from __future__ import annotations

import csv
import json
import re
import sqlite3
import sys
import unicodedata
from pathlib import Path

import vietnamadminunits

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "seeds" / "reference"
DATA = Path(vietnamadminunits.__file__).parent / "data"


def ascii_fold(text: str) -> str:
    text = text.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text.strip())


def strip_disambiguation(name: str) -> str:
    """'Trạm Tấu (Thị trấn)' -> 'Trạm Tấu'."""
    return re.sub(r"\s*\([^)]*\)\s*$", "", name).strip()


def write(name: str, header: list[str], rows: list[list[object]]) -> None:
    path = OUT / name
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    print(f"wrote {path.relative_to(ROOT)}: {len(rows)} rows")


def main() -> int:
    con = sqlite3.connect(DATA / "dataset.db")
    provinces = con.execute(
        "select distinct provinceCode, provinceShort, province, provinceKey from admin_units_legacy"
    ).fetchall()
    new_names = dict(con.execute("select distinct provinceKey, provinceShort from admin_units").fetchall())
    converter = json.loads((DATA / "converter_2025.json").read_text(encoding="utf-8"))["DICT_PROVINCE"]
    successor_of = {old: new_names[new] for new, olds in converter.items() for old in olds}

    reference = ROOT / "tests" / "data" / "reference_provinces.csv"
    with reference.open(encoding="utf-8") as f:
        ref = {r["province_code"]: r for r in csv.DictReader(f)}

    rows = []
    for code, short, full, key in sorted(provinces):
        short = nfc(ref[code]["province_name"])  # the programme's names (e.g. Thừa Thiên Huế before 2025)
        successor = nfc(successor_of[key])
        merged_away = key not in converter  # a surviving province keeps its key in the 2025 table
        rows.append(
            [
                code,
                short,
                ascii_fold(short),
                nfc(full.split(" ", 1)[0] if full.startswith("Tỉnh") else "Thành phố"),
                successor,
                "2025-06-30" if merged_away else "",
                "false",
            ]
        )
    rows.append(["00", "Toàn quốc", "Toan quoc", "Quốc gia", "Toàn quốc", "", "true"])

    # cross-check against the programme reference list
    for r in rows[:-1]:
        expected = nfc(ref[r[0]]["successor_province_name_from_2025_07_01"])
        if expected != r[4]:
            print(f"successor mismatch for {r[0]} {r[1]}: dataset {r[4]}, reference {expected}", file=sys.stderr)
            return 1
    write(
        "provinces.csv",
        [
            "province_code",
            "province_name",
            "province_name_ascii",
            "province_type",
            "successor_province_name",
            "valid_to",
            "is_national",
        ],
        rows,
    )

    districts = con.execute(
        "select distinct districtCode, provinceCode, districtShort, districtType from admin_units_legacy"
        " where districtCode is not null"
    ).fetchall()
    write(
        "districts.csv",
        ["district_code", "province_code", "district_name", "district_type"],
        [[c, p, nfc(strip_disambiguation(n)), nfc(t)] for c, p, n, t in sorted(districts)],
    )

    communes = con.execute(
        "select distinct wardCode, districtCode, provinceCode, wardShort, wardType,"
        " provinceKey || '_' || districtKey || '_' || wardKey from admin_units_legacy where wardCode is not null"
    ).fetchall()
    successors = successor_communes(con, json.loads((DATA / "converter_2025.json").read_text(encoding="utf-8")))
    rows = []
    for c, d, p, n, t, key in sorted(communes):
        new_code, new_name, new_type, split = successors[key]
        rows.append([c, d, p, nfc(strip_disambiguation(n)), nfc(t or ""), new_code, new_name, new_type, split])
    write(
        "communes.csv",
        [
            "commune_code",
            "district_code",
            "province_code",
            "commune_name",
            "commune_type",
            "successor_commune_code",
            "successor_commune_name",
            "successor_commune_type",
            "is_successor_split",
        ],
        rows,
    )
    return 0


def successor_communes(con: sqlite3.Connection, converter: dict) -> dict[str, tuple[str, str, str, str]]:
    """Old commune key ('tinhlaocai_huyensimacai_xabanme') -> (code, name, type, is_split) of the commune of
    1 July 2025 it became part of: the one new commune it went into whole, else the dataset's default among
    those it was divided into."""
    new_units = {
        (province_key, ward_key): (code, nfc(strip_disambiguation(name)), nfc(type_ or ""))
        for province_key, ward_key, code, name, type_ in con.execute(
            "select provinceKey, wardKey, wardCode, wardShort, wardType from admin_units"
        )
    }
    out: dict[str, tuple[str, str, str, str]] = {}
    for province_key, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for ward_key, olds in wards.items():
            for old in olds:
                out[old] = (*new_units[(province_key, ward_key)], "false")
    for province_key, olds in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, news in olds.items():
            if old in out:
                continue
            default = next(n for n in news if n["isDefaultNewWard"])
            out[old] = (*new_units[(province_key, default["newWardKey"])], "true")
    return out


if __name__ == "__main__":
    sys.exit(main())
