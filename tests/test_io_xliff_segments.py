"""XLIFF 1.2 segmented by a CAT tool: each ``<mrk mtype="seg">`` of ``<seg-source>`` and the target ``mrk`` of
the same ``mid`` are a unit of their own, with the lines of the two ``mrk`` elements."""

from __future__ import annotations

import json

import pytest

from _formats import FIXTURES, file_line, report, run
from tqcheck.io.bilingual import read_bilingual

SEGMENTED = FIXTURES / "segmented-1.2.xlf"

# id, source, translation: in file order ("" = no such side)
UNITS = [
    ("p1/1", "افتتحت الحكومة محطة جديدة لتحلية المياه في إربد.",
     "The government opened a new desalination plant in Irbid."),  # mrk inside <g>
    ("p1/2", "وتنتج المحطة ١٥ ألف متر مكعب يومياً.", "The plant produces 50,000 cubic metres a day."),
    ("p1/3", "وقال الوزير إن المشروع سيخدم نصف مليون نسمة.",
     "The minister said the project would serve half a million people."),
    ("p2/4", "وبلغت تكلفة المشروع ٣٠ مليون دينار.", "The project cost 30 million dinars."),
    ("p2/5", "وموّلته منحة أوروبية.", ""),  # no target mrk: an omission
    ("p3", "وتعاني المحافظة من شح المياه منذ سنوات.",  # one segment: the unit's own id
     "The governorate has suffered from water shortages for years."),
    ("p4", "ورحب السكان بالقرار. وطالبوا بمحطات أخرى.",  # target not segmented: the paragraph is one unit
     "Residents welcomed the decision and called for more plants."),
    ("p5/a", "وسيبدأ التشغيل الكامل في الربيع.", "Full operation will begin in the spring."),
    ("p5/b", "", "Officials thanked the donors."),  # a target mrk without a source mrk: an addition
]


def test_each_mrk_pair_is_a_unit():
    data = read_bilingual(SEGMENTED)
    assert data.format == "xliff-1.2" and (data.source_language, data.target_language) == ("ar", "en-US")
    assert [(u.id, u.source, u.translation) for u in data.units] == UNITS  # "credit" is translate="no"


@pytest.mark.parametrize("unit_id", [u[0] for u in UNITS])
def test_unit_lines_are_the_lines_of_its_mrk_elements(unit_id):
    unit = next(u for u in read_bilingual(SEGMENTED).units if u.id == unit_id)
    for text, line in ((unit.source, unit.source_line), (unit.translation, unit.target_line)):
        if text:
            assert text.split()[0] in file_line(SEGMENTED, line)
        else:
            assert line is None


@pytest.mark.parametrize("xml,expected", [
    # an unsegmented trans-unit is read as before
    ("<trans-unit id='u'><source>قال الوزير إن ٣ مستشفيات افتتحت.</source>"
     "<target>The minister said 3 hospitals had opened.</target></trans-unit>",
     [("u", "قال الوزير إن ٣ مستشفيات افتتحت.", "The minister said 3 hospitals had opened.")]),
    # no target at all: every segment is an omission
    ("<trans-unit id='u'><source>وصل الوفد. وبدأت المحادثات.</source><seg-source>"
     "<mrk mtype='seg' mid='1'>وصل الوفد.</mrk> <mrk mtype='seg' mid='2'>وبدأت المحادثات.</mrk></seg-source>"
     "</trans-unit>",
     [("u/1", "وصل الوفد.", ""), ("u/2", "وبدأت المحادثات.", "")]),
    # target mrks in another order are paired by mid; other mrk types are text
    ("<trans-unit id='u'><source>وصل الوفد. وبدأت المحادثات.</source><seg-source>"
     "<mrk mtype='seg' mid='1'>وصل <mrk mtype='term'>الوفد</mrk>.</mrk> "
     "<mrk mtype='seg' mid='2'>وبدأت المحادثات.</mrk></seg-source>"
     "<target><mrk mtype='seg' mid='2'>Talks began.</mrk> <mrk mtype='seg' mid='1'>The "
     "<mrk mtype='term'>delegation</mrk> arrived.</mrk></target></trans-unit>",
     [("u/1", "وصل الوفد.", "The delegation arrived."), ("u/2", "وبدأت المحادثات.", "Talks began.")]),
    # an empty, unsegmented target: the segments are omissions
    ("<trans-unit id='u'><source>وصل الوفد. وبدأت المحادثات.</source><seg-source>"
     "<mrk mtype='seg' mid='1'>وصل الوفد.</mrk><mrk mtype='seg' mid='2'>وبدأت المحادثات.</mrk></seg-source>"
     "<target/></trans-unit>",
     [("u/1", "وصل الوفد.", ""), ("u/2", "وبدأت المحادثات.", "")]),
])
def test_segmentation_cases(tmp_path, xml, expected):
    path = tmp_path / "feed.xlf"
    path.write_text("<xliff version='1.2' xmlns='urn:oasis:names:tc:xliff:document:1.2'><file "
                    f"source-language='ar' target-language='en'><body>{xml}</body></file></xliff>",
                    encoding="utf-8")
    assert [(u.id, u.source, u.translation) for u in read_bilingual(path).units] == expected


def test_the_report_has_a_segment_a_mrk_pair_with_its_id_and_lines():
    code, doc = report(SEGMENTED)
    assert code == 1
    rows = [(s["id"], s["source"], s["translation"]) for s in doc["segments"]]
    assert rows == [(i, src or "", tgt or "") for i, src, tgt in UNITS]
    flags = {s["id"]: sorted(f["check"] for f in s["flags"]) for s in doc["segments"] if s["flags"]}
    assert flags == {"p1/2": ["number"], "p2/5": ["omission"], "p5/b": ["addition"]}
    drift = next(s for s in doc["segments"] if s["id"] == "p1/2")
    assert (drift["source_lines"], drift["target_lines"]) == ([11], [14])


def test_sarif_points_at_the_mrk_lines(tmp_path):
    out = tmp_path / "feed.sarif"
    res = run("check", SEGMENTED, "--format", "sarif", "-o", out, "--no-config", "--fail-on", "never")
    assert res.exit_code == 0, res.stderr
    results = json.loads(out.read_text("utf-8"))["runs"][0]["results"]
    where = {r["ruleId"].split("/")[0]: r["locations"][0]["physicalLocation"]["region"]["startLine"]
             for r in results}
    # 1-based lines: the changed number in the target mrk of p1/2, the source mrk of the omitted p2/5, the
    # target mrk of the added p5/b
    assert where == {"number": 15, "omission": 20, "addition": 37}
