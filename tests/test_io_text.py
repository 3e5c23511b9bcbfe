"""The text reader: encodings, line ends and invisible marks, and the errors for bad files."""

import codecs

import pytest

from tqcheck.errors import InputError
from tqcheck.io.text import read_lines

CLEAN = ["قال الجنرال سوروفيكين إن القوات تقدمت.", "General Surovikin said the troops advanced."]


@pytest.mark.parametrize("name,data", [
    ("plain utf-8", "\n".join(CLEAN).encode("utf-8") + b"\n"),
    ("no final newline", "\n".join(CLEAN).encode("utf-8")),
    ("utf-8 BOM", codecs.BOM_UTF8 + "\n".join(CLEAN).encode("utf-8")),
    ("CRLF", "\r\n".join(CLEAN).encode("utf-8") + b"\r\n"),
    ("utf-16 LE BOM", "\n".join(CLEAN).encode("utf-16")),
    ("utf-16 BE BOM", codecs.BOM_UTF16_BE + "\n".join(CLEAN).encode("utf-16-be")),
    ("bidi marks and tatweel", "\n".join(["\u200fقال الجنرال سوروفيكين إن القوات تقدمـــت.\u061c", CLEAN[1]]).encode()),
])
def test_messy_but_valid_text_reads_like_clean_text(tmp_path, name, data):
    p = tmp_path / "in.txt"
    p.write_bytes(data)
    assert read_lines(p) == CLEAN


def test_presentation_forms_become_base_letters(tmp_path):
    p = tmp_path / "in.txt"
    # «سلام» written with presentation forms (seen in text pasted from PDFs) reads as the base letters.
    p.write_text("\ufeb3\ufefc\ufee1\n", encoding="utf-8")
    assert read_lines(p) == ["سلام"]


@pytest.mark.parametrize("name,data,message", [
    ("empty", b"", "file is empty"),
    ("blank lines only", b"\n \n\t\n", "file is empty"),
    ("binary", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    ("invalid utf-8", "سطر أول\n".encode() + b"ok \xff\xfe bad\n", "invalid UTF-8 on line 2 at byte 3"),
    ("latin-1", "caf\xe9\n".encode("latin-1"), "invalid UTF-8 on line 1 at byte 3"),
])
def test_bad_files_raise_input_error_naming_the_file(tmp_path, name, data, message):
    p = tmp_path / "bad.txt"
    p.write_bytes(data)
    with pytest.raises(InputError) as err:
        read_lines(p)
    assert str(p) in str(err.value) and message in str(err.value)
    assert "\n" not in str(err.value)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_lines(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_lines(tmp_path)
