"""Reference data for the generator: real provinces, districts and communes (GSO gazetteer seeds), the
programme's projects / sub-projects / content items, and small pools of invented local names."""

from __future__ import annotations

import csv
import random
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds" / "reference"

# Provinces and cities with communes in the ethnic-minority and mountainous area (QĐ 861/QĐ-TTg); an honest
# approximation of the programme's coverage, used to cycle the corpus.
EM_PROVINCES = (
    "02",
    "04",
    "06",
    "08",
    "10",
    "11",
    "12",
    "14",
    "15",
    "17",
    "19",
    "20",
    "22",
    "24",
    "25",
    "26",
    "01",
    "37",
    "38",
    "40",
    "42",
    "44",
    "45",
    "46",
    "48",
    "49",
    "51",
    "52",
    "54",
    "56",
    "58",
    "60",
    "62",
    "64",
    "66",
    "67",
    "68",
    "70",
    "72",
    "75",
    "77",
    "84",
    "86",
    "89",
    "91",
    "92",
    "93",
    "94",
    "95",
    "96",
)
# Size tiers drive the magnitude of targets and money (A: large mountainous provinces, C: small shares).
TIER_A = {
    "02",
    "04",
    "06",
    "08",
    "10",
    "11",
    "12",
    "14",
    "15",
    "17",
    "20",
    "38",
    "40",
    "49",
    "51",
    "62",
    "64",
    "66",
    "67",
    "68",
    "94",
    "84",
}
TIER_C = {"01", "26", "48", "75", "77", "86", "92", "93", "95", "96", "72", "37", "60", "56"}
TIER_SCALE = {"A": 1.0, "B": 0.45, "C": 0.12}

NORTH = {
    "02",
    "04",
    "06",
    "08",
    "10",
    "11",
    "12",
    "14",
    "15",
    "17",
    "19",
    "20",
    "22",
    "24",
    "25",
    "26",
    "01",
    "37",
    "38",
    "40",
}
CENTRAL = {"42", "44", "45", "46", "48", "49", "51", "52", "54", "56", "58", "60"}
HIGHLANDS = {"62", "64", "66", "67", "68"}


@dataclass(frozen=True)
class Commune:
    name: str
    type: str  # Xã | Thị trấn


@dataclass(frozen=True)
class District:
    code: str
    name: str
    type: str  # Huyện | Thị xã | Thành phố
    communes: tuple[Commune, ...]

    @property
    def label(self) -> str:
        """'huyện Bắc Sơn', 'thị xã Kỳ Anh', 'thành phố Lai Châu'."""
        return f"{self.type.lower()} {self.name}"

    @property
    def rural(self) -> tuple[Commune, ...]:
        return tuple(c for c in self.communes if c.type == "Xã")


@dataclass(frozen=True)
class Province:
    code: str
    name: str
    type: str  # Tỉnh | Thành phố
    districts: tuple[District, ...]

    @property
    def tier(self) -> str:
        return "A" if self.code in TIER_A else "C" if self.code in TIER_C else "B"

    @property
    def scale(self) -> float:
        return TIER_SCALE[self.tier]

    @property
    def region(self) -> str:
        if self.code in NORTH:
            return "north"
        if self.code in CENTRAL:
            return "central"
        return "highlands" if self.code in HIGHLANDS else "south"

    @property
    def label(self) -> str:
        """'tỉnh Lạng Sơn', 'thành phố Đà Nẵng'."""
        return f"{self.type.lower()} {self.name}"


def _read(name: str) -> list[dict[str, str]]:
    with (SEEDS / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text.strip())


@cache
def provinces() -> tuple[Province, ...]:
    """The EM provinces in EM_PROVINCES order, each with its rural districts (>= 3 communes of type Xã)."""
    communes: dict[str, list[Commune]] = {}
    for r in _read("communes.csv"):
        if r["commune_type"] in ("Xã", "Thị trấn"):
            communes.setdefault(r["district_code"], []).append(Commune(_nfc(r["commune_name"]), r["commune_type"]))
    districts: dict[str, list[District]] = {}
    for r in _read("districts.csv"):
        cs = tuple(communes.get(r["district_code"], ()))
        if r["district_type"] == "Quận" or sum(c.type == "Xã" for c in cs) < 3:
            continue
        d = District(r["district_code"], _nfc(r["district_name"]), r["district_type"], cs)
        districts.setdefault(r["province_code"], []).append(d)
    by_code = {r["province_code"]: r for r in _read("provinces.csv")}
    out = []
    for code in EM_PROVINCES:
        r = by_code[code]
        ds = tuple(sorted(districts.get(code, ()), key=lambda d: (d.type != "Huyện", d.code)))
        ds = tuple(d for i, d in enumerate(ds) if d.name not in {x.name for x in ds[:i]})  # one 'Long Mỹ'
        out.append(Province(code, _nfc(r["province_name"]), r["province_type"], ds))
    return tuple(out)


