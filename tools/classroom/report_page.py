"""The class report as one self-contained HTML page: counts per question and bars of the causes behind wrong answers.

Nothing is fetched from anywhere: the bars are inline SVG, the style is inline CSS, there is no script. It reads
the way an instructor and a screen reader need it: real headings (a lesson per ``h2``, a question per ``h3``),
tables with captions and header cells for every number, and each chart an image with a title and a description
that say what its bars show (the same numbers as the table beside it).
"""

import html
import json
import re
from pathlib import Path

from .lessons import NOTEBOOKS
from .report import EXPLAINED, explanation, question_info

STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #202124; background: #fff;
       max-width: 62rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
h1 { font-size: 1.8rem; margin-bottom: .2rem; } h2 { margin-top: 2.4rem; border-bottom: 2px solid #dadce0; }
h3 { margin: 1.6rem 0 .4rem; font-size: 1.1rem; }
table { border-collapse: collapse; margin: .6rem 0 1rem; width: 100%; }
caption { text-align: left; font-weight: 600; padding: .3rem 0; }
th, td { border: 1px solid #dadce0; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th[scope=col] { background: #f1f3f4; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
code { background: #f1f3f4; padding: 0 3px; border-radius: 3px; font-size: .95em; } th code { white-space: nowrap; }
.lead { color: #3c4043; } .start li { margin-bottom: .5rem; } svg text { font: 13px system-ui, sans-serif; }
"""
COLOURS = {"wrong": "#c5221f", "hidden test failed": "#8430ce", "no verdict": "#5f6368"}
BACKTICKS = re.compile(r"`([^`]+)`")
# general causes that name no misconception to teach: left out of "start the next lecture here", kept in the charts
UNTEACHABLE = {"other", "not-checkable", "wrong-kind"}


def text(words):
    """Escape words for HTML and show `backticked` parts as code."""
    return BACKTICKS.sub(lambda m: f"<code>{m.group(1)}</code>", html.escape(words, quote=False))


def lesson_title(assignment):
    """The lesson's own title, from its notebook's first heading ("Lesson 6 · Practice exercises")."""
    path = NOTEBOOKS / f"{assignment}.ipynb"
    if path.exists():
        for cell in json.loads(path.read_text())["cells"]:
            match = re.match(r"#\s+(.+)", "".join(cell["source"]))
            if cell["cell_type"] == "markdown" and match:
                return match.group(1).strip()
    return assignment


def bars_svg(rows, chart_id, title, description):
    """An inline SVG bar chart of rows [(label, count, colour)], an image with a title and a description."""
    width, label_width, bar_room, row = 640, 230, 330, 26
    most = max((count for _, count, _ in rows), default=1) or 1
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{row * len(rows) + 8}" '
             f'viewBox="0 0 {width} {row * len(rows) + 8}" aria-labelledby="{chart_id}-t {chart_id}-d">',
             f'<title id="{chart_id}-t">{html.escape(title)}</title>',
             f'<desc id="{chart_id}-d">{html.escape(description)}</desc>']
    for i, (label, count, colour) in enumerate(rows):
        y, length = i * row + 4, max(2, round(bar_room * count / most))
        parts += [f'<text x="{label_width - 8}" y="{y + 16}" text-anchor="end" fill="#202124">'
                  f'{html.escape(label)}</text>',
                  f'<rect x="{label_width}" y="{y + 3}" width="{length}" height="{row - 8}" fill="{colour}">'
                  f'<title>{html.escape(label)}: {count}</title></rect>',
                  f'<text x="{label_width + length + 6}" y="{y + 16}" fill="#202124">{count}</text>']
    return "\n".join(parts + ["</svg>"])


def summary_table(results, questions, assignment):
    """The table of one lesson: per question, how many learners got it right, wrong, or gave no answer to judge."""
    head = ("<tr><th scope=col>Question</th><th scope=col>Right</th><th scope=col>Wrong</th>"
            "<th scope=col>Not attempted</th><th scope=col>No judgeable answer</th></tr>")
    rows = []
    for key in questions:
        kinds, total = results.kinds(key), len(results.of(key))
        other = kinds["pick other values"] + kinds["hidden test failed"] + kinds["no verdict"]
        rows.append(f"<tr><th scope=row>{html.escape(key.split('.')[1])} · {text(question_info(key)[0])}</th>"
                    f"<td class=n>{kinds['right']} of {total}</td><td class=n>{kinds['wrong']}</td>"
                    f"<td class=n>{kinds['not attempted']}</td><td class=n>{other}</td></tr>")
    caption = f"How many learners got each question of {html.escape(lesson_title(assignment))} right"
    return f"<table><caption>{caption}</caption><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>"


def question_section(results, key, index):
    """One question's heading, the bars of the causes behind its wrong answers, and their table with explanations."""
    kinds, total = results.kinds(key), len(results.of(key))
    name, title = key.split(".")[1], question_info(key)[0]
    heading = f"<h3>{html.escape(name)} · {text(title)}: {kinds['right']} of {total} right</h3>"
    rows = [(cause, count, COLOURS["wrong"]) for cause, count in results.causes(key).most_common()]
    rows += [(kind, kinds[kind], COLOURS[kind]) for kind in EXPLAINED if kinds[kind]]
    if not rows:
        return heading + "<p>No wrong answer.</p>"
    described = "; ".join(f"{label}: {count}" for label, count, _ in rows)
    chart = bars_svg(rows, f"chart-{index}", f"Causes behind the wrong answers to {name}",
                     f"Number of learners per cause. {described}.")
    cells = "".join(f"<tr><th scope=row><code>{html.escape(label)}</code></th><td class=n>{count}</td>"
                    f"<td>{text(explanation(key, label))}</td></tr>" for label, count, _ in rows)
    table = (f"<table><caption>Causes behind the wrong answers to {html.escape(name)}, in the course's words"
             "</caption><thead><tr><th scope=col>Cause</th><th scope=col>Learners</th>"
             f"<th scope=col>What it means</th></tr></thead><tbody>{cells}</tbody></table>")
    return heading + chart + table


def start_here(results, top=5):
    """The few misconceptions most learners share, across every question: where the next lecture starts."""
    counts = sorted(((count, key, cause) for key in results.questions
                     for cause, count in results.causes(key).items() if cause not in UNTEACHABLE),
                    key=lambda item: (-item[0], item[1]))
    if not counts:
        return "<p>No wrong answer showed a misconception the checkers know by name.</p>"
    items = "".join(f"<li><strong><code>{html.escape(cause)}</code></strong> in {html.escape(key.split('.')[1])} "
                    f"({text(question_info(key)[0])}): {count} of {len(results.of(key))} learners. "
                    f"{text(explanation(key, cause))}</li>" for count, key, cause in counts[:top])
    return f'<ol class="start">{items}</ol>'


def page(results, title):
    """The whole report page as HTML text."""
    assignments = list(dict.fromkeys(o.assignment for o in results.outcomes))
    body = [f"<h1>{html.escape(title)}</h1>",
            f'<p class="lead">{results.learner_count} learners, {len(results.questions)} questions in '
            f"{len(assignments)} assignment{'s' * (len(assignments) != 1)}. Each wrong answer is counted under the "
            "mistake the course's checker diagnosed.</p>",
            "<h2>Start the next lecture here</h2>", start_here(results)]
    index = 0
    for assignment in assignments:
        questions = [key for key in results.questions
                     if any(o.assignment == assignment for o in results.of(key))]
        body += [f"<h2>{html.escape(lesson_title(assignment))}</h2>", summary_table(results, questions, assignment)]
        for key in questions:
            index += 1
            body.append(question_section(results, key, index))
    return ("<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8>"
            f"<meta name=viewport content='width=device-width, initial-scale=1'><title>{html.escape(title)}</title>"
            f"<style>{STYLE}</style></head><body><main>\n" + "\n".join(body) + "\n</main></body></html>\n")


def write_page(results, out, title="What the class got wrong"):
    """Write the report page to out; return its path."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page(results, title), encoding="utf-8")
    return out
