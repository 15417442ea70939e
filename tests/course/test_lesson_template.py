"""Every lesson opens and ends the same way (STYLE.md, "The notebooks"), read from the stored notebooks.

A lesson opens with `# Lesson N · Title` (N as in its file name), one paragraph saying why, and
"By the end you can:" with 3-4 objectives; before its first `## ` section comes exactly one code
cell, visible, that imports, seeds torch and prints the versions it ran with (a line such as
`torch 2.13.0`: no paths, no timings). It ends with `## Recap` (3-5 bullets), and its last cell
links to the next lesson's notebook by that lesson's title; after the last lesson, to the table
of lessons in the README. Nothing a learner reads (Markdown, code comments and strings, stored
text outputs, the exercises' titles, hints and solutions) says "seed" or "original notebook":
those words meant something to the course's authors and nothing to a learner.

`template_problems` is the whole checker; the made-up notebooks at the end break one rule each,
to show that it fails when it should.
"""

import ast
import importlib
import io
import json
import re
import tokenize
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
README = ROOT / "README.md"
LESSONS_TABLE = "the-lessons"  # the anchor of README's "## The lessons"
LESSON_FILE = re.compile(r"^(\d\d)_\w+\.ipynb$")
TITLE = re.compile(r"^# Lesson (\d+) · \S.*$")
OBJECTIVES = "By the end you can:"
VERSION_LINE = re.compile(r"^[A-Za-z][\w.-]* \d+\.\d+(\.\d+)?( [A-Za-z][\w.-]* \d+\.\d+(\.\d+)?)*$")
LINK = re.compile(r"(?<!!)\[(?P<text>[^\]]+)\]\((?P<target>[^)\s]+)\)")
BANNED = re.compile(r"\bseeds?\b|\boriginal notebooks?\b", re.IGNORECASE)
INLINE_CODE = re.compile(r"`[^`\n]*`")
FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
HIDDEN_TAGS = {"hide-input", "remove-input", "hide-cell", "remove-cell"}


def lesson_notebooks(folder=NOTEBOOKS):
    """{lesson number: path} of the lessons a learner opens (notebooks/NN_*.ipynb)."""
    return {int(LESSON_FILE.match(p.name)[1]): p for p in sorted(folder.glob("*.ipynb")) if LESSON_FILE.match(p.name)}


ALL = sorted(lesson_notebooks().values()) + sorted((NOTEBOOKS / "solutions").glob("*.ipynb"))


def source(cell):
    text = cell["source"]
    return "".join(text) if isinstance(text, list) else text


def headings(cells):
    """(cell index, line) of every `## ` heading, in order."""
    return [(i, line) for i, cell in enumerate(cells) if cell["cell_type"] == "markdown"
            for line in source(cell).splitlines() if line.startswith("## ")]


def title_of(path):
    """A notebook's title without the `# `: `Lesson 3 · Computing gradients with .backward()`."""
    first = source(nbformat.read(path, as_version=4).cells[0]).splitlines()[0]
    return first.removeprefix("# ")


# --- what a learner reads -------------------------------------------------------------------------------


def code_prose(code):
    """The comments and string literals of some Python code: the part of it written in words."""
    kinds = {tokenize.COMMENT, tokenize.STRING} | {getattr(tokenize, "FSTRING_MIDDLE", tokenize.STRING)}
    try:
        return [token.string for token in tokenize.generate_tokens(io.StringIO(code).readline) if token.type in kinds]
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return [code]  # not plain Python: read all of it


def output_text(output):
    parts = [output.get("text", ""), output.get("evalue", ""), output.get("data", {}).get("text/plain", "")]
    return "".join("".join(p) if isinstance(p, list) else p for p in parts)


def learner_text(cell):
    """Everything of a cell a learner reads as words: prose, comments, strings, printed text.

    Names in code (an argument `seed=0`, `torch.manual_seed`) are the API's, not the course's wording."""
    text = source(cell)
    if cell["cell_type"] == "markdown":
        blocks = FENCE.findall(text)
        prose = INLINE_CODE.sub("", FENCE.sub("", text))
        return [prose] + [piece for block in blocks for piece in code_prose(block)]
    if cell["cell_type"] == "code":
        return code_prose(text) + [output_text(out) for out in cell.get("outputs", [])]
    return [text]


def banned_words(cells):
    """[(cell index, word)] for every banned word a learner would read."""
    return [(i, match[0]) for i, cell in enumerate(cells) for piece in learner_text(cell)
            for match in BANNED.finditer(piece)]


# --- the checker ----------------------------------------------------------------------------------------


