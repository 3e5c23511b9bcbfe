"""Issue 10: bad input never crashes, messy input gives clean results, outputs are atomic, runs are
deterministic. Every case goes through the CLI, as a user or a CI job would run it."""

import codecs
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from tqcheck.cli import cli
from tqcheck.errors import InputError
from tqcheck.io.text import decode
from tqcheck.text.segment import split_sentences

REPO = Path(__file__).resolve().parents[1]

AR = [
    "أعلن الجيش الأوكراني استعادة ثلاث قرى قرب خيرسون.",
    "وقالت وزارة الدفاع الروسية إن قواتها صدت هجوما.",
    "وأكد الكرملين أن المفاوضات لم تبدأ بعد.",
]
EN = [
    "The Ukrainian army announced it had recaptured three villages near Kherson.",
    "The Russian Defense Ministry said its forces had repelled an attack.",
    "The Kremlin stressed that negotiations had not yet begun.",
]


def write_bytes(tmp_path: Path, name: str, data: bytes) -> str:
    p = tmp_path / name
    p.write_bytes(data)
    return str(p)


def utf8(lines):
    return ("\n".join(lines) + "\n").encode("utf-8")


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def snapshot(paths):
    return {p: Path(p).read_bytes() for p in paths if p and Path(p).is_file()}


# ------------------------------------------------------------------ bad input: exit 2, one line, inputs unchanged

