"""Reference vocabulary read from the committed seeds (seeds/reference/*.csv): units, funding terms, the
programme tree, project name aliases and the gazetteer. The seeds are the single source of truth shared by the
loaders and the dbt models."""

from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from loaders.textnorm import ascii_fold, name_key, nfc

DEFAULT_REFERENCE_DIR = Path(__file__).resolve().parent.parent / "seeds" / "reference"


def reference_dir() -> Path:
    return Path(os.environ.get("NTP_REFERENCE_DIR", DEFAULT_REFERENCE_DIR))


def _rows(name: str) -> list[dict[str, str]]:
    path = reference_dir() / f"{name}.csv"
    with path.open(newline="", encoding="utf-8") as f:
        return [{k: nfc(v) for k, v in row.items()} for row in csv.DictReader(f)]


@dataclass(frozen=True)
class ProjectAlias:
    key: str
    project_code: str
    sub_project_code: str | None
    content_code: str | None
    kind: str  # name (the item's name or a short form of it) | topic (an activity it funds: 'nhà ở', 'đào tạo nghề')


@dataclass(frozen=True)
class Vocabulary:
    unit_variants: dict[str, str]  # lower-case written form -> unit code
    cue_terms: tuple[tuple[str, str, str, bool], ...]  # (lower-case term, dimension, value, strong), longest first
    project_numbers: dict[int, str]  # 1 -> DA1
    sub_projects: dict[tuple[str, int], str]  # (DA3, 1) -> DA3.TDA1
    project_aliases: tuple[ProjectAlias, ...]  # longest alias first


@cache
def vocabulary() -> Vocabulary:
    variants = {r["unit_raw"].lower(): r["unit_code"] for r in _rows("unit_variants")}
    terms = sorted(
        ((r["term"].lower(), r["dimension"], r["value"], r["strength"] == "strong") for r in _rows("cue_terms")),
        key=lambda t: (-len(t[0]), t),
    )
    projects = {int(r["project_number"]): r["project_code"] for r in _rows("projects") if r["program_code"] == "DTTS"}
    subs = {(r["project_code"], int(r["sub_project_number"])): r["sub_project_code"] for r in _rows("sub_projects")}
    aliases = sorted(
        (
            ProjectAlias(
                name_key(r["alias"]),
                r["project_code"],
                r["sub_project_code"] or None,
                r["content_code"] or None,
                r["kind"],
            )
            for r in _rows("project_aliases")
        ),
        key=lambda a: (-len(a.key), a.key),
    )
    return Vocabulary(variants, tuple(terms), projects, subs, tuple(aliases))


@dataclass(frozen=True)
class Publisher:
    domain: str  # the outlet's domain as listed ('baolaocai.vn', 'kontum.gov.vn')
    province_code: str | None  # the province it publishes for; None for national outlets
    kind: str  # newspaper | portal | broadcaster | legal


@cache
def publishers() -> dict[str, Publisher]:
    return {
        r["domain"].lower(): Publisher(r["domain"].lower(), r["province_code"] or None, r["publisher_kind"])
        for r in _rows("publishers")
    }


def host_of(url: str) -> str | None:
    """The host of an address, lower-case, without 'www.', port or trailing dot ('https://www.X.vn:443/a' -> 'x.vn')."""
    from urllib.parse import urlsplit

    text = url.strip()
    if "//" not in text:
        text = "//" + text
    try:
        host = urlsplit(text).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    host = host.rstrip(".").lower()
    return host[4:] if host.startswith("www.") else host


def publisher_of(url: str) -> tuple[str | None, Publisher | None]:
    """The outlet an address belongs to: its host, and the listed publisher whose domain the host is or is under
    ('bandantoc.kontum.gov.vn' is under kontum.gov.vn)."""
    host = host_of(url)
    if host is None:
        return None, None
    labels = host.split(".")
    known = publishers()
    for i in range(len(labels) - 1):
        candidate = ".".join(labels[i:])
        if candidate in known:
            return host, known[candidate]
    return host, _provincial_by_name(labels)


