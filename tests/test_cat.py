"""tqcheck in a CAT workflow, on real files exported by CAT tools (tests/fixtures/cat/README.md says where each
comes from): unit states and translate="no", inline codes as placeholders, the tags check, --annotate."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from _formats import one_line_error, run
from tqcheck.checks.base import CheckContext
from tqcheck.checks.tags import TagCheck, text_placeholders
from tqcheck.io.bilingual import detect_format, read_bilingual
from tqcheck.text.placeholders import display, strip
from tqcheck.types import Segment

CAT = Path(__file__).parent / "fixtures" / "cat"
TRADOS, MEMOQ, PHRASE = CAT / "trados-states.sdlxliff", CAT / "memoq-notstarted.mqxliff", CAT / "phrase-dataref.xlf"
ANGULAR, XCODE, OKAPI = CAT / "angular-icu.xlf", CAT / "xcode-de.xliff", CAT / "okapi-test01.xlf"
GROUP_NO, TMX16 = CAT / "handmade-group-no.xlf", CAT / "handmade-utf16.tmx"
XLIFF_KINDS = [TRADOS, MEMOQ, PHRASE, ANGULAR, XCODE, OKAPI, GROUP_NO]


@pytest.fixture(autouse=True)
def _fixtures_keep_their_languages(monkeypatch):
    """The real fixtures keep their own texts (English, German...) under ar/en language codes, so the script
    check (an Arabic source, an English translation: tests/test_reliability.py) is off for them."""
    monkeypatch.setattr("tqcheck.io.script.check_scripts", lambda *args, **kwargs: None)


def check_json(path, *extra, tmp_path):
    out = tmp_path / "report.json"
    res = run("check", path, "-f", "json", "-o", out, "-q", "--no-config", "--fail-on", "never", *extra)
    assert res.exit_code == 0, res.stderr
    return json.loads(out.read_text("utf-8"))


# ---------------------------------------------------------------- unit states

@pytest.mark.parametrize("path,checked,not_translated,excluded", [
    (TRADOS, 3, 12, 16),     # Translated, ApprovedTranslation, ApprovedSignOff; 16 structure units translate="no"
    (MEMOQ, 0, 27, 0),       # a memoQ view exported before translation: every unit NotStarted
    (PHRASE, 0, 1, 0),       # Phrase (Memsource) XLIFF 2: state="initial", empty target
    (ANGULAR, 9, 0, 0),
    (XCODE, 65, 5, 1),       # Xcode writes no <target> for strings not translated yet
    (OKAPI, 2, 3, 0),        # <file translate="no"> set back to yes by the unit and the group
    (GROUP_NO, 2, 2, 1),     # <group translate="no"> inherited by u3; u4 says translate="yes" again
    (TMX16, 2, 0, 0),
])
def test_units_not_translated_are_counted_not_checked(path, checked, not_translated, excluded, tmp_path):
    doc = check_json(path, tmp_path=tmp_path)
    assert doc["summary"]["units"] == {"checked": checked, "not_translated": not_translated, "excluded": excluded}
    assert len(doc["segments"]) == checked
    assert "omission" not in doc["summary"]["flags"]
    both = check_json(path, "--include-untranslated", tmp_path=tmp_path)
    assert len(both["segments"]) == checked + not_translated
    assert both["signature"]["options"]["include_untranslated"] is True


@pytest.mark.parametrize("unit_id,state,translated", [
    ("c10f7ce7-4ad0-46a1-b069-cbdfe4cfda3f", "sdl:NotTranslated", False),  # text, but no confirmation level
    ("767f09d5-b212-49c7-a797-6dce9f8d492a", "sdl:Draft", False),
    ("295cd705-13d6-4730-87fe-d722907f4000", "sdl:Translated", True),
    ("71ea9e0a-7059-4011-843b-ddc7cdd46c73", "sdl:RejectedTranslation", False),
    ("7dc9762a-c865-4dab-bafe-b2083d49dedf", "sdl:ApprovedTranslation", True),
    ("9d425f15-409a-4b0b-8e4b-9a22d45974a6", "sdl:RejectedSignOff", False),
    ("1a2c5df7-a4b3-4559-886c-e1133241b958", "sdl:ApprovedSignOff", True),
    ("54262381-4c97-4f1a-a6c1-12b9d2597aaa", "sdl:Translated", False),  # confirmed, but the target mrk is empty
])
def test_trados_confirmation_levels(unit_id, state, translated):
    unit = next(u for u in read_bilingual(TRADOS).units if u.id == unit_id)
    assert (unit.state, unit.translated) == (state, translated)
    assert unit.original == r"C:\Users\translated\Desktop\Test stati sdlxliff.txt"


@pytest.mark.parametrize("path,unit_id,state,translated", [
    (MEMOQ, "4", "mq:NotStarted", False),
    (PHRASE, "0", "initial", False),
    (XCODE, "CFBundleName", "no-target", False),
    (XCODE, "Cancel", "translated", True),
    (OKAPI, "tu1/1", "translated", True),
    (OKAPI, "tu1/2", "translated", True),   # no state attribute, a target with text
    (OKAPI, "tu3", "no-target", False),
    (GROUP_NO, "u4", "initial", False),
])
def test_states_of_other_tools(path, unit_id, state, translated):
    unit = next(u for u in read_bilingual(path).units if u.id == unit_id)
    assert (unit.state, unit.translated) == (state, translated)


@pytest.mark.parametrize("state,translated", [
    ("new", False), ("needs-translation", False), ("translated", True), ("needs-review-translation", True),
    ("final", True), ("signed-off", True),
])
def test_xliff_12_target_states(state, translated, tmp_path):
    # the Angular file with a state on one target, as Transifex and xliffmerge write them
    path = tmp_path / "states.xlf"
    path.write_text(ANGULAR.read_text("utf-8").replace("<target>Logo d'Angular</target>",
                                                       f"<target state=\"{state}\">Logo d'Angular</target>"), "utf-8")
    unit = next(u for u in read_bilingual(path).units if u.id == "392942015236586892")
    assert (unit.state, unit.translated) == (state, translated)


def test_xliff_12_group_translate_no_is_inherited(tmp_path):
    # the Angular file with its first two units in a group marked translate="no"
    text = ANGULAR.read_text("utf-8").replace('<trans-unit id="introductionHeader"',
                                              '<group translate="no"><trans-unit id="introductionHeader"', 1)
    text = text.replace('<trans-unit id="392942015236586892"', '</group><trans-unit id="392942015236586892"', 1)
    path = tmp_path / "group.xlf"
    path.write_text(text, "utf-8")
    data = read_bilingual(path)
    assert data.excluded == 2 and len(data.units) == 7
    assert {"introductionHeader", "5206857922697139278"}.isdisjoint(u.id for u in data.units)


@pytest.mark.parametrize("path,present,absent", [
    (GROUP_NO, {"u1", "u2", "u4", "u5"}, {"u3"}),
    (OKAPI, {"tu1/1", "tu1/2", "tu3", "tu3end", "tu2"}, set()),
])
def test_translate_no_is_inherited(path, present, absent):
    ids = {u.id for u in read_bilingual(path).units}
    assert present <= ids and not (absent & ids)


@pytest.mark.parametrize("name", ["a.sdlxliff", "a.mqxliff", "a.mxliff", "a.xlf", "a.xliff", "A.SDLXLIFF"])
def test_cat_extensions_are_xliff(name):
    assert detect_format(name) == "xliff"


def test_the_text_summary_says_it_in_words(tmp_path):
    res = run("check", TRADOS, "--no-config", "--fail-on", "never")
    assert "3 units checked; 12 units not yet translated, not checked; 16 units marked translate=\"no\", excluded" \
        in res.stdout
    res = run("check", MEMOQ, "--no-config", "--fail-on", "never", "--include-untranslated", "--checks", "omission")
    assert "27 units not yet translated, checked anyway (--include-untranslated)" in res.stdout


# ---------------------------------------------------------------- inline codes as placeholders

@pytest.mark.parametrize("path,unit_id,source,translation", [
    (ANGULAR, "4606963464835766483", "Updated ⟦1⟧", "Mis à jour ⟦1⟧"),                       # <x equiv-text>
    (PHRASE, "0", "Did you collect ⟦1⟧ from ⟦2⟧?", ""),                                     # <ph dataRef>
    (MEMOQ, "10", "⟦1⟧⟦2⟧⟦3⟧Naples⟦/1⟧⟦/3⟧⟦/2⟧, Italy", ""),                              # bpt/ept by id and rid
    (OKAPI, "tu2", "⟦1⟧special text⟦/1⟧ and more ⟦2⟧.", ""),                                # <pc>, <ph>
    (GROUP_NO, "u1", "سجلت الوزارة ⟦1⟧ إصابة ⟦2⟧جديدة⟦/2⟧ اليوم.", "The ministry recorded ⟦1⟧ ⟦2⟧new⟦/2⟧ cases today."),
    (TMX16, "1", "أغلق الصمام ⟦1⟧فوراً⟦/1⟧.", "Close the valve ⟦1⟧immediately⟦/1⟧."),        # UTF-16 TMX
])
def test_inline_codes_are_kept_as_placeholders(path, unit_id, source, translation):
    unit = next(u for u in read_bilingual(path).units if u.id == unit_id)
    assert (display(unit.source), display(unit.translation)) == (source, translation)


@pytest.mark.parametrize("text,words", [
    ("Did you collect \ue000 from \ue001?", "Did you collect from ?"),
    ("\ue400Warning\ue800", "Warning"),
    ("\ue000", ""),
])
def test_metrics_see_no_placeholder(text, words):
    assert strip(text) == words


def test_tag_only_units_are_not_empty():
    unit = next(u for u in read_bilingual(TRADOS).units if u.id == "c10f7ce7-4ad0-46a1-b069-cbdfe4cfda3f")
    assert unit.source == "Segmento 1"
    # the sdlxliff structure units hold only codes (<x id="0"/>): translate="no", counted as excluded
    assert read_bilingual(TRADOS).excluded == 16


# ---------------------------------------------------------------- the tags check

def seg(source: str, translation: str) -> Segment:
    return Segment(index=0, source_lines=(0,), target_lines=(0,), source=source, translation=translation)


def codes(source: str, translation: str):
    return [(f.code, f.severity) for f in TagCheck().check_segment(seg(source, translation), CheckContext()).flags]


@pytest.mark.parametrize("source,translation,expected", [
    # inline codes (placeholders as the readers write them): ⟦1⟧=\ue000, pair 2 = \ue401 … \ue801
    ("تم تطعيم \ue000 شخص.", "People were vaccinated.", [("missing-code", "error")]),
    ("تم تطعيم \ue000 شخص.", "\ue000 people were vaccinated.", []),
    ("أغلق \ue401الصمام\ue801.", "Close \ue401the valve\ue801.", []),
    ("أغلق الصمام.", "Close \ue000the valve.", [("added-code", "error")]),
    ("تم تطعيم \ue000 شخص.", "\ue000 people, \ue000 people.", [("duplicated-code", "error")]),
    ("أغلق \ue401الصمام\ue801.", "Close \ue801the valve\ue401.", [("broken-pair", "error")]),
    ("\ue401أ\ue402ب\ue802\ue801", "\ue401a\ue402b\ue801\ue802", [("overlapping-pair", "warning")]),
    ("أغلق \ue401الصمام\ue801.", "Close the valve.", [("missing-code", "error"), ("missing-code", "error")]),
    # placeholders written in the text
    ("تم حفظ %s ملف", "Saved files", [("missing-placeholder", "error")]),
    ("تم حفظ %1$d ملف في %2$s", "Saved %1$d files in %2$s", []),
    ("مرحبا %@", "Hello %@", []),
    ("مرحبا {name}", "Hello {name}, {count}", [("added-placeholder", "error")]),
    ("لديك {count} رسائل", "You have {count} messages", []),
    ("خصم 50%", "50% discount", []),                                  # not a printf "% d"
    ("{n, plural, one {ملف} other {# ملفات}}", "{n, plural, one {file} other {# files}}", []),  # ICU cases
    ("{n, plural, one {ملف} other {# ملفات}}", "{count, plural, one {file} other {# files}}",
     [("missing-placeholder", "error"), ("added-placeholder", "error")]),
    ("اسحب ${AMOUNT} من ${RIDER}", "Collect ${AMOUNT} from ${RIDER}", []),
    ("مرحبا {{ user.name }}", "Hello {{user.name}}", []),
])
def test_tags_check(source, translation, expected):
    assert codes(source, translation) == expected


def test_tags_check_on_real_files(tmp_path):
    assert check_json(ANGULAR, "--checks", "tags", tmp_path=tmp_path)["summary"]["flags"] == {}
    assert check_json(XCODE, "--checks", "tags", tmp_path=tmp_path)["summary"]["flags"] == {}  # %@ kept
    doc = check_json(GROUP_NO, "--checks", "tags", tmp_path=tmp_path)
    flagged = [(s["id"], [f["code"] for f in s["flags"]]) for s in doc["segments"] if s["flags"]]
    assert flagged == [("u2", ["missing-code"])]
    doc = check_json(TMX16, "--checks", "tags", tmp_path=tmp_path)
    assert [(s["id"], f["message"]) for s in doc["segments"] for f in s["flags"]] == [
        ("2", "inline code ⟦1⟧ is missing from the translation")]


def test_text_placeholders_spans():
    text = "Saved %1$d files in {folder}"
    assert [(text[s:e], k) for s, e, k in text_placeholders(text)] == [("%1$d", "%1$d"), ("{folder}", "{folder}")]


# ---------------------------------------------------------------- reports carry the unit

RAW = re.compile("[\ue000-\uebff]")  # a placeholder character shown raw (as nothing, or as a box)

def test_reports_carry_unit_id_and_file(tmp_path):
    doc = check_json(GROUP_NO, tmp_path=tmp_path)
    assert [(s["id"], s["original"]) for s in doc["segments"]] == [("u1", "bulletin.html"), ("u2", "bulletin.html")]
    out = tmp_path / "r.sarif"
    run("check", GROUP_NO, "-f", "sarif", "-o", out, "-q", "--no-config")
    assert not RAW.search(out.read_text("utf-8"))
    result = json.loads(out.read_text("utf-8"))["runs"][0]["results"][0]
    assert (result["properties"]["unitId"], result["properties"]["original"]) == ("u2", "bulletin.html")
    assert "⟦1⟧" in result["message"]["text"] and "\ue000" not in result["message"]["text"]
    out = tmp_path / "r.xml"
    run("check", GROUP_NO, "-f", "junit", "-o", out, "-q", "--no-config")
    assert "unit: u2 in bulletin.html" in out.read_text("utf-8") and not RAW.search(out.read_text("utf-8"))
    out = tmp_path / "r.html"
    run("check", GROUP_NO, "-f", "html", "-o", out, "-q", "--no-config")
    html = out.read_text("utf-8")
    assert "unit u2 · bulletin.html" in html
    assert '<span class="ic" title="inline code">⟦1⟧</span>' in html and "\ue000" not in html
    assert "units not yet translated, not checked" in html and "units excluded (translate=no)" in html
    text = run("check", GROUP_NO, "--no-config").stdout
    assert "unit u2 in bulletin.html" in text and "ar: تم تطعيم ⟦1⟧ شخص." in text and not RAW.search(text)


# ---------------------------------------------------------------- --annotate

ITS = "{http://www.w3.org/2005/11/its}"


def without_annotations(elem: ET.Element) -> ET.Element:
    """A copy of the tree without what --annotate adds (ITS attributes and elements, tqcheck notes)."""
    out = ET.Element(elem.tag, {k: v for k, v in elem.attrib.items() if not k.startswith(ITS)})
    out.text, out.tail = elem.text, elem.tail
    for child in elem:
        local = child.tag.rsplit("}", 1)[-1]
        if child.tag.startswith(ITS) or (local == "note" and "tqcheck" in (child.get("from"), child.get("category"))):
            continue
        kept = without_annotations(child)
        if local == "notes" and not len(kept) and all(c.tag.rsplit("}", 1)[-1] == "note" for c in child):
            continue  # a <notes> that --annotate added for its note
        out.append(kept)
    return out


def same_tree(a: ET.Element, b: ET.Element) -> bool:
    return ET.tostring(without_annotations(a)) == ET.tostring(without_annotations(b))


def planted(tmp_path: Path) -> Path:
    """The Angular file with the ICU placeholder dropped from one target (its targets are all translated)."""
    text = ANGULAR.read_text("utf-8").replace(
        '<target>L\'auteur est <x id="ICU" equiv-text="{gender, select, male {...} female {...} other {...}}"/>'
        '</target>', "<target>L'auteur est</target>")
    path = tmp_path / "angular-planted.xlf"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("path", XLIFF_KINDS + ["planted"], ids=lambda p: getattr(p, "name", p))
def test_annotate_keeps_everything_else(path, tmp_path):
    src = planted(tmp_path) if path == "planted" else path
    before = src.read_bytes()
    out = tmp_path / ("annotated" + src.suffix)
    doc = check_json(src, "--include-untranslated", "--annotate", out, tmp_path=tmp_path)
    assert src.read_bytes() == before  # the input is never modified
    flags = sum(len(s["flags"]) for s in doc["segments"])
    assert flags > 0
    root_in, root_out = ET.parse(src).getroot(), ET.parse(out).getroot()
    assert same_tree(root_in, root_out)
    issues = root_out.iter(f"{ITS}locQualityIssue")
    types = [i.get("locQualityIssueType") for i in issues]
    assert len(types) == flags
    assert set(types) <= {"omission", "markup", "untranslated", "numbers", "inconsistent-entities",
                          "mistranslation", "addition", "other"}
    notes = [n for n in root_out.iter() if n.tag.endswith("note") and "tqcheck" in (n.get("from"), n.get("category"))]
    assert notes and all(n.text.startswith("tqcheck [") for n in notes)
    # every annotated unit points at its issues
    refs = [e.get(f"{ITS}locQualityIssuesRef") for e in root_out.iter() if e.get(f"{ITS}locQualityIssuesRef")]
    ids = [e.get("{http://www.w3.org/XML/1998/namespace}id") for e in root_out.iter(f"{ITS}locQualityIssues")]
    assert sorted(r.lstrip("#") for r in refs) == sorted(ids) and len(ids) == len(notes)


def test_annotated_units_are_the_flagged_ones(tmp_path):
    out = tmp_path / "out.xlf"
    check_json(GROUP_NO, "--annotate", out, tmp_path=tmp_path)
    root = ET.parse(out).getroot()
    annotated = {e.get("id") for e in root.iter() if e.get(f"{ITS}locQualityIssuesRef")}
    assert annotated == {"u2"}
    issue = next(root.iter(f"{ITS}locQualityIssue"))
    assert (issue.get("locQualityIssueType"), issue.get("locQualityIssueSeverity")) == ("markup", "100")
    assert issue.get("locQualityIssueComment") == "tags: inline code ⟦1⟧ is missing from the translation"
    # XLIFF 2: the unit's <notes> comes before <originalData> and the segments, as the schema wants
    u2 = next(e for e in root.iter() if e.get("id") == "u2")
    assert [c.tag.rsplit("}", 1)[-1] for c in u2] == ["locQualityIssues", "notes", "originalData", "segment"]


@pytest.mark.parametrize("path,unit_id,order", [
    # XLIFF 1.2: the note among the XLIFF children, before the CAT tool's extensions, which the schema puts last
    (TRADOS, "502066dc-cf97-4beb-b8b3-39379d859e7e",
     ["source", "seg-source", "target", "note", "seg-defs", "locQualityIssues"]),
    (MEMOQ, "1", ["source", "target", "context-group", "note", "minorversions", "startingws", "endingws",
                  "commitinfos", "nosplitjoins", "originalsource", "locQualityIssues"]),
])
def test_annotations_follow_the_schema_order(path, unit_id, order, tmp_path):
    out = tmp_path / ("out" + path.suffix)
    check_json(path, "--include-untranslated", "--annotate", out, tmp_path=tmp_path)
    unit = next(e for e in ET.parse(out).getroot().iter() if e.tag.endswith("trans-unit") and e.get("id") == unit_id)
    assert [c.tag.rsplit("}", 1)[-1] for c in unit] == order


def test_annotating_an_annotated_file_adds_new_ids(tmp_path):
    once, twice = tmp_path / "once.xlf", tmp_path / "twice.xlf"
    check_json(GROUP_NO, "--annotate", once, tmp_path=tmp_path)
    check_json(once, "--annotate", twice, tmp_path=tmp_path)
    ids = re.findall(r'xml:id="(tqcheck-lqi-\d+)"', twice.read_text("utf-8"))
    assert ids == ["tqcheck-lqi-1", "tqcheck-lqi-2"]


@pytest.mark.parametrize("args,message", [
    ([GROUP_NO, "--annotate", GROUP_NO], "would overwrite the input"),
    ([GROUP_NO, "--annotate", "/dev/null"], "not a regular file"),
    ([TMX16, "--annotate", "out.tmx"], "writes findings back into XLIFF files"),
    (["--batch", CAT, "-o", "outdir", "--annotate", "x.xlf"], "does not go with --batch"),
])
def test_annotate_refusals(args, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert message in one_line_error(run("check", *args, "--no-config"))


# ---------------------------------------------------------------- the commands of docs/cat.md

def doc_commands():
    text = (Path(__file__).resolve().parents[1] / "docs" / "cat.md").read_text("utf-8")
    block = re.search(r"```sh\n(.*?)```", text, re.S).group(1)
    return [line.split("#")[0].split()[2:] for line in block.splitlines() if line.startswith("tqcheck check")]


def test_the_documented_commands_run_on_the_fixtures(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    real = {".sdlxliff": TRADOS, ".mqxliff": MEMOQ, ".xlf": GROUP_NO}
    commands = doc_commands()
    assert len(commands) == 5
    for args in commands:
        args = [str(real[Path(a).suffix]) if Path(a).stem == "project" else a for a in args]
        res = run("check", *args, "--no-config")
        assert res.exit_code in (0, 1), (args, res.stderr)
    assert (tmp_path / "review.html").exists() and (tmp_path / "project.checked.sdlxliff").exists()
