"""Bilingual readers: XLIFF 1.2/2.0, TMX, TSV, CSV and JSONL fixtures read into units with ids and lines."""

from __future__ import annotations

import shutil

import pytest

from _formats import FIXTURES, NUMBER_UNIT, OMITTED_UNIT, UNTRANSLATED_UNIT, file_line
from tqcheck.errors import InputError, UsageError
from tqcheck.io.bilingual import ReaderOptions, detect_format, read_bilingual

# fixture, detected format, format label, ids in order, has references
FILES = [
    ("news-1.2.xlf", "xliff", "xliff-1.2", ["p1", "p2", "p3", "p4", "p5", "p6"], False),
    ("news-2.0.xlf", "xliff", "xliff-2.0", ["p1/s1", "p1/s2", "p2", "p3", "p4", "p6"], False),
    ("news.tmx", "tmx", "tmx-1.4", ["1", "2", "3", "4", "5", "6"], False),
    ("news.tsv", "tsv", "tsv", ["p1", "p2", "p3", "p4", "p5", "p6"], True),
    ("news.jsonl", "jsonl", "jsonl", ["p1", "p2", "p3", "p4", "p5", "p6"], True),
]
CSV_COLUMNS = {"id": "segment", "source": "arabic_text", "translation": "english_mt", "reference": "english_ref"}


@pytest.mark.parametrize("name,fmt,label,ids,has_ref", FILES)
def test_fixture_units_ids_and_planted_errors(name, fmt, label, ids, has_ref):
    path = FIXTURES / name
    assert detect_format(path) == fmt
    data = read_bilingual(path)
    assert data.format == label
    assert [u.id for u in data.units] == ids
    by_source = {u.source: u for u in data.units}
    assert "الأطباء المتخصصين" in by_source[UNTRANSLATED_UNIT].translation
    assert by_source[OMITTED_UNIT].translation == ""
    assert "45 patients" in by_source[NUMBER_UNIT].translation
    assert all((u.reference is not None) == has_ref for u in data.units)


@pytest.mark.parametrize("name", [f[0] for f in FILES] + ["news.csv"])
def test_unit_lines_point_at_the_text_in_the_file(name):
    path = FIXTURES / name
    options = ReaderOptions(columns=CSV_COLUMNS) if name.endswith(".csv") else ReaderOptions()
    for unit in read_bilingual(path, options=options).units:
        # The first words of each side are on the line the unit says (inline markup may split the rest).
        assert unit.source.split()[0] in file_line(path, unit.source_line)
        if unit.translation:
            assert unit.translation.split()[0] in file_line(path, unit.target_line)
        else:
            assert unit.target_line is None or name.endswith((".tsv", ".csv", ".jsonl"))


@pytest.mark.parametrize("name,unit_id,source,translation", [
    # XLIFF 1.2: <g> wraps its text in a pair of placeholders, <ph> is one placeholder (never dropped).
    ("news-1.2.xlf", "p1", "أعلنت ⟦1⟧وزارة الصحة⟦/1⟧ في الأردن يوم الثلاثاء عن افتتاح ثلاثة مستشفيات ميدانية جديدة في "
     "محافظة المفرق.⟦2⟧", "Jordan's ⟦1⟧Ministry of Health⟦/1⟧ announced on Tuesday the opening of three new field "
     "hospitals in Mafraq governorate.⟦2⟧"),
    # XLIFF 2.0: codes are numbered across the unit's segments (their ids are unique in the unit).
    ("news-2.0.xlf", "p1/s2", "وتقع المستشفيات في محافظة المفرق⟦2⟧.", "The hospitals are in Mafraq governorate⟦2⟧."),
    # TMX: <bpt>/<ept> are a pair, <hi> text kept.
    ("news.tmx", "3", "وأضاف أن الحكومة خصصت مبلغ ١٢ مليون دينار ⟦1⟧لتجهيز المستشفيات⟦/1⟧ بالمعدات الطبية.",
     "He added that the government had allocated 12 million dinars ⟦1⟧to equip the hospitals⟦/1⟧ with medical "
     "equipment."),
])
def test_inline_markup(name, unit_id, source, translation):
    from tqcheck.text.placeholders import display, strip

    unit = next(u for u in read_bilingual(FIXTURES / name).units if u.id == unit_id)
    assert (display(unit.source), display(unit.translation)) == (source, translation)
    assert "⟦" not in strip(unit.source) and "\ue000" not in strip(unit.source)


