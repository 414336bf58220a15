"""brandvoice audit --html: one self-contained page, its numbers those of the audit, and
its charts drawn when a real browser (headless Chromium) opens it."""

from __future__ import annotations

import io
import json
import re
from collections import Counter

from brandvoice import Linter
from brandvoice.audit import run_audit
from brandvoice.report.audit_html import render_html

from .conftest import run
from .test_audit import ROWS, direct, export  # noqa: F401  (export is a fixture)


def report(folder, *args: str):
    done = run(["audit", "export.csv", "--html", "report.html", *args], cwd=folder)
    assert done.code == 0, done.err
    return done, (folder / "report.html").read_text(encoding="utf-8")


def test_the_page_is_self_contained_and_holds_the_audit(export):  # noqa: F811
    done, page = report(export, "--format", "json")
    assert json.loads(done.out)["overall"]["replies"] == 6  # stdout keeps its format
    assert "wrote the report to report.html" in done.err
    # one file: nothing to fetch, nothing to run
    assert not re.search(r"<script|<link|<img|<iframe|@import|src=|url\((?!#)", page)
    assert not re.search(r"https?://(?!www\.w3\.org/)", page)
    assert page.count('<svg role="img"') == 4  # scores, tone, trend, rules
    assert "<image" not in page  # vector charts, no bitmaps inside
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids))  # charts never share an id
    for reference in re.findall(r'(?:href="#|url\(#)([^")]+)', page):
        assert reference in ids
    # the scorecard table says what the library computed
    results = direct(export)
    support = [results[row[0]] for row in ROWS if row[1] == "support" and row[4]]
    passed = sum(r.passed for r in support)
    cells = re.search(r"<tr><td>support</td>(.*?)</tr>", page)[1]
    assert f'<td class="n">{len(support)}</td>' in cells
    assert f'<td class="n">{100 * passed / len(support):.0f}%</td>' in cells
    # the trend: January and February 2026 (r5's Unix time is 2026-01-01), the bad date
    # left out and said so
    assert "2026-01: 3 replies" in page and "2026-02: 2 replies" in page
    assert "1 reply without a readable date is not in it" in page
    # the rules chart names the most frequent rule with its rate over all replies
    rules = Counter(f.rule for r in results.values() for f in r.findings)
    top, count = rules.most_common(1)[0]
    assert f"{top}: {round(100 * count / len(results), 1):g} per 100 replies" in page
    assert "this draft is empty" in page  # r7, a row with a problem
    # the tone chart: each group's mean politeness next to its mean sentiment
    polite = [r.metrics["politeness"] for r in support if r.metrics["politeness"] is not None]
    assert "<h2>Tone per department</h2>" in page
    assert f"politeness {sum(polite) / len(polite):.2f}" in page


def test_without_dates_there_is_no_trend_chart(export):  # noqa: F811
    linter = Linter.from_config(export / "brandvoice.yaml")
    rows = [{"id": row[0], "department": row[1], "text": row[4]} for row in ROWS if row[4]]
    page = render_html(run_audit(linter, rows, by=["department"]))
    assert page.count('<svg role="img"') == 3  # scores, tone, rules
    assert "No reply has a date" in page


def test_show_text_puts_example_replies_in_the_page(export):  # noqa: F811
    _, page = report(export, "--show-text")
    assert "<blockquote>Hey guys, we guarantee the best prices!</blockquote>" in page
    _, page = report(export)
    assert "<blockquote>" not in page


def test_an_unwritable_report_path_is_refused_before_the_audit(export):  # noqa: F811
    for target, message in (("missing/report.html", "the folder missing does not exist"),
                            (".", "it is a folder")):
        done = run(["audit", "export.csv", "--html", target], cwd=export)
        assert done.code == 2 and message in done.err
        assert done.out == ""  # refused before any reply was checked
    old = export / "report.html"
    old.write_text("old report", encoding="utf-8")
    report(export)
    assert old.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in export.iterdir() if p.name.startswith(".report")] == []