def opening_problems(cells, number):
    first = source(cells[0]) if cells and cells[0]["cell_type"] == "markdown" else ""
    lines = first.splitlines()
    title = TITLE.match(lines[0]) if lines else None
    if not title or int(title[1]) != number:
        return [f"the first cell must open with `# Lesson {number} · Title`"]
    if OBJECTIVES not in lines:
        return [f'the first cell has no "{OBJECTIVES}" line']
    problems = []
    at = lines.index(OBJECTIVES)
    why = [p for p in "\n".join(lines[1:at]).split("\n\n") if p.strip()]
    if len(why) != 1:
        problems.append(f"between the title and {OBJECTIVES!r} comes one paragraph saying why, not {len(why)}")
    objectives = []
    for line in lines[at + 1:]:
        if not line.startswith("- "):
            break
        objectives.append(line)
    if not 3 <= len(objectives) <= 4:
        problems.append(f'"{OBJECTIVES}" is followed by {len(objectives)} objectives, not 3-4')
    return problems


def calls(tree):
    """Every call in a syntax tree, as (name called, its node): `torch.manual_seed` gives "manual_seed"."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            yield (func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")), node


def setup_problems(cells):
    sections = headings(cells)
    first_section = sections[0][0] if sections else len(cells)
    setup = [cell for cell in cells[:first_section] if cell["cell_type"] == "code"]
    if len(setup) != 1:
        return [f"{len(setup)} code cells before the first section; the template has one setup cell"]
    cell = setup[0]
    problems = []
    try:
        tree = ast.parse(source(cell))
    except SyntaxError:
        return ["the setup cell is not plain Python"]
    if not any(isinstance(node, (ast.Import, ast.ImportFrom)) for node in ast.walk(tree)):
        problems.append("the setup cell imports nothing")
    if not any(name == "manual_seed" for name, _ in calls(tree)):
        problems.append("the setup cell does not call `torch.manual_seed`")
    if not any(name == "print" and any(isinstance(n, ast.Attribute) and n.attr == "__version__"
                                       for n in ast.walk(node)) for name, node in calls(tree)):
        problems.append("the setup cell prints no `__version__`")
    printed = [output_text(out) for out in cell.get("outputs", []) if out.get("name") == "stdout"]
    others = [out["output_type"] for out in cell.get("outputs", []) if out.get("name") != "stdout"]
    lines = "".join(printed).splitlines()
    if not lines or not all(VERSION_LINE.match(line) for line in lines) or others:
        problems.append(f"the setup cell's stored output must be version lines such as `torch 2.13.0`, "
                        f"not {''.join(printed)!r} {others or ''}")
    hidden = cell.get("metadata", {}).get("jupyter", {}).get("source_hidden")
    if hidden or HIDDEN_TAGS & set(cell.get("metadata", {}).get("tags", [])):
        problems.append("the setup cell is hidden")
    return problems


def recap_problems(cells):
    sections = headings(cells)
    if not sections or sections[-1][1].strip() != "## Recap":
        return ["the last section is not `## Recap`"]
    recap = FENCE.sub("", source(cells[sections[-1][0]]).split("## Recap", 1)[1])
    bullets = [line for line in recap.splitlines() if line.startswith("- ")]
    if not 3 <= len(bullets) <= 5:
        return [f"the recap has {len(bullets)} bullets, not 3-5"]
    return []


def next_link_problems(cells, path, number, lessons, readme):
    """The last cell must link to the next lesson's notebook, by its title, or to the README's table of lessons."""
    last = source(cells[-1]) if cells and cells[-1]["cell_type"] == "markdown" else ""
    links = [(m["text"], m["target"]) for m in LINK.finditer(last)]
    following = lessons.get(number + 1)
    if following is None:
        for _, target in links:
            file, _, anchor = target.partition("#")
            if (path.parent / file).resolve() == readme.resolve() and anchor == LESSONS_TABLE:
                if "## The lessons" in readme.read_text().splitlines():
                    return []
                return [f"{readme.name} has no `## The lessons` for the last lesson to link to"]
        return [f"the last cell must link to the table of lessons, "
                f"[…]({Path('..') / readme.name}#{LESSONS_TABLE}), as what comes next"]
    for text, target in links:
        if (path.parent / target.partition("#")[0]).resolve() == following.resolve():
            wanted = title_of(following)
            return [] if text == wanted else [f"the link to {following.name} reads {text!r}, not {wanted!r}"]
    return [f"the last cell has no link to the next lesson's notebook, {following.name}"]


def template_problems(notebook, path, lessons=None, readme=README):
    """Everything in one lesson notebook that breaks the lesson template, as a list of sentences."""
    cells = notebook["cells"]
    number = int(path.name[:2])
    if lessons is None:  # the lessons beside it; a solved notebook's are one folder up
        lessons = lesson_notebooks(path.parent.parent if path.parent.name == "solutions" else path.parent)
    problems = (opening_problems(cells, number) + setup_problems(cells) + recap_problems(cells)
                + next_link_problems(cells, path, number, lessons, readme))
    problems += [f"cell {i} says {word!r} to the learner" for i, word in banned_words(cells)]
    return problems


# --- the lessons ----------------------------------------------------------------------------------------


def load(path):
    return nbformat.read(path, as_version=4)


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.relative_to(NOTEBOOKS).as_posix())
def test_every_lesson_keeps_the_template(path):
    assert template_problems(load(path), path) == []


def test_every_lesson_is_checked():
    numbers = sorted(lesson_notebooks())
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 11, numbers


def exercise_questions(path):
    """The questions a lesson imports (`from autograd_lessons.exercises... import q1, q2`)."""
    found = []
    for cell in load(path).cells:
        if cell.cell_type == "code":
            for node in ast.walk(ast.parse(cell.source)):
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("autograd_lessons.exercises"):
                    module = importlib.import_module(node.module)
                    found += [getattr(module, alias.name) for alias in node.names if alias.name.startswith("q")]
    return found


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.relative_to(NOTEBOOKS).as_posix())
def test_no_exercise_title_hint_or_solution_says_a_banned_word(path):
    for question in exercise_questions(path):
        for text in [question.title, *question.hints, question.solution_code, question.explanation]:
            assert not BANNED.search(INLINE_CODE.sub("", text)), (question.name, text)


def test_the_course_credits_the_notebook_it_grew_from_in_lesson_1_and_the_readme():
    credit = ("Autograd in PyTorch", "Latreche Sara", "code213")
    crediting = [(path.name, i) for path in ALL for i, cell in enumerate(load(path).cells)
                 if cell.cell_type == "markdown" and "Latreche Sara" in cell.source]
    assert crediting == [("01_enabling_autograd.ipynb", 0)], crediting  # once, in Lesson 1's opening
    assert all(word in load(NOTEBOOKS / "01_enabling_autograd.ipynb").cells[0].source for word in credit)
    readme = README.read_text()
    assert readme.count("Latreche Sara") == 1 and all(word in readme for word in credit)


# --- the checker fails where it should: one made-up lesson per broken rule -------------------------------

SETUP = 'import torch\n\ntorch.manual_seed(0)\nprint("torch", torch.__version__.split("+")[0])'


def markdown(text):
    return {"cell_type": "markdown", "metadata": {}, "source": text}


def code(text, printed="", count=1):
    outputs = [{"output_type": "stream", "name": "stdout", "text": printed}] if printed else []
    return {"cell_type": "code", "metadata": {}, "source": text, "outputs": outputs, "execution_count": count}


def good_lesson():
    """A made-up Lesson 2 that keeps every rule, followed by a Lesson 3."""
    return {"cells": [
        markdown("# Lesson 2 · Graphs\n\nOne sentence of why.\n\nBy the end you can:\n- one;\n- two;\n- three."),
        code(SETUP, "torch 2.13.0\n"),
        markdown("## 2.1 A section\n\nSome prose."),
        code("x = torch.tensor(1.0)  # a comment\nprint(x)", "tensor(1.)\n", 2),
        markdown("## Recap\n\n- a;\n- b;\n- c.\n\nNext, [Lesson 3 · Backward](03_backward.ipynb)."),
    ]}


@pytest.fixture
def folder(tmp_path):
    """A course of two made-up lessons and a README, so that links have something to lead to."""
    folder = tmp_path / "notebooks"
    folder.mkdir()
    (folder / "02_graphs.ipynb").write_text(json.dumps(good_lesson()))
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Lesson 3 · Backward")]),
                   folder / "03_backward.ipynb")
    (tmp_path / "README.md").write_text("# A course\n\n## The lessons\n")
    return folder


def check(notebook, folder, name="02_graphs.ipynb"):
    return template_problems(notebook, folder / name, lesson_notebooks(folder), folder.parent / "README.md")


def broken(edit):
    notebook = good_lesson()
    edit(notebook["cells"])
    return notebook


def replace(index, old, new):
    def edit(cells):
        assert old in cells[index]["source"], old
        cells[index]["source"] = cells[index]["source"].replace(old, new)
    return edit


def test_the_made_up_lesson_keeps_the_template(folder):
    assert check(good_lesson(), folder) == []


BROKEN = {
    "no title": (replace(0, "# Lesson 2 · Graphs\n\n", ""), "must open with `# Lesson 2 · Title`"),
    "a title without the dot": (replace(0, "Lesson 2 · Graphs", "Lesson 2: Graphs"), "must open with"),
    "the wrong number": (replace(0, "Lesson 2", "Lesson 3"), "must open with `# Lesson 2 · Title`"),
    "no objectives": (replace(0, "By the end you can:", "You will learn:"), 'no "By the end you can:" line'),
    "no why": (replace(0, "One sentence of why.\n\n", ""), "one paragraph saying why, not 0"),
    "five objectives": (replace(0, "- three.", "- three;\n- four;\n- five."), "5 objectives, not 3-4"),
    "no setup cell": (lambda cells: cells.pop(1), "0 code cells before the first section"),
    "two setup cells": (lambda cells: cells.insert(2, code("import math", count=1)), "2 code cells before"),
    "a setup cell that imports nothing": (replace(1, "import torch\n", ""), "imports nothing"),
    "no seed": (replace(1, "torch.manual_seed(0)\n", ""), "does not call `torch.manual_seed`"),
    "no version printed": (replace(1, 'print("torch", torch.__version__.split("+")[0])', ""), "prints no"),
    "a version line with a path": (lambda cells: cells[1]["outputs"][0].update(text="torch 2.13.0 /usr/lib\n"),
                                   "must be version lines"),
    "a timing in the setup output": (lambda cells: cells[1]["outputs"][0].update(text="took 0.3 s\n"),
                                     "must be version lines"),
    "a hidden setup cell": (lambda cells: cells[1]["metadata"].update(jupyter={"source_hidden": True}), "hidden"),
    "no recap": (replace(4, "## Recap", "## 2.2 Summary"), "the last section is not `## Recap`"),
    "a recap of two bullets": (replace(4, "- c.\n", ""), "2 bullets, not 3-5"),
    "a recap of six bullets": (replace(4, "- c.\n", "- c;\n- d;\n- e;\n- f.\n"), "6 bullets, not 3-5"),
    "a next that is not a link": (replace(4, "[Lesson 3 · Backward](03_backward.ipynb)", "Lesson 3"),
                                  "no link to the next lesson's notebook, 03_backward.ipynb"),
    "a link to the wrong lesson": (replace(4, "(03_backward.ipynb)", "(02_graphs.ipynb)"), "no link to the next"),
    "a link to a notebook that is not there": (replace(4, "(03_backward.ipynb)", "(03_backwards.ipynb)"),
                                              "no link to the next"),
    "a link that is not the next lesson's title": (replace(4, "Lesson 3 · Backward]", "Lesson 3]"),
                                                   "reads 'Lesson 3', not 'Lesson 3 · Backward'"),
    "the link not in the last cell": (lambda cells: cells.append(markdown("Save your work.")), "no link to the next"),
    "seed in the prose": (replace(2, "Some prose.", "The seed example, unchanged."), "cell 2 says 'seed'"),
    "original notebook in the prose": (replace(2, "Some prose.", "As in the Original Notebook."),
                                       "cell 2 says 'Original Notebook'"),
    "seed in a comment": (replace(3, "# a comment", "# Seed example"), "cell 3 says 'Seed'"),
    "seed in a string": (replace(3, "print(x)", 'print("seed", x)'), "cell 3 says 'seed'"),
    "seed in a printed output": (lambda cells: cells[3]["outputs"][0].update(text="the seed said 1\n"),
                                 "cell 3 says 'seed'"),
    "seed in a code block of the recap": (replace(4, "- a;", "- a;\n\n```python\nx = 1  # as the seed did\n```\n"),
                                          "cell 4 says 'seed'"),
}


@pytest.mark.parametrize("rule", BROKEN)
def test_the_checker_fails_a_lesson_that_breaks_a_rule(rule, folder):
    edit, expected = BROKEN[rule]
    problems = check(broken(edit), folder)
    assert any(expected in problem for problem in problems), problems


def test_names_in_code_are_not_wording(folder):
    notebook = broken(replace(3, "print(x)", "torch.manual_seed(1)\nX = two_moons(seed=0)"))
    notebook["cells"][2]["source"] += " `two_moons(seed=0)` draws the same points every time."
    assert check(notebook, folder) == []


def test_the_last_lesson_links_to_the_table_of_lessons(folder):
    notebook = broken(replace(4, "[Lesson 3 · Backward](03_backward.ipynb)", "the [lessons](../README.md#the-lessons)"))
    (folder / "03_backward.ipynb").unlink()
    assert check(notebook, folder) == []
    assert check(good_lesson(), folder) == [
        "the last cell must link to the table of lessons, […](../README.md#the-lessons), as what comes next"]
    notebook = broken(replace(4, "[Lesson 3 · Backward](03_backward.ipynb)", "the [lessons](../README.md)"))
    assert check(notebook, folder) != []


def test_a_solved_notebook_links_from_its_own_folder(folder):
    (folder / "solutions").mkdir()
    solved = broken(replace(4, "(03_backward.ipynb)", "(../03_backward.ipynb)"))
    solved["cells"].insert(1, markdown("**This is the solved version.**"))
    assert template_problems(solved, folder / "solutions" / "02_graphs.ipynb", readme=folder.parent / "README.md") == []
    unmoved = good_lesson()
    assert template_problems(unmoved, folder / "solutions" / "02_graphs.ipynb", readme=folder.parent / "README.md")