def test_skipped_units_and_languages():
    x12 = read_bilingual(FIXTURES / "news-1.2.xlf")
    assert "byline" not in [u.id for u in x12.units]  # translate="no"
    assert (x12.source_language, x12.target_language) == ("ar", "en-GB")
    x20 = read_bilingual(FIXTURES / "news-2.0.xlf")
    assert "code" not in [u.id for u in x20.units]
    tmx = read_bilingual(FIXTURES / "news.tmx")
    assert "fr-only" not in [u.id for u in tmx.units]  # no Arabic, no English
    assert not any("ministère" in u.translation for u in tmx.units)  # the French variant is not taken


def test_csv_with_named_columns_and_quotes():
    units = read_bilingual(FIXTURES / "news.csv", options=ReaderOptions(columns=CSV_COLUMNS)).units
    assert units[0].translation.startswith("Jordan's Ministry of Health")
    assert '"field" hospitals' in units[0].translation
    assert units[5].reference.startswith("Residents of Mafraq welcomed the decision, calling")
    with pytest.raises(InputError, match="no source column"):
        read_bilingual(FIXTURES / "news.csv")


@pytest.mark.parametrize("ext,text,message", [
    (".xlf", "<xliff version='1.2'><file source-language='ar'><body><trans-unit id='1'><source>نص",
     "malformed XML on line 1"),
    (".xlf", "<xliff version='1.2'><file source-language='en' target-language='ar'><body><trans-unit id='1'>"
     "<source>The minister</source><target>قال الوزير</target></trans-unit></body></file></xliff>",
     "the source language is 'en'"),
    (".xlf", "<xliff version='1.2'><file source-language='ar' target-language='fr'><body><trans-unit id='1'>"
     "<source>قال الوزير</source><target>Le ministre</target></trans-unit></body></file></xliff>",
     "the target language is 'fr'"),
    (".xlf", "<tmx version='1.4'><body/></tmx>", "not an XLIFF file"),
    (".xlf", "<xliff version='1.2'><file source-language='ar'><body/></file></xliff>", "no translation units"),
    (".tmx", "<tmx version='1.4'><body><tu><tuv xml:lang='de'><seg>Hallo</seg></tuv><tuv xml:lang='fr'>"
     "<seg>Salut</seg></tuv></tu></body></tmx>", "languages found: de, fr"),
    (".tsv", "source\ttranslation\nقال الوزير\tThe minister said\textra\n", "line 2: 3 fields, the header has 2"),
    (".tsv", "arabic\tenglish_mt\nقال الوزير\tThe minister said\n", "no translation column"),
    (".csv", 'source,translation\n"قال الوزير,The minister said\n', "malformed CSV"),
    (".jsonl", '{"source": "قال الوزير", "translation": "The minister said"}\n{"source": \n', "jsonl:2: invalid JSON"),
    (".jsonl", '["قال الوزير", "The minister said"]\n', "jsonl:1: expected a JSON object"),
    (".jsonl", '{"source": "قال الوزير", "translation": 7}\n', "'translation' must be a string"),
    (".jsonl", "", "file is empty"),
])
def test_malformed_inputs_raise_input_errors_naming_the_file(tmp_path, ext, text, message):
    path = tmp_path / f"bad{ext}"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_bilingual(path)
    assert message in str(err.value) and str(path) in str(err.value)


@pytest.mark.parametrize("name,entity", [
    ("billion-laughs.xlf", "lol"), ("external-entity.xlf", "secret"), ("parameter-entity.tmx", "remote")])
def test_entity_attacks_are_refused(name, entity):
    with pytest.raises(InputError, match=f"declares entities \\(<!ENTITY {entity}>\\)"):
        read_bilingual(FIXTURES / "attacks" / name)


def test_input_format_overrides_the_extension(tmp_path):
    path = tmp_path / "feed.txt"
    shutil.copy(FIXTURES / "news.tsv", path)
    assert detect_format(path) == "text"
    assert len(read_bilingual(path, "tsv").units) == 6
    with pytest.raises(UsageError, match="not a bilingual file"):
        read_bilingual(path)
