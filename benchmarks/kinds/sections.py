"""Project sections shared by plans and reports: numbering styles (sections that disagree with project
numbers, Roman numerals, letters), sub-project and content-item headings, target lines."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from benchmarks.compose import Ctx, indicator_piece, pair_piece
from benchmarks.model import Part, Piece, join
from benchmarks.numbers import vn_number
from benchmarks.phrases import INDICATORS, OBJECTIVES, PAIRS, indicators_for, pairs_for
from benchmarks.reference import content_items, projects, sub_projects

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
LETTERS = ("a", "b", "c", "d", "đ", "e")


def groups_of(project: str) -> list[tuple[str, str]]:
    """(sub-project, content) groups of a project that have indicators, in programme order."""
    seen: list[tuple[str, str]] = []
    for item in (*INDICATORS, *PAIRS):
        key = (item.sub, item.content)
        if item.project == project and key not in seen:
            seen.append(key)
    return sorted(seen, key=lambda k: (k[0] != "", k[0][-1:] if k[0] else "", k[1]))


def short_name(name: str) -> str:
    return name.replace("vùng đồng bào dân tộc thiểu số và miền núi", "vùng đồng bào DTTS&MN")


def cap_first(piece: Piece) -> Piece:
    """Capitalise a line's first letter, keeping quotes that start the line verbatim."""
    if not piece.text or not piece.text[0].islower():
        return piece
    text = piece.text[0].upper() + piece.text[1:]
    for r in piece.rows:
        if piece.text.startswith(r.quote):
            r.quote = text[: len(r.quote)]
    return Piece(text, piece.rows)


@dataclass
class Numbering:
    """Section numbers of project headings; they deliberately need not match project numbers."""

    style: str  # nested | flat | roman
    prefix: str = ""  # '2.' in nested style
    n: int = 0
    letters: bool = False  # sub-projects as 'a) Tiểu dự án 1' rather than '2.3.1. Tiểu dự án 1'

    def project(self, code: str, ctx: Ctx) -> str:
        self.n += 1
        number = int(code[2:])
        name = projects()[code]
        if ctx.rng.random() < 0.5:
            name = short_name(name)
        if self.style == "roman":
            return f"{ROMAN[self.n - 1]}. DỰ ÁN {number}: {name.upper()}"
        return f"{self.prefix}{self.n}. Dự án {number}: {name}"

    def sub(self, j: int, sub_code: str, ctx: Ctx) -> str:
        number = int(sub_code.rsplit("TDA", 1)[1])
        name = short_name(sub_projects()[sub_code]) if ctx.rng.random() < 0.5 else sub_projects()[sub_code]
        word = "Tiêu dự án" if ctx.rng.random() < 0.05 else "Tiểu dự án"
        if self.style == "roman":
            return f"{j}. {word} {number}: {name}"
        if self.letters:
            return f"{LETTERS[j - 1]}) {word} {number}: {name[0].lower() + name[1:]}"
        return f"{self.prefix}{self.n}.{j}. {word} {number}: {name}"


def objective(ctx: Ctx, code: str) -> Piece:
    """The 'Mục tiêu' sentence of a project; for Dự án 3 and 4 sometimes with keyed rates and fractions."""
    rng = ctx.rng
    text = rng.choice(OBJECTIVES[code])
    if code == "DA3" and rng.random() < 0.4:
        v = Decimal(rng.randint(38, 68))
        q = f"nâng tỷ lệ che phủ rừng của tỉnh lên {v}% vào năm 2025"
        row = ctx.target(
            "tỷ lệ che phủ rừng của tỉnh (mục tiêu đến năm 2025)",
            v,
            "%",
            q,
            project_code="DA3",
            sub_project_code="DA3.TDA1",
        )
        return join([text, ", góp phần duy trì ổn định, ", Piece(q, [row])])
    if code == "DA4" and rng.random() < 0.5:
        return join(
            [
                text,
                "; đầu tư đường đến trung tâm xã và cứng hóa đường đến trung tâm xã, liên xã, cụ thể: ",
                road_rate(ctx, "xã", "xã có đường ô tô đến trung tâm xã được rải nhựa hoặc bê tông", 40, 220),
                "; ",
                road_rate(ctx, "thôn", "thôn có đường ô tô đến trung tâm được cứng hóa", 300, 2000),
            ]
        )
    return Piece(text)


