"""`tqcheck audit` end to end, the same tests for every engine: the reports are `tqcheck check`'s, the
summary's corpus scores are those of the whole corpus, engines give the same bytes, re-runs skip finished
reports, and a worker killed mid-run loses and duplicates nothing.

The Ray tests run on one local Ray instance with 2 CPUs (started once for this module); they are skipped
when Ray is not installed (CI installs the [ray] extra).
"""

from __future__ import annotations

import json
import os
import shutil

import pytest

from tests._audit_corpus import output_files, write_archive
from tqcheck.audit import run_audit
from tqcheck.audit.engines import LocalEngine, RayEngine
from tqcheck.audit.work import CHECKED, CRASH_ENV, FAILED, SKIPPED, Job
from tqcheck.pipeline import Options, check_files
from tqcheck.report.document import build_document
from tqcheck.report.jsonout import render_json

OPTIONS = Options(aligned=True)
AUDIT_KEYS = ("id", "sha256", "fingerprint")

try:
    import ray  # noqa: F401
    import ray.data  # noqa: F401

    HAVE_RAY = True
except ImportError:
    HAVE_RAY = False


@pytest.fixture(scope="module")
def ray_instance():
    if not HAVE_RAY:
        pytest.skip("ray is not installed (pip install 'tqcheck[ray]'); the Ray engine is not tested")
    import ray

    try:
        ray.init(num_cpus=2, include_dashboard=False, logging_level="WARNING")
    except Exception as exc:  # noqa: BLE001 - e.g. no shared memory in a container: say so and skip
        pytest.skip(f"a local Ray instance could not start here: {exc}")
    yield
    ray.shutdown()


@pytest.fixture(params=["local", "ray"])
def engine(request):
    if request.param == "ray":
        request.getfixturevalue("ray_instance")
        return RayEngine(workers=2)
    return LocalEngine(workers=2)


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    return write_archive(tmp_path_factory.mktemp("archive"))


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """One finished audit per engine, shared by the tests that only read its output."""
    return {}


@pytest.fixture
def audited(engine, archive, runs, tmp_path_factory):
    if engine.name not in runs:
        out = tmp_path_factory.mktemp(f"out-{engine.name}")
        runs[engine.name] = (out, run_audit(archive, Job(str(out), OPTIONS), engine=engine))
    return runs[engine.name]


def _pairs(archive):
    return [json.loads(line) for line in archive.read_text(encoding="utf-8").splitlines()]


def test_every_report_is_the_pipelines_report(audited, archive):
    """check_files + the gate, as `tqcheck check` runs them (test_audit_cli compares with the CLI's bytes)."""
    out, outcome = audited
    for row in _pairs(archive):
        if row["id"] == "uneven":
            continue
        base = archive.parent
        ref = str(base / row["reference"]) if row["reference"] else None
        report = check_files(str(base / row["source"]), str(base / row["translation"]), ref, OPTIONS)
        expected = build_document(report)
        doc = json.loads((out / "reports" / f"{row['id']}.json").read_text(encoding="utf-8"))
        assert doc["inputs"]["id"] == row["id"] and len(doc["inputs"]["fingerprint"]) == 64
        for key in AUDIT_KEYS:
            del doc["inputs"][key]
        assert render_json(doc) == render_json(expected)


def test_summary_scores_are_the_whole_corpus_scores(audited, archive, tmp_path):
    """The summary's BLEU/chrF++/TER/semantic equal `tqcheck check` on all the documents concatenated."""
    out, outcome = audited
    base = archive.parent
    with_ref = [r for r in _pairs(archive) if r["reference"]]
    cat = {}
    for role in ("source", "translation", "reference"):
        text = "".join((base / r[role]).read_text(encoding="utf-8") for r in with_ref)
        cat[role] = tmp_path / role
        cat[role].write_text(text, encoding="utf-8")
    whole = check_files(str(cat["source"]), str(cat["translation"]), str(cat["reference"]), OPTIONS)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    scores = summary["corpus"]["scores"]
    for metric in ("bleu", "chrf", "ter"):
        assert summary["signature"]["aggregation"][metric] == "sufficient-statistics"
        assert scores[metric] == whole.summary["scores"][metric], metric
    # semantic also counts the document without a reference: the mean over every scored segment.
    segs = [s for r in _pairs(archive) if r["id"] != "uneven"
            for s in json.loads((out / "reports" / f"{r['id']}.json").read_text(encoding="utf-8"))["segments"]
            if s["scores"]["semantic"] is not None]
    assert scores["semantic"] == pytest.approx(sum(s["scores"]["semantic"] for s in segs) / len(segs), abs=1e-4)


