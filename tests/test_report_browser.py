"""The HTML report in a real headless Chromium (Debian's ``chromium`` and ``chromium-driver``, driven by selenium).

Skipped, with the reason, where the browser, its driver or selenium is missing; ``make browser`` installs them
(``apt-get install -y chromium chromium-driver``, as root) and axe-core from npm for the accessibility test, which
alone skips where ``axe.min.js`` is missing.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any, Iterator, List

import pytest

from conftest import ROWS, XSS_IMG, XSS_SCRIPT, build_report, xss_doc
from tqcheck.audit.html import render_summary_html
from tqcheck.audit.summary import build_summary
from tqcheck.audit.work import CHECKED, FAILED, DocResult
from tqcheck.report.html import render_html

CHROMIUM = os.environ.get("TQCHECK_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("TQCHECK_CHROMEDRIVER", "/usr/bin/chromedriver")
ROOT = Path(__file__).resolve().parent.parent
# `make browser` puts axe-core here (npm install --prefix .cache/axe-core axe-core@4.14.1).
AXE = Path(os.environ.get("TQCHECK_AXE", ROOT / ".cache" / "axe-core" / "node_modules" / "axe-core" / "axe.min.js"))
DEMO = ROOT / "tests" / "golden" / "demo.json"

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install selenium)")
if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
    pytest.skip(f"headless Chromium not found ({CHROMIUM}, {CHROMEDRIVER}): "
                "apt-get install -y chromium chromium-driver", allow_module_level=True)

from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    profile = tempfile.mkdtemp(prefix="tqcheck-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000", f"--user-data-dir={profile}"):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    # The Service with an explicit path keeps selenium from looking for (or downloading) a driver.
    drv = webdriver.Chrome(service=webdriver.ChromeService(executable_path=CHROMEDRIVER), options=opts)
    try:
        yield drv
    finally:
        drv.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict:
    folder = tmp_path_factory.mktemp("pages")
    out = {}
    docs = {"report": build_report().to_dict(), "xss": xss_doc(),
            "no-reference": build_report(with_reference=False).to_dict(),
            "demo": json.loads(DEMO.read_text(encoding="utf-8"))}
    for name, doc in docs.items():
        path = folder / f"{name}.html"
        path.write_text(render_html(doc), encoding="utf-8")
        out[name] = path.as_uri()
    # the audit's summary.html (its own template), with a flagged, a clean and a failed document
    audit = [DocResult("flagged", CHECKED, segments=4, flagged=2, scores={"chrf": 51.2},
                       flags={"number": {"error": 1}, "name": {"warning": 1}}),
             DocResult("clean", CHECKED, segments=3, scores={"chrf": 77.0}),
             DocResult("<b>broken</b>", FAILED, error="uneven.mt.en: --aligned needs the same number of lines")]
    path = folder / "audit-summary.html"
    path.write_text(render_summary_html(build_summary(audit)), encoding="utf-8")
    out["audit-summary"] = path.as_uri()
    return out


def open_page(driver: Any, url: str, width: int = 1400) -> List[dict]:
    """Load a page fresh and return what the console said while loading."""
    driver.set_window_size(width, 1000)
    driver.get("about:blank")
    driver.get_log("browser")  # drop what earlier pages logged
    driver.get(url)
    return driver.get_log("browser")


def visible_rows(driver: Any) -> List[int]:
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('article.seg'))"
        ".filter(e => !e.hidden && e.offsetParent !== null).map(e => +e.dataset.n);")


def flagged_rows(check: str = "", severity: str = "") -> List[int]:
    doc = build_report().to_dict()
    return [i for i, s in enumerate(doc["segments"])
            if any((not check or f["check"] == check) and (not severity or f["severity"] == severity)
                   for f in s["flags"])]


def test_loads_without_console_errors_or_requests(driver: Any, pages: dict) -> None:
    logs = open_page(driver, pages["report"])
    assert [e for e in logs if e["level"] in ("SEVERE", "WARNING")] == []
    assert driver.execute_script("return performance.getEntriesByType('resource').length") == 0
    assert visible_rows(driver) == list(range(len(ROWS)))


def test_arabic_cells_are_right_to_left(driver: Any, pages: dict) -> None:
    open_page(driver, pages["report"])
    dirs = driver.execute_script(
        "return ['src', 'mt', 'ref'].map(s => Array.from(document.querySelectorAll('.cell.' + s))"
        ".map(e => getComputedStyle(e).direction));")
    assert dirs == [["rtl"] * len(ROWS), ["ltr"] * len(ROWS), ["ltr"] * len(ROWS)]


@pytest.mark.parametrize("steps,expected", [
    ([("click", "#only-flagged")], flagged_rows()),
    ([("click", ".bar[data-check='number']")], flagged_rows(check="number")),
    ([("click", ".bar[data-check='name']")], flagged_rows(check="name")),
    ([("click", "input[data-filter='sev'][value='error']")],
     sorted(set(flagged_rows(severity="warning")) | set(flagged_rows(severity="info")))),
    ([("click", ".bar[data-check='name']"), ("click", "input[data-filter='sev'][value='error']")],
     flagged_rows(check="name", severity="warning")),
    ([("type", "Bakhmut")], [0]),
    ([("type", "صدت")], [0]),  # the text has صدّت, with a shadda
    ([("type", "Sorovikin"), ("click", "#only-flagged")], [1]),
])
def test_filters_change_what_is_visible(driver: Any, pages: dict, steps: List[tuple], expected: List[int]) -> None:
    open_page(driver, pages["report"])
    for action, arg in steps:
        if action == "click":
            driver.find_element(By.CSS_SELECTOR, arg).click()
        else:
            box = driver.find_element(By.ID, "q")
            box.send_keys(arg)
            driver.execute_script("arguments[0].dispatchEvent(new Event('input'));", box)
    # the search waits for typing to pause; poll until the list settles
    WebDriverWait(driver, 5).until(lambda d: visible_rows(d) == expected)
    assert visible_rows(driver) == expected
    assert driver.find_element(By.ID, "count").text.startswith(f"{len(expected)} of {len(ROWS)} segments")


def test_sort_by_score(driver: Any, pages: dict) -> None:
    open_page(driver, pages["report"])
    keys = list(build_report().to_dict()["segments"][0]["scores"])
    driver.find_element(By.CSS_SELECTOR, f"#sort option[value='{keys.index('chrf')}:asc']").click()
    order = driver.execute_script("return Array.from(document.querySelectorAll('article.seg')).map(e => +e.dataset.n)")
    chrf = {i: s[5]["chrf"] for i, s in enumerate(ROWS)}
    scored = sorted((i for i in chrf if chrf[i] is not None), key=lambda i: chrf[i])
    assert order == scored + [i for i in range(len(ROWS)) if chrf[i] is None]


def test_keyboard_moves_between_flags(driver: Any, pages: dict) -> None:
    open_page(driver, pages["report"])
    body = driver.find_element(By.TAG_NAME, "body")
    seen = []
    for key in ("j", "j", "n", "k"):
        body.send_keys(key)
        seen.append(driver.execute_script(
            "var a = document.activeElement; return [a.closest('article').dataset.n, a.dataset.l,"
            " a.classList.contains('current')];"))
    flags = [(str(i), f"f{i}-{j}") for i, s in enumerate(build_report().to_dict()["segments"])
             for j, _ in enumerate(s["flags"])]
    assert [tuple(s[:2]) for s in seen] == [flags[0], flags[1], flags[2], flags[1]]
    assert all(s[2] for s in seen)


def test_clicking_a_highlight_lights_its_counterpart(driver: Any, pages: dict) -> None:
    open_page(driver, pages["report"])
    marks = driver.find_elements(By.CSS_SELECTOR, "article[data-n='1'] .cell.src mark.f")
    marks[0].click()
    lit = driver.execute_script(
        "return Array.from(document.querySelectorAll('article[data-n=\"1\"] .lit')).map(e => e.textContent)")
    assert "Sorovikin" in lit and "سوروفيكين" in lit


@pytest.mark.parametrize("width,side_by_side", [(1400, True), (390, False)])
def test_layout_follows_the_screen(driver: Any, pages: dict, width: int, side_by_side: bool) -> None:
    open_page(driver, pages["report"], width=width)
    src, mt = driver.execute_script(
        "var a = document.querySelector('article[data-n=\"0\"]');"
        "return ['.src', '.mt'].map(s => a.querySelector(s).getBoundingClientRect().top);")
    assert (abs(src - mt) < 1) is side_by_side
    assert driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")


def test_print_hides_the_controls(driver: Any, pages: dict) -> None:
    open_page(driver, pages["report"])
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert driver.execute_script("return getComputedStyle(document.querySelector('.toolbar')).display") == "none"
        assert driver.execute_script(
            "return getComputedStyle(document.querySelector('article.seg')).contentVisibility") == "visible"
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_markup_in_the_input_shows_as_text_and_runs_nothing(driver: Any, pages: dict) -> None:
    logs = open_page(driver, pages["xss"])
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018 (the property raises when no dialog is open)
    assert [e for e in logs if e["level"] == "SEVERE"] == []
    assert driver.execute_script("return document.querySelectorAll('img').length") == 0
    assert driver.execute_script("return document.scripts.length") == 1
    texts = driver.execute_script(
        "var a = document.querySelector('article[data-n=\"1\"]');"
        "return ['.src', '.mt', '.ref', '.msg'].map(s => a.querySelector(s).textContent);")
    assert texts == [f"قال {XSS_SCRIPT} الجنرال", f"General {XSS_IMG} said", XSS_SCRIPT + XSS_IMG, XSS_SCRIPT]
    # interacting with the page (hover, filters) must not bring the markup to life either
    driver.find_element(By.CSS_SELECTOR, "article[data-n='1'] .cell.src mark").click()
    driver.find_element(By.ID, "only-flagged").click()
    assert driver.execute_script("return document.querySelectorAll('img, article script').length") == 0
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018


# -- accessibility: axe-core -------------------------------------------------------------------------------
# axe.min.js is injected through the driver (DevTools evaluation, which the page's security policy does not
# govern), so the page under test stays the one users get. Every page the tests open is audited, before and
# after the filters change what is shown; any serious or critical violation fails.

BLOCKING = ("serious", "critical")


def axe_violations(driver: Any) -> List[dict]:
    if not AXE.exists():
        pytest.skip(f"axe-core not found ({AXE}): run `make browser` "
                    "(npm install --prefix .cache/axe-core axe-core@4.14.1)")
    if not driver.execute_script("return typeof window.axe !== 'undefined'"):
        driver.execute_script(AXE.read_text(encoding="utf-8"))
    driver.set_script_timeout(60)
    result = driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']})"
        ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary)}))))"
        ".catch(e => done({error: String(e)}));")
    assert not isinstance(result, dict), result
    return result


def blocking(violations: List[dict]) -> List[str]:
    """One readable line a node, so a failure names the rule, the element and what axe wants."""
    return [f"{v['impact']} {v['id']} ({v['help']}): {node}"
            for v in violations if v["impact"] in BLOCKING for node in v["nodes"]]


@pytest.mark.parametrize("name,width", [("demo", 1400), ("demo", 390), ("report", 1400), ("no-reference", 1400),
                                        ("xss", 1400), ("audit-summary", 1400)])
def test_no_serious_accessibility_violations(driver: Any, pages: dict, name: str, width: int) -> None:
    open_page(driver, pages[name], width=width)
    assert driver.execute_script("return document.querySelectorAll('article.seg, td').length") > 0
    assert blocking(axe_violations(driver)) == []


@pytest.mark.parametrize("steps", [
    ["#only-flagged"],
    [".bar[data-check='number']"],
    ["input[data-filter='sev'][value='error']", "input[data-filter='check'][value='name']"],
])
def test_no_serious_accessibility_violations_after_filtering(driver: Any, pages: dict, steps: List[str]) -> None:
    open_page(driver, pages["demo"])
    for css in steps:
        driver.find_element(By.CSS_SELECTOR, css).click()
    assert blocking(axe_violations(driver)) == []