def road_rate(ctx: Ctx, unit: str, what: str, lo: int, hi: int) -> Piece:
    """'96,1% xã có đường ô tô ... (174/181 xã)': a rate and the fraction it comes from."""
    rng = ctx.rng
    total = max(5, round(rng.uniform(lo, hi) * ctx.scale))
    part = max(1, round(total * rng.uniform(0.6, 1.0)))
    pct = (Decimal(part) * 100 / Decimal(total)).quantize(Decimal("0.1"))
    pct_text = vn_number(pct, 0 if pct == pct.to_integral_value() else 1)
    qa = f"{pct_text}% {what}"
    tail = what.rsplit(" ", 3)[-3:] if unit == "xã" else what.rsplit(" ", 2)[-2:]
    qb = f"{' '.join(tail)} ({vn_number(Decimal(part))}/{vn_number(Decimal(total))} {unit})"
    codes = {"project_code": "DA4", "sub_project_code": "DA4.TDA1"}
    label = f"tỷ lệ {what}"
    return join(
        [
            Piece(qa, [ctx.target(label, pct, "%", qa, **codes)]),
            " (",
            Piece(
                f"{vn_number(Decimal(part))}/{vn_number(Decimal(total))} {unit}",
                [ctx.target(f"số {what}", Decimal(part), unit, qb, denominator=Decimal(total), **codes)],
            ),
            ")",
        ]
    )


def content_heading(ctx: Ctx, sub: str, content: str) -> str:
    name = content_items()[f"{sub}.{content}"]
    number = int(content[2:])
    if ctx.rng.random() < 0.5:
        return f"- Nội dung số {number:02d} ({name[0].lower() + name[1:]}):"
    return f"Nội dung số {number:02d}: {name}"


def target_line(ctx: Ctx, project: str, sub: str, content: str, result: bool) -> Piece | None:
    """2-5 keyed phrases of one group joined by '; ', or None when the group has nothing to say."""
    rng = ctx.rng
    inds = indicators_for(project, sub, content)
    pairs = pairs_for(project, sub, content)
    chosen_inds = rng.sample(inds, min(len(inds), rng.randint(1, 4)))
    chosen_pairs = [p for p in pairs if rng.random() < 0.6]
    pieces: list[Part] = [indicator_piece(ctx, i, result) for i in chosen_inds]
    pieces += [pair_piece(ctx, p, result) for p in chosen_pairs]
    if not pieces:
        return None
    rng.shuffle(pieces)
    return join(pieces, "; ")


def write_group(ctx: Ctx, project: str, sub: str, content: str, result: bool) -> None:
    line = target_line(ctx, project, sub, content, result)
    if line is None:
        return
    rng = ctx.rng
    lead = (
        rng.choice(("- Chỉ tiêu cụ thể: ", "+ Chỉ tiêu cụ thể: ", "", "- "))
        if not result
        else rng.choice(("", "- Kết quả: ", "- "))
    )
    if lead in ("", "- "):
        line = cap_first(line)
    ctx.doc.para(lead, line, ".")


def write_project(ctx: Ctx, numbering: Numbering, code: str, result: bool = False) -> None:
    """Heading, optional objective, and the target lines of every group of one project."""
    doc, rng = ctx.doc, ctx.rng
    doc.para(numbering.project(code, ctx), style="h2")
    if not result and rng.random() < 0.5:
        doc.para("- Mục tiêu: ", objective(ctx, code), ".")
    groups = groups_of(code)
    subs = [s for s in dict.fromkeys(g[0] for g in groups)]
    j = 0
    for sub in subs:
        if sub:
            if rng.random() < 0.25:
                continue
            j += 1
            doc.para(numbering.sub(j, sub, ctx), style="h3")
        for s, content in groups:
            if s != sub:
                continue
            if content:
                if rng.random() < 0.3:
                    continue
                doc.para(content_heading(ctx, sub, content), style="h4")
            write_group(ctx, code, sub, content, result)