@cache
def projects() -> dict[str, str]:
    """'DA1' -> Vietnamese name."""
    return {r["project_code"]: r["project_name_vi"] for r in _read("projects.csv")}


@cache
def sub_projects() -> dict[str, str]:
    """'DA3.TDA1' -> Vietnamese name."""
    return {r["sub_project_code"]: r["sub_project_name_vi"] for r in _read("sub_projects.csv")}


@cache
def content_items() -> dict[str, str]:
    """'DA3.TDA2.ND1' -> Vietnamese name."""
    return {r["content_item_code"]: r["content_name_vi"] for r in _read("content_items.csv")}


def ascii_id(text: str) -> str:
    """'Mường Nhé' -> 'MUONG_NHE' (ids in line_id)."""
    text = text.replace("Đ", "D").replace("đ", "d")
    folded = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return "_".join("".join(ch if ch.isalnum() else " " for ch in folded).upper().split())


ETHNIC_GROUPS = {
    "north": (
        "Tày",
        "Nùng",
        "Dao",
        "Mông",
        "Thái",
        "Mường",
        "Giáy",
        "Sán Chay",
        "Sán Dìu",
        "Hà Nhì",
        "Khơ Mú",
    ),
    "central": (
        "Thái",
        "Mường",
        "Khơ Mú",
        "Chứt",
        "Bru - Vân Kiều",
        "Tà Ôi",
        "Cơ Tu",
        "Co",
        "Hrê",
        "Ba Na",
        "Chăm",
        "Raglai",
        "Ê Đê",
    ),
    "highlands": ("Ba Na", "Xơ Đăng", "Gia Rai", "Ê Đê", "Mnông", "Cơ Ho", "Mạ", "Chu Ru", "Giẻ Triêng"),
    "south": ("Khmer", "Chăm", "Hoa", "Xtiêng", "Chơ Ro", "Mạ"),
}
SMALL_GROUPS = {
    "north": ("Lô Lô", "Pu Péo", "Cống", "Si La", "La Hủ", "Mảng", "Bố Y", "Cờ Lao", "Ngái", "La Ha"),
    "central": ("Chứt", "Ơ Đu", "Cơ Tu", "Tà Ôi"),
    "highlands": ("Brâu", "Rơ Măm", "Giẻ Triêng"),
    "south": ("Chơ Ro", "Xtiêng"),
}
VILLAGE_WORD = {
    "north": ("thôn", "bản", "xóm"),
    "central": ("thôn", "bản", "làng"),
    "highlands": ("làng", "buôn", "thôn", "bon"),
    "south": ("ấp", "sóc", "ấp"),
}
_SYLLABLES = {
    "north": (
        "Nà",
        "Khuổi",
        "Pác",
        "Lũng",
        "Cốc",
        "Phiêng",
        "Nậm",
        "Huổi",
        "Tả",
        "Sín",
        "Mảm",
        "Pắc",
        "Bó",
        "Lùng",
        "Chè",
        "Phìn",
        "Hồng",
        "Tát",
        "Cang",
        "Lào",
        "Pó",
        "Nghè",
        "Khau",
        "Slam",
    ),
    "central": (
        "Rào",
        "Tre",
        "Ka",
        "Dốc",
        "Mây",
        "Ta",
        "Lang",
        "A",
        "Vao",
        "Pa",
        "Xai",
        "Cha",
        "Tang",
        "Lìa",
        "Ró",
        "Đin",
        "Kon",
        "Ra",
    ),
    "highlands": (
        "Kon",
        "Plei",
        "Đăk",
        "Ea",
        "Bông",
        "Tơ",
        "Rơ",
        "Trú",
        "Kơ",
        "Ma",
        "Sar",
        "Hra",
        "Nia",
        "Drai",
        "Jút",
        "Krông",
        "Bú",
        "Lang",
    ),
    "south": (
        "Tà",
        "Sóc",
        "Ven",
        "Ba",
        "Rạch",
        "Kênh",
        "Trà",
        "Cô",
        "Tum",
        "Bưng",
        "Xẻo",
        "Sa",
        "Lách",
        "Mới",
        "Dầu",
    ),
}


def village_name(rng: random.Random, region: str, numbered: bool = False) -> str:
    """An invented village name like 'bản Nà Lừa', or (numbered) 'bản Mảm 2'."""
    word = rng.choice(VILLAGE_WORD[region])
    a, b = rng.choice(_SYLLABLES[region]), rng.choice(_SYLLABLES[region])
    name = f"{a} {b}" if a != b else a
    return f"{word} {name} {rng.randint(1, 5)}" if numbered else f"{word} {name}"