def _provincial_by_name(labels: list[str]) -> Publisher | None:
    """An outlet not listed that names its province the way provincial ones do: a newspaper 'bao<province>' on
    any domain ('baobackan.com.vn'), a portal under '<province>.gov.vn'."""
    slugs = {re.sub(r"[^a-z]", "", ascii_fold(p.name).lower()): p.code for p in gazetteer().provinces.values()}
    if labels[-2:] == ["gov", "vn"] and len(labels) >= 3 and labels[-3] in slugs:
        return Publisher(".".join(labels[-3:]), slugs[labels[-3]], "portal")
    for label in labels[:-1]:
        if label.startswith("bao") and label[3:] in slugs:
            return Publisher(".".join(labels[labels.index(label) :]), slugs[label[3:]], "newspaper")
    return None


@cache
def value_list(name: str) -> tuple[str, ...]:
    """A list of allowed values from seeds/reference/value_lists.csv, the one home of every value list."""
    values = tuple(r["value"] for r in _rows("value_lists") if r["list_name"] == name)
    if not values:
        raise KeyError(f"no value list {name!r} in value_lists.csv")
    return values


def reference_rows(name: str) -> list[dict[str, str]]:
    """The rows of a reference seed (seeds/reference/<name>.csv)."""
    return _rows(name)


@cache
def reference_codes(name: str, column: str) -> tuple[str, ...]:
    """The codes of a reference seed's column, sorted (province codes, programme codes, years)."""
    return tuple(sorted({r[column] for r in _rows(name)}))


@cache
def reference_years() -> frozenset[int]:
    return frozenset(int(r["year"]) for r in _rows("years"))


def level_of(type_word: str) -> str:
    """The level a place type names below the province: 'xã', 'phường', 'thị trấn' a commune, the others
    ('huyện', 'thị xã', 'thành phố', 'quận') a district."""
    return "commune" if " ".join(type_word.lower().split()) in ("xã", "phường", "thị trấn") else "district"


@dataclass(frozen=True)
class Place:
    code: str
    name: str
    kind: str  # province | district | commune
    type_word: str  # Tỉnh, Huyện, Thị xã, Thành phố, Quận, Xã, Phường, Thị trấn
    province_code: str
    district_code: str | None


@dataclass(frozen=True)
class Gazetteer:
    provinces: dict[str, Place]  # code -> place
    by_key: dict[str, tuple[Place, ...]]  # name key -> places of any level with that name
    districts_of: dict[str, tuple[Place, ...]]  # province code -> its districts

    def province(self, code: str) -> Place:
        return self.provinces[code]

    def lookup(self, name: str, kind: str | None = None, province_code: str | None = None) -> tuple[Place, ...]:
        found = self.by_key.get(name_key(name), ())
        return tuple(
            p
            for p in found
            if (kind is None or p.kind == kind) and (province_code is None or p.province_code == province_code)
        )


@cache
def gazetteer() -> Gazetteer:
    provinces: dict[str, Place] = {}
    index: dict[str, list[Place]] = {}
    districts_of: dict[str, list[Place]] = {}

    def add(place: Place, *names: str) -> None:
        for n in {name_key(x) for x in names if x}:
            index.setdefault(n, []).append(place)

    for r in _rows("provinces"):
        if r["is_national"] == "true":
            continue
        p = Place(r["province_code"], r["province_name"], "province", r["province_type"], r["province_code"], None)
        provinces[p.code] = p
        aliases = [r["province_name"]]
        if r["province_name"] == "Thừa Thiên Huế":
            aliases.append("Huế")
        if r["province_name"] == "Hồ Chí Minh":
            aliases += ["TP. Hồ Chí Minh", "TP Hồ Chí Minh"]
        add(p, *aliases)
    for r in _rows("districts"):
        p = Place(
            r["district_code"],
            r["district_name"],
            "district",
            r["district_type"],
            r["province_code"],
            r["district_code"],
        )
        districts_of.setdefault(p.province_code, []).append(p)
        add(p, r["district_name"])
    for r in _rows("communes"):
        p = Place(
            r["commune_code"], r["commune_name"], "commune", r["commune_type"], r["province_code"], r["district_code"]
        )
        add(p, r["commune_name"])
    return Gazetteer(provinces, {k: tuple(v) for k, v in index.items()}, {k: tuple(v) for k, v in districts_of.items()})
