"""The small parts of the per-document quarantine (loaders/quarantine.py, loaders/build.py): removing held-back
documents' rows from the extracted CSVs, the findings file, and what an incremental build carries over."""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

from loaders import incremental, quarantine
from loaders.build import _earlier_findings
from loaders.reference import value_list


def _finding(document: str, action: str, n: int = 0) -> quarantine.Finding:
    return quarantine.Finding(
        f"{document}{n:012d}",
        document,
        "plan.txt" if n % 2 else None,
        12 if n % 2 else None,
        "102%",
        'quote with "quotes", a comma\nand a line break',
        "value_in_range",
        "fct_indicator_targets",
        "target_value",
        "102",
        action,
        "n_records = 2",
        "value_in_range_fct_indicator_targets",
    )


def test_the_actions_are_the_value_list_of_the_reference():
    assert set(value_list("finding_action")) == {quarantine.HELD_BACK, quarantine.FLAGGED}


def test_findings_are_written_and_read_back_unchanged(tmp_path: Path):
    findings = [_finding("a", quarantine.HELD_BACK, n) for n in range(3)] + [_finding("b", quarantine.FLAGGED)]
    quarantine.write_findings(tmp_path, [*findings, findings[0]])
    assert sorted(quarantine.read_findings(tmp_path / quarantine.FINDINGS), key=repr) == sorted(findings, key=repr)
    quarantine.write_findings(tmp_path)
    assert (tmp_path / quarantine.FINDINGS).read_text(encoding="utf-8") == ",".join(quarantine.COLUMNS) + "\n"