def test_summary_counts_flags_ranks_worst_and_lists_failures(audited):
    out, outcome = audited
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    corpus = summary["corpus"]
    assert corpus["documents"] == 5 and corpus["failed"] == 1 and corpus["gate_failed"] == 1
    assert corpus["segments"] == 3 + 2 + 3 + 3
    assert corpus["flags"]["untranslated"] >= 1 and corpus["flags"]["omission"] == 1
    assert corpus["flags_by_severity"]["omission"]["error"] + corpus["flags_by_severity"]["omission"]["warning"] == 1
    assert summary["worst"][0]["id"] == "flagged" and summary["worst"][0]["report"] == "reports/flagged.json"
    assert [f["id"] for f in summary["failed"]] == ["uneven"] and "--aligned" in summary["failed"][0]["error"]
    assert [d["id"] for d in summary["documents"]] == ["clean-a", "clean-b", "flagged", "clean-c"]
    assert summary["signature"]["options"]["aligned"] is True and "differs_in" not in summary["signature"]
    assert outcome.checked == 4 and outcome.failed == 1 and outcome.skipped == 0
    html = (out / "summary.html").read_text(encoding="utf-8")
    assert 'href="reports/flagged.json"' in html and "<script" not in html
    assert not (out / "reports" / "uneven.json").exists()


def test_engines_write_identical_bytes(archive, runs, tmp_path_factory, ray_instance):
    for name, engine in (("local", LocalEngine(workers=2)), ("ray", RayEngine(workers=2))):
        if name not in runs:
            out = tmp_path_factory.mktemp(f"out-{name}")
            runs[name] = (out, run_audit(archive, Job(str(out), OPTIONS), engine=engine))
    local, ray_files = output_files(runs["local"][0]), output_files(runs["ray"][0])
    assert sorted(local) == sorted(ray_files)
    assert {"summary.json", "summary.html", "reports/flagged.json"} <= set(local)
    for name in local:
        assert local[name] == ray_files[name], name