def test_charts_render_in_headless_chromium(export, browser):  # noqa: F811
    from PIL import Image

    report(export, "--by", "department,month")
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    problems, requests = [], []
    page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning")
            else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("request", lambda request: requests.append(request.url))
    url = (export / "report.html").as_uri()
    page.goto(url)
    page.wait_for_load_state("load")
    assert problems == []
    assert requests == [url]  # nothing fetched but the page itself
    assert page.title() == "Audit of 6 replies"
    charts = page.locator("svg.chart")
    assert charts.count() == 4  # scores, tone, trend, rules
    for index in range(charts.count()):
        chart = charts.nth(index)
        box = chart.bounding_box()
        assert box["width"] > 300 and box["height"] > 100
        assert chart.locator("path").count() > 5
        picture = Image.open(io.BytesIO(chart.screenshot())).convert("L")
        inked = sum(picture.histogram()[:200])  # pixels darker than a light grey
        assert inked > 0.01 * picture.width * picture.height, chart.get_attribute(
            "aria-labelledby")
        label = chart.get_attribute("aria-labelledby").split()[0]
        assert page.locator(f"#{label}").text_content()  # a title for screen readers
    # the text in the charts is laid out as text, readable and selectable
    trend = page.locator("svg.chart").nth(1)
    assert "pass rate (%)" in trend.text_content()
    scores = page.locator("svg.chart").nth(0).text_content()
    assert "marketing (3)" in scores and "support (3)" in scores
    page.close()


def test_an_empty_export_still_writes_a_page(tmp_path):
    (tmp_path / "export.csv").write_text("id,text\n", encoding="utf-8")
    done = run(["audit", "export.csv", "--html", "report.html", "--rulebook",
                "builtin:legal-claims"], cwd=tmp_path)
    assert done.code == 0, done.err
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "Audit of 0 replies" in page and "No reply was audited" in page


def test_the_screenshot_script_pictures_a_report(export, browser):  # noqa: F811
    """scripts/screenshot.py, which made the picture in docs/audit.md."""
    import subprocess
    import sys

    from PIL import Image

    from .conftest import ROOT

    report(export)
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "screenshot.py"),
                           "report.html", "shot.png", "--height", "900"], cwd=export,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    with Image.open(export / "shot.png") as picture:
        assert picture.size == (1150, 900)
        grey = picture.convert("L")
        assert sum(grey.histogram()[:128]) > 2000  # the heading and charts, not a blank page


def test_names_are_shown_as_written_never_as_markup_or_math(export):  # noqa: F811
    """A department called "Sales $$ & <b>" is text in the tables and in the charts (a "$"
    would otherwise start matplotlib's TeX and stop the report)."""
    linter = Linter.from_config(export / "brandvoice.yaml")
    rows = [{"id": "a<1>", "department": 'Sales $$ & <b>"x"</b>', "created_at": "2026-01-01",
             "text": "We guarantee it, guys."},
            {"id": "b", "department": "$5 off $team", "created_at": "2026-02-01",
             "text": "Thanks for waiting."}]
    page = render_html(run_audit(linter, rows, by=["department"]))
    assert "<b>" not in page and "a<1>" not in page
    labels = re.findall(r"<text[^>]*>([^<]*)</text>", page)
    assert "Sales $$ &amp; &lt;b&gt;\"x\"&lt;/b&gt; (1)" in labels  # the score chart
    assert "$5 off $team" in labels  # the rules chart
    assert '<span class="id">a&lt;1&gt;</span>' in page


def test_months_with_few_replies_do_not_look_like_full_months(tmp_path):
    rows = [{"id": f"j{i}", "created_at": "2026-01-10", "text": "Thanks for waiting."}
            for i in range(30)]
    rows += [{"id": "f1", "created_at": "2026-02-03", "text": "We guarantee it."},
             {"id": "m1", "created_at": "2026-03-03", "text": "Thanks for waiting."},
             {"id": "m2", "created_at": "2026-03-04", "text": "Thanks for waiting."}]
    (tmp_path / "export.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows),
                                           encoding="utf-8")
    done = run(["audit", "export.jsonl", "--by", "month", "--html", "report.html",
                "--rulebook", "builtin:legal-claims"], cwd=tmp_path)
    assert done.code == 0, done.err
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert ("A month with fewer than 3 replies (a tenth of the busiest month&#x27;s) has "
            "hollow points and a light bar with its count: its pass rate and sentiment rest "
            "on few replies (2026-02, 2026-03).") in page
    trend = re.search(r'<svg role="img" aria-labelledby="trend-title.*?</svg>', page, re.S)[0]
    assert "2026-01: 30 replies, pass rate 100%" in trend  # the description for screen readers
    assert "2026-02: 1 reply (few), pass rate 0%" in trend
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", trend)
    assert "fewer than 3 replies" in texts  # the legend
    counts = re.findall(r'<text style="font-size: 7px[^>]*>([^<]*)</text>', trend)
    assert counts == ["1", "2"]  # written over the thin months' bars, not over January's