def test_held_back_documents_leave_every_file_with_a_document_id(tmp_path: Path):
    rows = [["document_id", "source_quote"], ["a", "one\nline, two"], ["b", "kept"], ["a", "gone"], ["c", "kept"]]
    with (tmp_path / "extracted_targets.csv").open("w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    (tmp_path / "extracted_rejected_documents.csv").write_text("source_file,reason,detail\nx,y,z\n", encoding="utf-8")
    quarantine.write_findings(tmp_path, [_finding("a", quarantine.HELD_BACK)])
    removed = quarantine.drop_documents(tmp_path, {"a"})
    assert removed == {"extracted_targets.csv": 2}
    with (tmp_path / "extracted_targets.csv").open(newline="", encoding="utf-8") as f:
        assert list(csv.reader(f)) == [rows[0], rows[2], rows[4]]
    assert (tmp_path / "extracted_rejected_documents.csv").read_text(encoding="utf-8").endswith("x,y,z\n")
    assert [f.document_id for f in quarantine.read_findings(tmp_path / quarantine.FINDINGS)] == ["a"]


def test_held_back_documents_join_the_documents_an_incremental_load_replaces(tmp_path: Path):
    (tmp_path / incremental.REPLACED).write_text("document_id\nb\n", encoding="utf-8")
    incremental.add_replaced(tmp_path, {"a", "c"})
    assert (tmp_path / incremental.REPLACED).read_text(encoding="utf-8") == "document_id\na\nb\nc\n"


def test_an_incremental_build_carries_the_held_back_documents_it_does_not_touch(tmp_path: Path, monkeypatch):
    published = [
        _finding("kept", quarantine.HELD_BACK),
        _finding("changed", quarantine.HELD_BACK),
        _finding("flagged", quarantine.FLAGGED),
        _finding("removed", quarantine.FLAGGED),
    ]
    monkeypatch.setattr(quarantine, "published_findings", lambda warehouse: published)
    plan = incremental.Plan(True, frozenset({"changed"}), frozenset({"removed"}), "")
    carried, guess = _earlier_findings(tmp_path / "warehouse.duckdb", plan, {"kept", "changed", "flagged"})
    assert [f.document_id for f in carried] == ["kept"]
    assert [f.document_id for f in guess] == ["flagged"]
    full = incremental.Plan(False, frozenset(), frozenset(), "")
    carried, guess = _earlier_findings(tmp_path / "warehouse.duckdb", full, {"kept", "changed", "flagged"})
    assert carried == [] and [f.document_id for f in guess] == ["flagged"]


def test_an_incremental_build_keeps_the_flags_of_unchanged_documents_only_from_checks_that_skipped_them(
    monkeypatch,
):
    manifest = {
        "nodes": {
            "model.p.fct_indicator_targets": {"config": {"meta": {"refreshed_per_document": True}}},
            "model.p.rpt_cross_document_checks": {"config": {"meta": {}}},
            "test.p.value_in_range_fct_indicator_targets.1a": {"attached_node": "model.p.fct_indicator_targets"},
            "test.p.documents_agree.2b": {"attached_node": "model.p.rpt_cross_document_checks"},
            "test.p.assert_totals.3c": {"attached_node": None},
            "test.p.assert_per_document.3d": {
                "attached_node": None,
                "config": {"meta": {"refreshed_per_document": True}},
            },
            "seed.p.extracted_targets": {"config": {"meta": {"rows_per_document": True}}},
            "test.p.unique_combination_of_columns_extracted_targets.4d": {
                "attached_node": "seed.p.extracted_targets",
                "test_metadata": {
                    "name": "unique_combination_of_columns",
                    "kwargs": {"combination_of_columns": ["document_id", "source_line"]},
                },
            },
            "test.p.unique_extracted_targets_target_id.5e": {  # unique across documents: never scoped
                "attached_node": "seed.p.extracted_targets",
                "test_metadata": {"name": "unique", "kwargs": {"column_name": "target_id"}},
            },
        }
    }
    assert quarantine.scoped_checks(manifest) == {
        "value_in_range_fct_indicator_targets",
        "unique_combination_of_columns_extracted_targets",
        "assert_per_document",
    }
    scoped = [_finding(d, a) for d, a in (("kept", quarantine.FLAGGED), ("changed", quarantine.FLAGGED))]
    held = _finding("held", quarantine.HELD_BACK)
    cross = replace(_finding("kept", quarantine.FLAGGED, 1), test_name="documents_agree")
    kept = quarantine.carried_flags([*scoped, held, cross], manifest, frozenset({"changed"}))
    assert kept == [scoped[0]]  # the changed document's flags and the cross-document check's are found again

    found = [_finding("new", quarantine.FLAGGED, n) for n in range(3)] + [_finding("held", quarantine.FLAGGED, 5)]
    monkeypatch.setattr(quarantine, "MAX_FINDINGS_PER_CHECK", 3)
    merged = quarantine.merge_flags([*found, kept[0]], kept, {"held"})
    assert merged == found[:3]  # at most 3 per check, this build's first; none of a held-back document; no twice
    assert quarantine.merge_flags(found[:1], kept, set()) == [found[0], kept[0]]


def test_a_check_failing_on_more_rows_than_the_report_keeps_still_needs_a_document_for_every_row(
    tmp_path: Path, monkeypatch
):
    """The report keeps the first MAX_FINDINGS_PER_CHECK findings of a check; the rows past them are not read
    into the build, but one of them belonging to no document still stops the publish."""
    import duckdb

    database = tmp_path / "candidate.duckdb"
    duckdb.connect(str(database)).close()
    node = {"name": "assert_rows", "config": {"severity": "error"}, "depends_on": {"nodes": []}}
    manifest = {"nodes": {"test.p.assert_rows.1": node}}

    def verdict(values: str) -> quarantine.Verdict:
        sql = f"select * from (values {values}) as t(document_id, source_line)"
        result = {"unique_id": "test.p.assert_rows.1", "status": "fail", "compiled_code": sql}
        return quarantine.assess(database, manifest, [result])

    monkeypatch.setattr(quarantine, "MAX_FINDINGS_PER_CHECK", 2)
    many = verdict("('a', 1), ('a', 2), ('b', 3), ('c', 4)")
    assert not many.blocking and len(many.held_back) == 2
    orphan = verdict("('a', 1), ('a', 2), ('b', 3), (null, 4)")
    assert orphan.blocking and not orphan.held_back
    # which rows the report keeps does not depend on the order the database returns them in
    scrambled = verdict("('c', 4), ('b', 3), ('a', 2), ('a', 1)")
    assert sorted((f.document_id, f.source_line) for f in scrambled.held_back) == [("a", 1), ("a", 2)]


def test_dbt_reads_the_seeds_through_hard_links_that_a_later_write_never_changes(tmp_path: Path):
    """dbt's seed folder links to the run's seeds (no copy of a national corpus's gigabytes), so every seed file is
    written beside itself and renamed: the findings and the replaced-documents list written after the links were
    made leave dbt's files as they were."""
    from loaders.build import _dbt_workdir

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "extracted_documents.csv").write_text("document_id\nd1\n", encoding="utf-8")
    quarantine.write_findings(seeds, [_finding("d1", "flagged")])
    incremental.add_replaced(seeds, {"d1"})
    linked, _ = _dbt_workdir(tmp_path / "dbt", seeds)
    for name in ("extracted_documents.csv", quarantine.FINDINGS, incremental.REPLACED):
        assert (linked / name).stat().st_ino == (seeds / name).stat().st_ino, name
    before = {p.name: p.read_bytes() for p in linked.iterdir()}
    quarantine.write_findings(seeds, [_finding("d2", "held_back")])
    incremental.add_replaced(seeds, {"d2"})
    assert {p.name: p.read_bytes() for p in linked.iterdir()} == before
    assert b"d2" in (seeds / quarantine.FINDINGS).read_bytes() and b"d2" in (seeds / incremental.REPLACED).read_bytes()