def test_rerun_skips_complete_reports_and_redoes_missing_stale_and_truncated(engine, audited, archive, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(audited[0], out)
    first = output_files(out)

    again = run_audit(archive, Job(str(out), OPTIONS), engine=engine)
    assert again.checked == 0 and again.skipped == 4 and output_files(out) == first

    (out / "reports" / "clean-a.json").unlink()                      # lost
    truncated = out / "reports" / "clean-b.json"                      # cut short
    truncated.write_bytes(truncated.read_bytes()[:200])
    stale = out / "reports" / "clean-c.json"                          # made from other inputs
    doc = json.loads(stale.read_text(encoding="utf-8"))
    doc["inputs"]["fingerprint"] = "0" * 64
    stale.write_text(json.dumps(doc), encoding="utf-8")
    (out / "reports" / ".flagged.json.abc123.tmp").write_text("{", encoding="utf-8")  # a killed writer's

    third = run_audit(archive, Job(str(out), OPTIONS), engine=engine)
    status = {r.id: r.status for r in third.results}
    assert status == {"clean-a": CHECKED, "clean-b": CHECKED, "flagged": SKIPPED, "clean-c": CHECKED,
                      "uneven": FAILED}
    assert output_files(out) == first


def test_killed_worker_loses_and_duplicates_nothing(engine, audited, archive, tmp_path, monkeypatch):
    """The worker checking `flagged` dies (os._exit) before writing; the engine retries it elsewhere."""
    marker = tmp_path / "crashed-once"
    monkeypatch.setenv(CRASH_ENV, f"flagged:{marker}")
    out = tmp_path / "out"
    outcome = run_audit(archive, Job(str(out), OPTIONS), engine=engine)
    assert marker.exists(), "the fault was not injected"
    assert [r.id for r in outcome.results] == ["clean-a", "clean-b", "flagged", "clean-c", "uneven"]
    assert {r.id: r.status for r in outcome.results}["flagged"] == CHECKED
    reports = sorted(p.name for p in (out / "reports").iterdir())
    kinds = (".json", ".html")
    assert reports == sorted(f"{i}{k}" for i in ("clean-a", "clean-b", "clean-c", "flagged") for k in kinds)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert [d["id"] for d in summary["documents"]] == ["clean-a", "clean-b", "flagged", "clean-c"]
    assert output_files(out) == output_files(audited[0])


def test_a_document_that_kills_its_worker_every_time_fails_alone(engine, audited, archive, tmp_path, monkeypatch):
    """`clean-b` kills its worker on every try: it is given up after 3 tries; the others are unharmed."""
    monkeypatch.setenv(CRASH_ENV, "clean-b")
    out = tmp_path / "out"
    outcome = run_audit(archive, Job(str(out), OPTIONS), engine=engine)
    status = {r.id: r.status for r in outcome.results}
    # A pair whose report was written just before the pool broke is found done when it is run again.
    assert {i: s for i, s in status.items() if s != SKIPPED} == {
        i: s for i, s in {"clean-a": CHECKED, "clean-b": FAILED, "flagged": CHECKED, "clean-c": CHECKED,
                          "uneven": FAILED}.items() if status[i] != SKIPPED}
    assert status["clean-b"] == FAILED and status["uneven"] == FAILED
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert {"id": "clean-b", "error": "the worker process died 3 times checking it"} in summary["failed"]
    assert [f["id"] for f in summary["failed"]] == ["clean-b", "uneven"]
    for name in ("clean-a", "flagged", "clean-c"):
        assert (out / "reports" / f"{name}.json").read_bytes() == (audited[0] / "reports" / f"{name}.json").read_bytes()
    assert not [p.name for p in (out / "reports").iterdir() if p.name.startswith(".")]


def test_folder_of_pairs_is_a_manifest(engine, audited, tmp_path):
    """NAME.ar.txt + NAME.en.txt [+ NAME.ref.en.txt] in a folder, audited like a manifest."""
    archive = write_archive(tmp_path / "archive", broken=False)
    folder = tmp_path / "pairs"
    folder.mkdir()
    for row in _pairs(archive):
        shutil.copy(archive.parent / row["source"], folder / f"{row['id']}.ar.txt")
        shutil.copy(archive.parent / row["translation"], folder / f"{row['id']}.en.txt")
        if row["reference"]:
            shutil.copy(archive.parent / row["reference"], folder / f"{row['id']}.ref.en.txt")
    from_folder = run_audit(folder, Job(str(tmp_path / "out"), OPTIONS), engine=engine)
    from_manifest = audited[1]
    assert sorted(r.id for r in from_folder.results) == sorted(r.id for r in from_manifest.results if r.id != "uneven")
    for key in ("segments", "flags", "scores"):
        assert from_folder.summary["corpus"][key] == from_manifest.summary["corpus"][key]


def test_missing_ray_message_without_ray(monkeypatch, archive, tmp_path):
    """Ray made unimportable: one-line ModelError naming the install line (whether or not Ray is here)."""
    import sys

    from tqcheck.errors import ModelError

    monkeypatch.setitem(sys.modules, "ray", None)
    monkeypatch.setitem(sys.modules, "ray.data", None)
    with pytest.raises(ModelError, match=r"pip install 'tqcheck\[ray\]'"):
        run_audit(archive, Job(str(tmp_path / "out"), OPTIONS), engine=RayEngine())
    assert not os.path.exists(tmp_path / "out" / "summary.json")
