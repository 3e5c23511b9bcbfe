"""The HTML report: structure, highlighting, escaping, validation, the golden file and ``tqcheck report``."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

import pytest
from click.testing import CliRunner

from conftest import ROWS, XSS_IMG, XSS_SCRIPT, build_report, xss_doc
from tqcheck.cli import cli
from tqcheck.errors import InputError
from tqcheck.report.document import build_document
from tqcheck.report.html import render_html

GOLDEN = Path(__file__).resolve().parent / "golden"
VOID = {"meta", "input", "br", "img", "link", "hr", "source", "wbr", "area", "base", "col", "embed", "track"}


@dataclass
class Node:
    tag: str
    attrs: Dict[str, Optional[str]]
    children: List[Any] = field(default_factory=list)  # Node or str
    parent: Optional["Node"] = None

    @property
    def classes(self) -> List[str]:
        return (self.attrs.get("class") or "").split()

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def find_all(self, pred: Callable[["Node"], bool]) -> List["Node"]:
        out = []
        for c in self.children:
            if isinstance(c, Node):
                if pred(c):
                    out.append(c)
                out.extend(c.find_all(pred))
        return out

    def select(self, tag: str = "", cls: str = "") -> List["Node"]:
        return self.find_all(lambda n: (not tag or n.tag == tag) and (not cls or cls in n.classes))


class _TreeBuilder(HTMLParser):
    """A small DOM from the standard library parser: enough to check the page's structure."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.cur = self.root

    def handle_starttag(self, tag: str, attrs: List[Any]) -> None:
        node = Node(tag, dict(attrs), parent=self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_endtag(self, tag: str) -> None:
        n: Optional[Node] = self.cur
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.cur = n.parent

    def handle_data(self, data: str) -> None:
        self.cur.children.append(data)


def parse(page: str) -> Node:
    b = _TreeBuilder()
    b.feed(page)
    b.close()
    return b.root


@pytest.fixture(scope="module")
def page() -> str:
    return render_html(build_report().to_dict())


@pytest.fixture(scope="module")
def dom(page: str) -> Node:
    return parse(page)


def segment(dom: Node, i: int) -> Node:
    (art,) = dom.find_all(lambda n: n.tag == "article" and n.attrs.get("data-n") == str(i))
    return art


def cell(art: Node, side: str) -> Node:
    (c,) = art.select("div", side)
    return c


# -- structure ---------------------------------------------------------------------------------------------

def test_one_row_per_segment_in_document_order(dom: Node) -> None:
    arts = dom.select("article", "seg")
    assert [a.attrs["data-n"] for a in arts] == [str(i) for i in range(len(ROWS))]


@pytest.mark.parametrize("i", range(len(ROWS)))
def test_cells_are_rtl_arabic_and_english(dom: Node, i: int) -> None:
    art = segment(dom, i)
    src, mt, ref = cell(art, "src"), cell(art, "mt"), cell(art, "ref")
    assert (src.attrs["dir"], src.attrs["lang"]) == ("rtl", "ar")
    assert (mt.attrs["dir"], mt.attrs["lang"]) == ("ltr", "en")
    assert ref.attrs["lang"] == "en"


@pytest.mark.parametrize("i", range(len(ROWS)))
@pytest.mark.parametrize("side,col", [("src", 0), ("mt", 1), ("ref", 2)])
def test_cell_text_is_the_segment_text(dom: Node, i: int, side: str, col: int) -> None:
    """Highlighting cuts the text into fragments; joined, they give back exactly the input."""
    text = ROWS[i][col]
    c = cell(segment(dom, i), side)
    if text:
        assert c.text() == text
    else:
        assert "empty" in c.classes and c.select("span", "ph")


def test_no_reference_column_without_reference() -> None:
    d = parse(render_html(build_report(with_reference=False).to_dict()))
    assert not d.select("div", "ref")
    assert "no-ref" in d.select("body")[0].classes
    assert len(d.select("div", "mt")) == len(ROWS)


# (row, check, source text highlighted, target text highlighted, severity class)
DRIFTS = [
    (1, "name", "سوروفيكين", "Sorovikin", "sev-error"),
    (2, "number", "٣٠٠", "30", "sev-error"),
    (5, "name", "كييف", "Kiev", "sev-warning"),
    (6, "number", "سبعين ألف", "7,000", "sev-error"),
]


@pytest.mark.parametrize("i,check,src_text,tgt_text,sev", DRIFTS)
def test_drift_is_highlighted_and_linked_on_both_sides(dom: Node, i: int, check: str, src_text: str,
                                                      tgt_text: str, sev: str) -> None:
    art = segment(dom, i)
    (s_mark,) = [m for m in cell(art, "src").select("mark") if m.text() == src_text]
    (t_mark,) = [m for m in cell(art, "mt").select("mark") if m.text() == tgt_text]
    assert {"f", sev, f"c-{check}"} <= set(s_mark.classes)
    assert s_mark.attrs["data-l"] == t_mark.attrs["data-l"]
    (item,) = [li for li in art.select("li", "flag") if li.attrs["data-l"] == s_mark.attrs["data-l"]]
    assert item.attrs["data-c"] == check and f"sev-{item.attrs['data-v']}" == sev
    assert item.select("div", "sug"), "the suggestion is shown"


# (row, source text, target text) of things found equal on both sides
MATCHES = [(0, "باخموت", "Bakhmut"), (1, "سيرغي", "Sergei"), (2, "يومين", "two"),
           (7, "فولوديمير زيلينسكي", "Volodymyr Zelensky")]


@pytest.mark.parametrize("i,src_text,tgt_text", MATCHES)
def test_matches_are_linked_across_sides(dom: Node, i: int, src_text: str, tgt_text: str) -> None:
    art = segment(dom, i)
    (s_mark,) = [m for m in cell(art, "src").select("mark", "m") if m.text() == src_text]
    (t_mark,) = [m for m in cell(art, "mt").select("mark", "m") if m.text() == tgt_text]
    assert s_mark.attrs["data-l"] == t_mark.attrs["data-l"]


@pytest.mark.parametrize("i,full_side,empty_side,bead", [(3, "src", "mt", "bead-omission"),
                                                         (4, "mt", "src", "bead-addition")])
def test_omission_and_addition_leave_an_empty_cell(dom: Node, i: int, full_side: str, empty_side: str,
                                                  bead: str) -> None:
    art = segment(dom, i)
    assert bead in art.classes
    assert "empty" in cell(art, empty_side).classes
    full = cell(art, full_side)
    assert {"whole", "sev-error"} <= set(full.classes), "a flag covering the whole sentence marks the cell"
    (item,) = art.select("li", "flag")
    assert full.attrs["data-l"] == item.attrs["data-l"]


def test_merge_is_one_row_with_its_lines(dom: Node) -> None:
    art = segment(dom, 5)
    assert "bead-merge" in art.classes
    assert art.select("span", "bead")[0].text() == "merge: 2 source sentences → 1"
    assert art.select("span", "lines")[0].text() == "ar 5–6 · en 5"


@pytest.mark.parametrize("fields,label,lines", [
    ({"source_lines": [4], "target_lines": [4], "source_sentences": [5, 6], "target_sentences": [5]},
     "merge: 2 source sentences → 1", "ar 5 · en 5"),
    ({"source_lines": [7], "target_lines": [7, 8], "source_sentences": [9], "target_sentences": [9, 10]},
     "split: 1 source sentence → 2", "ar 8 · en 8–9"),
    ({"source_lines": [2, 3], "target_lines": [2]}, "merge: 2 source sentences → 1", "ar 3–4 · en 3"),
    ({"source_lines": [3], "target_lines": [3], "source_sentences": [3], "target_sentences": [3]}, None, "ar 4 · en 4"),
])
def test_bead_counts_sentences_in_document_mode(fields: Dict[str, Any], label: Optional[str], lines: str) -> None:
    """Two sentences on one input line are still a merge: beads count sentences when the report has them."""
    doc = build_report().to_dict()
    doc["segments"][0].update(fields)
    art = segment(parse(render_html(doc)), 0)
    assert [b.text() for b in art.select("span", "bead")] == ([label] if label else [])
    assert art.select("span", "lines")[0].text() == lines


def test_summary_counts_and_scores(dom: Node) -> None:
    cards = {c.select("span")[1].text(): c.select("span", "big")[0].text() for c in dom.select("div", "card")}
    doc = build_report().to_dict()
    flags = [f for s in doc["segments"] for f in s["flags"]]
    assert cards["segments"] == str(len(ROWS))
    assert cards["flagged"] == str(doc["summary"]["flagged"])
    assert cards["errors"] == str(sum(f["severity"] == "error" for f in flags))
    assert cards["chrf (corpus)"] == f"{doc['summary']['scores']['chrf']:.1f}"


def test_charts_are_inline_svg(dom: Node) -> None:
    bars = dom.select("g", "bar")
    doc = build_report().to_dict()
    assert {b.attrs["data-check"] for b in bars} == set(doc["summary"]["flags"])
    hists = dom.select("figure", "hist")
    assert len(hists) == len(doc["segments"][0]["scores"])
    scored = [s for s in doc["segments"] if s["scores"]["chrf"] is not None]
    chrf = [h for h in hists if "chrf" in h.select("figcaption")[0].text()][0]
    counts = [int(re.search(r": (\d+) segment", r.text()).group(1)) for r in chrf.select("rect", "hbar")]
    assert sum(counts) == len(scored)


def test_filters_cover_every_check_and_severity(dom: Node) -> None:
    doc = build_report().to_dict()
    checks = {i.attrs["value"] for i in dom.find_all(lambda n: n.attrs.get("data-filter") == "check")}
    sevs = {i.attrs["value"] for i in dom.find_all(lambda n: n.attrs.get("data-filter") == "sev")}
    assert checks == set(doc["summary"]["flags"])
    assert sevs == {"error", "warning", "info"}
    assert dom.find_all(lambda n: n.attrs.get("id") in {"q", "only-flagged", "sort"}).__len__() == 3


def test_page_is_self_contained(page: str, dom: Node) -> None:
    assert not dom.select("link") and not dom.find_all(lambda n: "src" in n.attrs)
    hrefs = [n.attrs["href"] for n in dom.find_all(lambda n: "href" in n.attrs)]
    assert hrefs and all(h.startswith("#") for h in hrefs)
    assert not re.search(r"https?://|@import|url\(", page.replace("http://www.w3.org/2000/svg", ""))
    (csp,) = dom.find_all(lambda n: n.attrs.get("http-equiv") == "Content-Security-Policy")
    assert csp.attrs["content"].startswith("default-src 'none'")
    # the policy names the exact inline style and script, or the browser would refuse them
    for tag, directive in (("style", "style-src"), ("script", "script-src")):
        (node,) = dom.select(tag)
        digest = base64.b64encode(hashlib.sha256(node.text().encode("utf-8")).digest()).decode("ascii")
        assert f"{directive} 'sha256-{digest}'" in csp.attrs["content"]


# -- escaping ----------------------------------------------------------------------------------------------

def test_markup_in_any_field_is_text() -> None:
    page = render_html(xss_doc())
    assert XSS_SCRIPT not in page and "<img" not in page
    d = parse(page)
    assert len(d.select("script")) == 1 and not d.select("img")
    art = segment(d, 1)
    assert cell(art, "src").text() == f"قال {XSS_SCRIPT} الجنرال"
    assert cell(art, "mt").text() == f"General {XSS_IMG} said"
    assert cell(art, "ref").text() == XSS_SCRIPT + XSS_IMG
    (s_mark,) = cell(art, "src").select("mark")
    assert s_mark.text() == XSS_SCRIPT
    (item,) = art.select("li", "flag")
    assert item.select("span", "msg")[0].text() == XSS_SCRIPT
    assert XSS_IMG in item.select("div", "sug")[0].text()
    assert not d.find_all(lambda n: any(k.startswith("on") for k in n.attrs))


# -- validation --------------------------------------------------------------------------------------------

def _with(**changes: Any) -> Dict[str, Any]:
    doc = build_report().to_dict()
    for key, value in changes.items():
        if key.startswith("seg_"):
            doc["segments"][0][key[4:]] = value
        else:
            doc[key] = value
    return doc


@pytest.mark.parametrize("doc,message", [
    ([1, 2], "expected a JSON object"),
    ({"format": "tqcheck.alignment/1", "beads": []}, "not a tqcheck report"),
    (_with(format=None), "not a tqcheck report"),
    (_with(segments={"0": {}}), "'segments' must be a list"),
    (_with(segments=["text"]), "segment 0: expected an object"),
    (_with(seg_source=["قال"]), "segment 0: 'source' must be a string"),
    (_with(seg_flags="error"), "segment 0: 'flags' must be a list"),
    (_with(seg_flags=["error"]), "segment 0: flag 0 must be an object"),
])
def test_malformed_documents_raise_input_error(doc: Any, message: str) -> None:
    with pytest.raises(InputError, match=re.escape(message)):
        render_html(doc)


@pytest.mark.parametrize("bad_span", [None, [5], ["a", "b"], [True, 3], [50, 10], [-4, 3000]])
def test_bad_spans_never_break_the_text(bad_span: Any) -> None:
    """A hand-edited span is clamped or ignored; the cell still shows the whole text."""
    doc = build_report().to_dict()
    seg = doc["segments"][2]
    for f in seg["flags"]:
        f["source_span"] = bad_span
    art = segment(parse(render_html(doc)), 2)
    assert cell(art, "src").text() == seg["source"]


# -- golden files ------------------------------------------------------------------------------------------
# Each case renders a report and compares the page with tests/golden/<case>.html. Besides the synthetic report,
# every saved report tests/golden/<case>.json is a case (the demo corpus goes there: `tqcheck check ... --format
# json -o tests/golden/demo.json`). After a wanted change, TQCHECK_UPDATE_GOLDEN=1 rewrites the pages.

def _golden_cases() -> Dict[str, Callable[[], Any]]:
    cases: Dict[str, Callable[[], Any]] = {"report_synthetic": lambda: build_report().to_dict()}
    for path in sorted(GOLDEN.glob("*.json")):
        cases[path.stem] = lambda path=path: json.loads(path.read_text(encoding="utf-8"))
    return cases


def normalise(page: str) -> str:
    """The page's markup: without the tool's version, which changes with every release, and without the static
    stylesheet and script (and their hashes in the security policy), which are files of their own."""
    page = re.sub(r"(tqcheck) [0-9][0-9A-Za-z.+-]*", r"\1 VERSION", page)
    page = re.sub(r"<style>.*?</style>", "<style>/* report.css */</style>", page, count=1, flags=re.S)
    page = re.sub(r"<script>.*?</script>", "<script>/* report.js */</script>", page, count=1, flags=re.S)
    return re.sub(r"sha256-[A-Za-z0-9+/=]+", "sha256-HASH", page)


@pytest.mark.parametrize("case", sorted(_golden_cases()))
def test_golden_page(case: str) -> None:
    page = normalise(render_html(_golden_cases()[case]()))
    path = GOLDEN / f"{case}.html"
    if os.environ.get("TQCHECK_UPDATE_GOLDEN") == "1":
        path.write_text(page, encoding="utf-8")
    assert path.exists(), f"{path} missing: run with TQCHECK_UPDATE_GOLDEN=1 to create it"
    assert page == path.read_text(encoding="utf-8"), f"{case}: HTML changed; inspect, then TQCHECK_UPDATE_GOLDEN=1"


def test_render_is_deterministic() -> None:
    doc = build_report().to_dict()
    assert render_html(doc) == render_html(json.loads(json.dumps(doc)))


# -- tqcheck report ----------------------------------------------------------------------------------------

def test_report_command_writes_the_page(tmp_path: Path, page: str) -> None:
    src = tmp_path / "report.json"
    src.write_text(json.dumps(build_document(build_report()), ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["report", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == page
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html", "report.json"]


def test_report_command_reads_stdin(page: str) -> None:
    result = CliRunner().invoke(cli, ["report", "-"], input=json.dumps(build_report().to_dict()))
    assert result.exit_code == 0
    assert result.stdout == page


@pytest.mark.invalid_reports
@pytest.mark.parametrize("content,expected", [
    ('{"format": "tqcheck.report/1", "segments": [', "not valid JSON"),
    ("", "file is empty"),
    ('{"format": "tqcheck.alignment/1", "beads": []}', "not a tqcheck report"),
    ('{"format": "tqcheck.report/1", "segments": [{"source": 3}]}', "segment 0: 'source' must be a string"),
    (None, "no such file"),
])
def test_report_command_bad_input_exits_2(tmp_path: Path, content: Optional[str], expected: str) -> None:
    src = tmp_path / "report.json"
    if content is not None:
        src.write_text(content, encoding="utf-8")
    out = tmp_path / "out.html"
    result = CliRunner().invoke(cli, ["report", str(src), "-o", str(out)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tqcheck: error: ") and expected in lines[0]
    assert str(src) in lines[0]
    assert not out.exists()


@pytest.mark.parametrize("output,expected", [
    ("report.json", "would overwrite the input"),
    ("report.json/r.html", "cannot"),
    (".", "is a directory"),
])
def test_report_command_unwritable_output_exits_2(tmp_path: Path, output: str, expected: str) -> None:
    src = tmp_path / "report.json"
    text = json.dumps(build_document(build_report()))
    src.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["report", str(src), "-o", str(tmp_path / output)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tqcheck: error: ") and expected in lines[0]
    assert src.read_text(encoding="utf-8") == text


def test_report_command_replaces_an_existing_file_whole(tmp_path: Path, page: str) -> None:
    src = tmp_path / "report.json"
    src.write_text(json.dumps(build_document(build_report())), encoding="utf-8")
    out = tmp_path / "r.html"
    out.write_text("old" * 100000, encoding="utf-8")
    assert CliRunner().invoke(cli, ["report", str(src), "-o", str(out)]).exit_code == 0
    assert out.read_text(encoding="utf-8") == page
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html", "report.json"], "no temporary file left"


@pytest.mark.parametrize("doc", [
    {"format": "tqcheck.report/1", "segments": []},
    {"format": "tqcheck.report/1", "segments": [{"source": "قال الجيش", "translation": "The army said"}]},
])
def test_minimal_documents_render(doc: Dict[str, Any]) -> None:
    """Only 'format' and 'segments' are needed: a report without scores, flags or summary still renders."""
    d = parse(render_html(doc))
    assert len(d.select("article", "seg")) == len(doc["segments"])
    assert not d.select("figure", "hist")
    assert d.select("figure", "bars")[0].select("p", "none")


@pytest.mark.slow
def test_check_format_html_equals_rendering_the_saved_json(tmp_path: Path) -> None:
    """`tqcheck check --format html` and `tqcheck report` of the same run's JSON give the same page."""
    corpora = Path(__file__).resolve().parents[1] / "corpora"
    args = ["check", str(corpora / "demo.ar.txt"), str(corpora / "demo.mt.en.txt"),
            "--reference", str(corpora / "demo.ref.en.txt"), "--aligned", "--fail-on", "never", "-q"]
    runner = CliRunner()
    assert runner.invoke(cli, [*args, "--format", "html", "-o", str(tmp_path / "live.html")]).exit_code == 0
    assert runner.invoke(cli, [*args, "--format", "json", "-o", str(tmp_path / "r.json")]).exit_code == 0
    assert runner.invoke(cli, ["report", str(tmp_path / "r.json"), "-o", str(tmp_path / "saved.html")]).exit_code == 0
    live = (tmp_path / "live.html").read_text(encoding="utf-8")
    assert live == (tmp_path / "saved.html").read_text(encoding="utf-8")
    d = parse(live)
    assert len(d.select("article", "seg")) == len((corpora / "demo.ar.txt").read_text(encoding="utf-8").splitlines())
    assert all(c.attrs["dir"] == "rtl" for c in d.select("div", "src"))
