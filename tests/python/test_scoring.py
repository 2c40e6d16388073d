"""Extraction quality, measured on a published warehouse against the answer keys: the real sample corpus
(tests/data/gold, byte-identical copies of ../shared/gold) and the synthetic examples of other genres and formats
(tests/data/examples). The keys are test data: nothing under loaders/ ever reads them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from scoring import score

GOLD = ROOT / "tests" / "data" / "gold"
EXAMPLES = ROOT / "tests" / "data" / "examples"


def test_sample_corpus_meets_the_bar(built_warehouse: Path):
    s = score(built_warehouse, GOLD)
    assert (s.documents_correct, s.documents) == (4, 4), s.misses
    assert (s.targets_recall, s.targets_precision) == (1.0, 1.0), s.misses
    assert (s.funding_recall, s.funding_precision) == (1.0, 1.0), s.misses
    for name in s.attribution:
        assert s.attribution_ratio(name) >= 0.99, name


def test_our_scorer_agrees_with_the_reference_scorer(built_warehouse: Path):
    ours = score(built_warehouse, GOLD)
    reference = json.loads(
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "tests" / "data" / "score_gold.py"),
                "--warehouse",
                str(built_warehouse),
                "--gold",
                str(GOLD),
                "--json",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    assert reference["documents_correct"] == ours.documents_correct
    assert reference["documents"] == ours.documents
    assert reference["targets_recall"] == ours.targets_recall
    assert reference["targets_precision"] == ours.targets_precision
    assert reference["funding_recall"] == ours.funding_recall
    assert reference["funding_precision"] == ours.funding_precision
    for key, value in reference["attribution"].items():
        assert ours.attribution_ratio(key) == value, key


def test_examples_of_other_genres_and_formats(examples_warehouse: tuple[Path, Path]):
    """The nineteen examples: every document's province and year right, targets and funding found and precise,
    and every attribution the scorer reports right (project, sub-project, content, capital type, budget level,
    funding source, phase, measure, comparator, level, area, period, as-of date) at 0.95 or better."""
    warehouse, key = examples_warehouse
    s = score(warehouse, key)
    assert s.documents_correct == s.documents == 19, s.misses
    assert s.targets_recall >= 0.95, s.misses
    assert s.targets_precision >= 0.95
    assert s.funding_recall >= 0.95, s.misses
    assert s.funding_precision >= 0.95
    low = {name: s.attribution_ratio(name) for name in s.attribution if s.attribution_ratio(name) < 0.95}
    assert not low, low
    assert {"targets.period", "funding.period", "targets.as_of_date", "funding.as_of_date"} <= set(s.attribution)


def test_our_scorer_agrees_on_the_examples(examples_warehouse: tuple[Path, Path]):
    warehouse, key = examples_warehouse
    ours = score(warehouse, key)
    reference = json.loads(
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "tests" / "data" / "score_gold.py"),
                "--warehouse",
                str(warehouse),
                "--gold",
                str(key),
                "--json",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    assert (reference["targets_recall"], reference["targets_precision"]) == (
        ours.targets_recall,
        ours.targets_precision,
    )
    assert (reference["funding_recall"], reference["funding_precision"]) == (
        ours.funding_recall,
        ours.funding_precision,
    )
    for key_, value in reference["attribution"].items():
        assert ours.attribution_ratio(key_) == value, key_


def test_answer_keys_are_byte_identical_copies():
    shared = ROOT.parent / "shared" / "gold"
    if not shared.exists():
        pytest.skip("../shared is not next to this checkout")
    for path in shared.iterdir():
        assert (GOLD / path.name).read_bytes() == path.read_bytes(), path.name


def test_loaders_never_read_the_answer_keys():
    for path in (ROOT / "loaders").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for needle in ("seeds_targets", "seeds_funding", "gold_targets", "examples_targets", "tests/data"):
            assert needle not in text, f"{path.name} mentions {needle}"
