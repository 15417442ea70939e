"""Lesson 6 in its two versions: the solved notebook is the source, the learner's is generated from it.

The generated file must be what tools/make_learner_notebook.py writes now; its ✎ lines
must hold placeholders only; the stored outputs must say "correct" under every check of
the solved version and "not attempted" under every check of the learner's version.
nbval (make test) re-runs both notebooks against those outputs.
"""

import importlib.util
import re
from pathlib import Path

import nbformat
import pytest

from autograd_lessons.exercises import q1, q2, q3, q4, q5, q6, q7, q8, q9, q10

ROOT = Path(__file__).resolve().parents[2]
QUESTIONS = [q1, q2, q3, q4, q5, q6, q7, q8, q9, q10]
CHECK_LINE = re.compile(r"^(q\d+)\.check\(.*\)$")
LESSON_LINK = re.compile(r"\]\((?:\.\./)?(0[1-5]_\w+\.ipynb)\)")


def load_tool():
    spec = importlib.util.spec_from_file_location("make_learner_notebook", ROOT / "tools" / "make_learner_notebook.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


tool = load_tool()
SOLVED = nbformat.read(tool.SOLVED, as_version=4)
LEARNER = nbformat.read(tool.LEARNER, as_version=4)
VERSIONS = {"solved": (tool.SOLVED, SOLVED), "learner": (tool.LEARNER, LEARNER)}


def check_cells(notebook):
    """Return {question name: the code cell that ends with its check}."""
    cells = {}
    for cell in notebook.cells:
        last = cell.source.strip().splitlines()[-1] if cell.cell_type == "code" and cell.source.strip() else ""
        if match := CHECK_LINE.match(last):
            cells[match[1]] = cell
    return cells


def code_lines(source):
    """The lines of code, without comments or blank lines."""
    lines = [line.split("  #")[0].rstrip() for line in source.splitlines()]
    return [line for line in lines if line.strip() and not line.lstrip().startswith("#")]


# --- one source, two notebooks --------------------------------------------------------------------


def test_the_committed_learner_notebook_is_what_the_script_generates():
    fresh = tool.learner_notebook(SOLVED)
    assert tool.cell_summary(LEARNER) == tool.cell_summary(fresh), "run `make exercises` and commit both notebooks"


def test_the_script_check_mode_agrees(capsys, tmp_path, monkeypatch):
    """`--check`, through main(): a new interpreter took 1.5 s here, mostly importing nbformat's validators."""
    assert tool.main(["--check"]) == 0, capsys.readouterr().err
    assert "is up to date" in capsys.readouterr().out
    stale = nbformat.read(tool.LEARNER, as_version=4)
    stale.cells[-1].source += "\n# edited by hand"
    nbformat.write(stale, tmp_path / "06_practice_exercises.ipynb")
    monkeypatch.setattr(tool, "ROOT", tmp_path)
    monkeypatch.setattr(tool, "LEARNER", tmp_path / "06_practice_exercises.ipynb")
    assert tool.main(["--check"]) == 1
    assert "06_practice_exercises.ipynb is out of date: run `make exercises`" in capsys.readouterr().err


def test_the_learner_notebook_holds_placeholders_where_the_solved_one_holds_solutions():
    solved_cells, learner_cells = check_cells(SOLVED), check_cells(LEARNER)
    assert sorted(solved_cells) == sorted(learner_cells) == sorted(q.name for q in QUESTIONS)
    for name, cell in learner_cells.items():
        marked = [line for line in cell.source.splitlines() if "# ✎" in line]
        assert marked, name
        for line in marked:
            assert re.fullmatch(r"\s*(\w+ = )?\.\.\.\s+# ✎ .+", line), (name, line)
        assert len(marked) == sum("# ✎" in line for line in solved_cells[name].source.splitlines()), name


def test_the_learner_notebook_shows_no_solution_code():
    solved_cells, learner_cells = check_cells(SOLVED), check_cells(LEARNER)
    for question in QUESTIONS:
        answers = [line for line in solved_cells[question.name].source.splitlines() if "# ✎" in line]
        learner_code = code_lines(learner_cells[question.name].source)
        for line in code_lines("\n".join(answers)):
            assert line not in learner_code, (question.name, line)


def test_every_solution_shown_on_demand_is_the_solved_notebooks_code():
    cells = check_cells(SOLVED)
    for question in QUESTIONS:
        cell_code = code_lines(cells[question.name].source)
        for line in code_lines(question.solution_code):
            assert line in cell_code, (question.name, line)


@pytest.mark.parametrize("version", VERSIONS)
def test_every_check_has_a_help_cell_under_it(version):
    cells = VERSIONS[version][1].cells
    for index, cell in enumerate(cells):
        last = cell.source.strip().splitlines()[-1] if cell.cell_type == "code" and cell.source.strip() else ""
        if match := CHECK_LINE.match(last):
            name = match[1]
            assert cells[index + 1].source == f"# {name}.hint()\n# {name}.solution()", name


# --- what the stored outputs say -------------------------------------------------------------------


def verdicts(notebook):
    """Return {question name: (text/plain, text/html)} of each check cell's stored result."""
    found = {}
    for name, cell in check_cells(notebook).items():
        results = [out for out in cell.outputs if out.output_type == "execute_result"]
        assert len(results) == 1, f"{name}: the check shows no result (is it the cell's last line?)"
        found[name] = (results[0].data["text/plain"], results[0].data["text/html"])
    return found


def test_every_check_in_the_solved_notebook_says_correct():
    for name, (text, page) in verdicts(SOLVED).items():
        assert text.startswith("✓ Correct: "), (name, text)
        assert "✓ Correct:" in page and "#e6f4ea" in page, name


def test_every_check_in_the_learner_notebook_says_not_attempted():
    for name, (text, page) in verdicts(LEARNER).items():
        assert text.startswith("… Not attempted: "), (name, text)
        assert "Not attempted:" in page, name


def test_the_learner_notebooks_outputs_give_nothing_away():
    for cell in LEARNER.cells:
        for output in cell.get("outputs", []):
            text = output.get("text", "") + "".join(output.get("data", {}).values())
            assert "Correct" not in text.replace("Incorrect", "") and "Solution" not in text


# --- the lesson around the exercises ---------------------------------------------------------------


@pytest.mark.parametrize("version", VERSIONS)
def test_it_keeps_the_lesson_layout(version):
    cells = VERSIONS[version][1].cells
    assert cells[0].source.startswith("# Lesson 6 · Practice exercises") and "By the end you can" in cells[0].source
    setup = next(cell for cell in cells if cell.cell_type == "code")
    assert "from autograd_lessons.exercises import " + ", ".join(q.name for q in QUESTIONS) in setup.source
    headings = [line for cell in cells if cell.cell_type == "markdown"
                for line in cell.source.splitlines() if line.startswith("## ")]
    assert headings[0] == "## How the exercises work" and headings[-1] == "## Recap"
    assert [h.split()[1] for h in headings[1:-1]] == [f"6.{n}" for n in range(1, 11)]


@pytest.mark.parametrize("version", VERSIONS)
def test_every_exercise_links_back_to_the_lesson_it_practises(version):
    cells = VERSIONS[version][1].cells
    exercises = [cell.source for cell in cells if cell.cell_type == "markdown" and cell.source.startswith("## 6.")]
    assert len(exercises) == 10
    for text in exercises:
        assert LESSON_LINK.search(text), text.splitlines()[0]


@pytest.mark.parametrize("version", VERSIONS)
def test_every_relative_link_leads_to_a_file(version):
    path, notebook = VERSIONS[version]
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for target in re.findall(r"\]\(([^)\s]+)\)", cell.source):
                if not re.match(r"^([a-z]+:|#)", target):
                    assert (path.parent / target).exists(), (version, target)


def test_the_seed_exercises_keep_their_functions_and_values():
    text = "\n".join(cell.source for cell in SOLVED.cells)
    for seed in ("y = 3x^3 - 4x", "x = 2.0", "z = x^2 y + 5y", "x = 1.0", "y = 2.0", "x = 3.0", "y = 2x^2",
                 "f(x, y, z) = xy + yz + xz"):
        assert seed in text, seed


# --- the generator's rules, one by one ------------------------------------------------------------


def test_an_assignment_keeps_its_name_and_a_statement_becomes_dots():
    source = ("x = torch.tensor(2.0, requires_grad=True)  # ✎ x = 2.0, tracked\n"
              "y.backward()                               # ✎ the backward pass\n"
              "q1.check(x)")
    assert tool.learner_source(source) == ("x = ...  # ✎ x = 2.0, tracked\n"
                                           "...      # ✎ the backward pass\n"
                                           "q1.check(x)")


def test_a_marked_block_becomes_one_line_in_line_with_the_other_comments():
    source = ("w = torch.tensor(1.0, requires_grad=True)\n"
              "loss = (w - 3)**2        # a comment\n"
              "with torch.no_grad():    # ✎ the update\n"
              "    w -= 0.1 * w.grad\n"
              "\n"
              "    w.grad = None\n"
              "q10.check(w)")
    assert tool.learner_source(source) == ("w = torch.tensor(1.0, requires_grad=True)\n"
                                           "loss = (w - 3)**2        # a comment\n"
                                           "...                      # ✎ the update\n"
                                           "q10.check(w)")


def test_unmarked_code_and_comments_stay():
    source = "# ✎ lines are yours\nx = 1  # a comment with ✎ inside\nprint('# ✎')"
    assert tool.learner_source(source) == source


def test_a_marked_line_cannot_unpack_into_several_names():
    with pytest.raises(ValueError, match="unpack"):
        tool.learner_source("a, b = 1, 2  # ✎ two numbers")


def test_links_are_rewritten_to_point_at_the_same_files():
    text = ("[Lesson 3](../03_backward.ipynb), [solved](06_practice_exercises.ipynb), [web](https://pytorch.org), "
            "[here](#top)")
    assert tool.relink(text) == ("[Lesson 3](03_backward.ipynb), [solved](solutions/06_practice_exercises.ipynb), "
                                 "[web](https://pytorch.org), [here](#top)")


def test_a_learner_only_sentence_is_hidden_in_the_solved_notebook_and_shown_in_the_learners():
    cell = tool.nbformat.v4.new_markdown_cell("Done?\n<!-- learner: Compare with the [solved version](06_x.ipynb). -->")
    notebook = tool.nbformat.v4.new_notebook(cells=[cell])
    assert tool.learner_notebook(notebook).cells[0].source == "Done?\nCompare with the [solved version](solutions/06_x.ipynb)."


def test_the_solved_notebook_never_links_to_itself_where_it_shows():
    for cell in SOLVED.cells:
        shown = tool.LEARNER_ONLY.sub("", cell.source) if cell.cell_type == "markdown" else ""
        shown = re.sub(r"<!--.*?-->", "", shown, flags=re.S)
        assert "](06_practice_exercises.ipynb)" not in shown, shown


def test_solutions_only_cells_are_dropped_and_outputs_removed():
    assert any("solutions-only" in cell.metadata.get("tags", []) for cell in SOLVED.cells)
    fresh = tool.learner_notebook(SOLVED)
    assert not any("solutions-only" in cell.metadata.get("tags", []) for cell in fresh.cells)
    assert all(not cell.outputs and cell.execution_count is None for cell in fresh.cells if cell.cell_type == "code")
    assert any(cell.get("outputs") for cell in SOLVED.cells if cell.cell_type == "code")


def lesson_headings():
    """Return {"3.6": "## 3.6 When the output ...", ...} from the five lessons."""
    headings = {}
    for path in sorted((ROOT / "notebooks").glob("0[1-5]_*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            for line in cell.source.splitlines() if cell.cell_type == "markdown" else []:
                if match := re.match(r"## (\d\.\d+) ", line):
                    headings[match[1]] = line
    return headings


def test_every_section_the_exercises_point_to_exists():
    texts = [path.read_text() for path in (ROOT / "autograd_lessons" / "exercises").glob("*.py")]
    texts += [cell.source for cell in SOLVED.cells]
    cited = {number for text in texts for mention in re.findall(r"sections? \d\.\d+(?:(?:,| and| to) \d\.\d+)*", text)
             for number in re.findall(r"\d\.\d+", mention)}
    assert len(cited) >= 10
    assert cited <= set(lesson_headings()), sorted(cited - set(lesson_headings()))
