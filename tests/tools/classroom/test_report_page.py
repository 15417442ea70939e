"""report_page.py: one self-contained, accessible HTML page, whose numbers are the report's counts."""

import re

from tools.classroom.report import ClassResults, Outcome
from tools.classroom.report_page import bars_svg, page


def results():
    outcomes = [Outcome("ada", "06_practice_exercises", "practice_exercises.q1", "right"),
                Outcome("bob", "06_practice_exercises", "practice_exercises.q1", "wrong", "gradients-added-twice"),
                Outcome("cy", "06_practice_exercises", "practice_exercises.q1", "wrong", "gradients-added-twice"),
                Outcome("di", "06_practice_exercises", "practice_exercises.q1", "hidden test failed")]
    return ClassResults(outcomes, ["practice_exercises.q1"])


def test_the_page_needs_nothing_from_the_network_and_reads_with_headings_tables_and_titled_charts():
    html = page(results(), "Week 3")
    assert not re.search(r"(src|href)=", html) and "<script" not in html and "@import" not in html
    assert html.count("<h1>") == 1 and "<h2>Lesson 6 · Practice exercises</h2>" in html
    assert "<h3>q1 · one variable (Lesson 3): 1 of 4 right</h3>" in html
    assert "<th scope=col>Cause</th>" in html and "<caption>" in html and 'lang=en' in html
    assert 'role="img"' in html and "<title id=" in html and "<desc id=" in html
    assert "gradients-added-twice: 2" in html and "`.grad` adds up" not in html and "<code>.grad</code> adds up" in html


def test_the_next_lecture_starts_from_the_cause_most_learners_share():
    html = page(results(), "Week 3")
    start = html.split("Start the next lecture here</h2>")[1].split("</ol>")[0]
    assert "gradients-added-twice" in start and "2 of 4 learners" in start


def test_a_bar_is_as_long_as_its_count_says():
    svg = bars_svg([("a", 4, "#000"), ("b", 1, "#000")], "c", "t", "d")
    widths = [int(w) for w in re.findall(r'<rect x="\d+" y="\d+" width="(\d+)"', svg)]
    assert widths[0] == 4 * widths[1] or abs(widths[0] - 4 * widths[1]) <= 3