BAD_INPUTS = [
    # (case, translation bytes or None for "missing", extra args, expected message piece)
    ("missing file", None, [], "no such file"),
    ("empty file", b"", [], "file is empty"),
    ("whitespace only", b"\n\n  \n", [], "file is empty"),
    ("binary file", b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00", [], "binary file"),
    ("invalid UTF-8", utf8(EN[:2]) + b"The \xd8 Kremlin\n", [], "invalid UTF-8 on line 3 at byte 4"),
    ("Windows-1256 Arabic", "قال\n".encode("cp1256"), [], "invalid UTF-8 on line 1"),
    ("mismatched line counts", utf8(EN[:2]), ["--aligned"], "has 3, "),
    ("unknown format", utf8(EN), ["--format", "pdf"], "'pdf' is not one of"),
    ("unknown fail-on", utf8(EN), ["--fail-on", "maybe"], "'maybe' is not one of"),
    ("unknown option", utf8(EN), ["--colour"], "No such option '--colour'"),
    ("unknown check", utf8(EN), ["--checks", "omission,spelling"], "unknown check 'spelling'"),
    ("directory as input", "DIR", [], "is a directory"),
]


@pytest.mark.parametrize("case,data,extra,message", BAD_INPUTS, ids=[c[0] for c in BAD_INPUTS])
def test_bad_input_exits_2_with_one_clear_line(tmp_path, case, data, extra, message):
    src = write_bytes(tmp_path, "src.ar.txt", utf8(AR))
    if data is None:
        tgt = str(tmp_path / "missing.en.txt")
    elif data == "DIR":
        tgt = str(tmp_path)
    else:
        tgt = write_bytes(tmp_path, "mt.en.txt", data)
    before = snapshot([src, tgt])
    res = invoke("check", src, tgt, "--aligned", *extra)
    assert res.exit_code == 2, (case, res.output, res.stderr)
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tqcheck: error: "), res.stderr
    assert message in lines[0]
    if data not in (None, "DIR") and "line" in message:
        assert tgt in lines[0]
    assert "Traceback" not in res.stderr + res.output
    assert snapshot([src, tgt]) == before


def test_unreadable_file_is_reported(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads any file, so permissions cannot make a file unreadable here")
    src = write_bytes(tmp_path, "src.ar.txt", utf8(AR))
    tgt = write_bytes(tmp_path, "mt.en.txt", utf8(EN))
    os.chmod(tgt, 0)
    res = invoke("check", src, tgt, "--aligned")
    assert res.exit_code == 2 and "cannot be read" in res.stderr


# ------------------------------------------------------------------ messy but valid input gives the clean result

def _result(doc):
    return {
        "summary": {k: v for k, v in doc["summary"].items()},
        "flags": [[(f["check"], f.get("code"), f["severity"]) for f in s["flags"]] for s in doc["segments"]],
        "scores": [s["scores"] for s in doc["segments"]],
    }


MESSY = [
    ("UTF-8 BOM", lambda b, lang: codecs.BOM_UTF8 + b),
    ("CRLF", lambda b, lang: b.replace(b"\n", b"\r\n")),
    ("UTF-16 with BOM", lambda b, lang: b.decode("utf-8").encode("utf-16")),
    ("bidi marks", lambda b, lang: b.decode().replace("\n", "\u200f\n").replace("ال", "\u061cال", 1).encode()
     if lang == "ar" else b),
    ("tatweel", lambda b, lang: b.decode().replace("الجيش", "الجـــيش").encode() if lang == "ar" else b),
    ("non-breaking spaces", lambda b, lang: b.decode().replace(" ", "\u00a0", 3).encode()),
    ("presentation forms", lambda b, lang: b.decode().replace("قال", "\ufed7\ufe8e\ufedd").encode()
     if lang == "ar" else b),
]


@pytest.mark.parametrize("case,mess", MESSY, ids=[m[0] for m in MESSY])
def test_messy_input_gives_the_same_result_as_clean_input(tmp_path, case, mess):
    src, tgt = utf8(AR), utf8(EN)
    runs = []
    for tag, (s, t) in (("clean", (src, tgt)), ("messy", (mess(src, "ar"), mess(tgt, "en")))):
        out = tmp_path / f"{tag}.json"
        res = invoke("check", write_bytes(tmp_path, f"{tag}.ar", s), write_bytes(tmp_path, f"{tag}.en", t),
                     "--aligned", "--format", "json", "-o", out, "-q")
        assert res.exit_code in (0, 1), res.stderr
        runs.append(_result(json.loads(out.read_text(encoding="utf-8"))))
    assert runs[0] == runs[1]


def test_blank_lines_between_paragraphs_do_not_change_a_document(tmp_path):
    runs = []
    for tag, sep in (("clean", "\n"), ("blank", "\n\n\n")):
        out = tmp_path / f"{tag}.json"
        src = write_bytes(tmp_path, f"{tag}.ar", (" ".join(AR[:2]) + sep + AR[2] + "\n").encode())
        tgt = write_bytes(tmp_path, f"{tag}.en", (" ".join(EN[:2]) + sep + EN[2] + "\n").encode())
        res = invoke("check", src, tgt, "--format", "json", "-o", out, "-q")
        assert res.exit_code in (0, 1), res.stderr
        doc = json.loads(out.read_text(encoding="utf-8"))
        runs.append([(s["source"], s["translation"], s["flags"]) for s in doc["segments"]])
    assert runs[0] == runs[1]


# ------------------------------------------------------------------ outputs

def test_missing_output_folder_is_created_and_no_temp_file_is_left(tmp_path):
    src = write_bytes(tmp_path, "s.ar", utf8(AR))
    tgt = write_bytes(tmp_path, "t.en", utf8(EN))
    out = tmp_path / "reports" / "2026" / "r.json"
    assert invoke("check", src, tgt, "--aligned", "-f", "json", "-o", out, "-q").exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["segments"] == 3
    assert [p.name for p in out.parent.iterdir()] == ["r.json"]
    mask = os.umask(0)
    os.umask(mask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~mask  # not the 0600 of a temporary file


@pytest.mark.parametrize("fmt", ["json", "jsonl", "text"])
def test_interrupted_run_leaves_no_partial_report(tmp_path, monkeypatch, fmt):
    from tqcheck import pipeline

    src = write_bytes(tmp_path, "s.ar", utf8(AR * 5))
    tgt = write_bytes(tmp_path, "t.en", utf8(EN * 5))
    out = tmp_path / "out" / "r.out"
    calls = []

    def interrupted(self, segments):
        calls.append(len(segments))
        if len(calls) == 2:
            raise KeyboardInterrupt
        return original(self, segments)

    original = pipeline.Evaluation.run
    monkeypatch.setattr(pipeline.Evaluation, "run", interrupted)
    monkeypatch.setattr(pipeline, "DEFAULT_CHUNK_SIZE", 4)
    res = invoke("check", src, tgt, "--aligned", "-f", fmt, "-o", out)
    assert res.exit_code == 130 and "interrupted" in res.stderr
    assert not out.exists() and list(out.parent.iterdir()) == []


def test_sigterm_leaves_no_partial_report(tmp_path):
    src = write_bytes(tmp_path, "s.ar", utf8(AR * 6000))
    tgt = write_bytes(tmp_path, "t.en", utf8(EN * 6000))
    out = tmp_path / "out" / "r.jsonl"
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.Popen([sys.executable, "-m", "tqcheck", "check", src, tgt, "--aligned", "-f", "jsonl",
                             "-o", str(out)], env=env, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 120
    while time.time() < deadline and not (out.parent.exists() and any(out.parent.iterdir())):
        time.sleep(0.05)  # wait until the temporary report exists, i.e. the run is writing
    assert not out.exists(), "the run finished before it could be interrupted; make the feed longer"
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    assert not out.exists() and list(out.parent.iterdir()) == []


def test_same_inputs_give_byte_identical_json(tmp_path):
    src = write_bytes(tmp_path, "s.ar", utf8(AR))
    tgt = write_bytes(tmp_path, "t.en", utf8(EN))
    outs = []
    for k in range(2):
        out = tmp_path / f"r{k}.json"
        invoke("check", src, tgt, "-r", tgt, "-f", "json", "-o", out, "-q")
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]


def test_jsonl_streams_the_same_segments_as_json(tmp_path):
    src = write_bytes(tmp_path, "s.ar", utf8(AR * 3))
    tgt = write_bytes(tmp_path, "t.en", utf8(EN * 3))
    j, jl = tmp_path / "r.json", tmp_path / "r.jsonl"
    invoke("check", src, tgt, "--aligned", "-r", tgt, "-f", "json", "-o", j, "-q")
    invoke("check", src, tgt, "--aligned", "-r", tgt, "-f", "jsonl", "-o", jl, "-q")
    doc = json.loads(j.read_text(encoding="utf-8"))
    rows = [json.loads(x) for x in jl.read_text(encoding="utf-8").splitlines()]
    assert [{k: v for k, v in r.items() if k != "kind"} for r in rows[1:-1]] == doc["segments"]
    assert rows[-1]["summary"] == doc["summary"] and rows[-1]["signature"] == doc["signature"]


# ------------------------------------------------------------------ property-based: only typed errors

@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_decoding_arbitrary_bytes_raises_only_input_error(data):
    try:
        text = decode(data, "x")
    except InputError as err:
        assert "\n" not in str(err)
    else:
        assert isinstance(text, str)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200), st.sampled_from(["ar", "en"]))
def test_segmenter_never_raises(text, lang):
    for sentence in split_sentences(text, lang):
        assert sentence == sentence.strip() and sentence
