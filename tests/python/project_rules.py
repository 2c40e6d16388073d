"""Structural rules of the dbt project, checked on target/manifest.json (the rules of dbt-project-evaluator,
which cannot be installed here): names, folders, what each layer may read, documentation and primary keys."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

LAYERS = {
    "staging": re.compile(r"^stg_[a-z0-9]+__[a-z0-9_]+$"),
    "intermediate": re.compile(r"^int_[a-z0-9_]+$"),
    "marts": re.compile(r"^(fct|dim|rpt)_[a-z0-9_]+$"),
}
# models a tool requires by a fixed name (MetricFlow's time spine)
NAME_EXCEPTIONS = {"metricflow_time_spine"}
PK_TESTS = {"unique", "unique_combination_of_columns"}


@dataclass(frozen=True)
class Violation:
    rule: str
    model: str
    detail: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.model}: {self.detail}"


def load_manifest(project_dir: Path) -> dict:
    return json.loads((project_dir / "target" / "manifest.json").read_text(encoding="utf-8"))


def _layer(node: dict) -> str | None:
    parts = Path(node["original_file_path"]).parts
    return parts[1] if len(parts) > 2 and parts[0] == "models" else None


def check(manifest: dict) -> list[Violation]:
    nodes = manifest["nodes"]
    models = {
        uid: n
        for uid, n in nodes.items()
        if n["resource_type"] == "model"
        and n["package_name"] == manifest["metadata"].get("project_name", n["package_name"])
    }
    tests_by_model: dict[str, set[str]] = {}
    for n in nodes.values():
        if n["resource_type"] != "test":
            continue
        name = (n.get("test_metadata") or {}).get("name")
        for dep in n["depends_on"]["nodes"]:
            tests_by_model.setdefault(dep, set()).add(name or "")
    out: list[Violation] = []
    for uid, n in sorted(models.items()):
        name, layer = n["name"], _layer(n)
        if name in NAME_EXCEPTIONS:
            pass
        elif layer not in LAYERS:
            out.append(
                Violation("folder", name, f"lives in {n['original_file_path']}, outside staging/intermediate/marts")
            )
        elif not LAYERS[layer].match(name):
            out.append(Violation("naming", name, f"a {layer} model must match {LAYERS[layer].pattern}"))
        else:
            for other, pattern in LAYERS.items():
                if other != layer and pattern.match(name):
                    out.append(Violation("folder", name, f"named like a {other} model but lives in {layer}"))
        if layer == "staging":
            source_name = name.split("__")[0].removeprefix("stg_")
            folder = Path(n["original_file_path"]).parts[2] if len(Path(n["original_file_path"]).parts) > 3 else ""
            if folder != source_name:
                out.append(
                    Violation(
                        "folder", name, f"staging models of '{source_name}' belong in models/staging/{source_name}/"
                    )
                )
        parents = n["depends_on"]["nodes"]
        parent_models = [nodes[p] for p in parents if p in models]
        if layer == "staging" and parent_models:
            out.append(
                Violation(
                    "staging_reads_models",
                    name,
                    "staging reads only seeds and sources, not " + ", ".join(p["name"] for p in parent_models),
                )
            )
        if layer == "marts" and any(p.startswith("source.") for p in parents):
            out.append(Violation("marts_read_sources", name, "marts read staging or intermediate models, not sources"))
        if layer == "marts" and any(p.startswith("seed.") for p in parents):
            out.append(Violation("marts_read_seeds", name, "marts read staging models, not seeds directly"))
        if layer == "intermediate" and any(_layer(nodes[p]) == "marts" for p in parents if p in models):
            out.append(Violation("intermediate_reads_marts", name, "intermediate models do not read marts"))
        if not (n.get("description") or "").strip():
            out.append(Violation("documentation", name, "the model has no description"))
        if layer == "marts" or layer == "staging":
            for col, spec in n.get("columns", {}).items():
                if not (spec.get("description") or "").strip():
                    out.append(Violation("documentation", name, f"column {col} has no description"))
        if not (tests_by_model.get(uid, set()) & PK_TESTS):
            out.append(Violation("primary_key", name, "no unique or unique_combination_of_columns test"))
    return out
