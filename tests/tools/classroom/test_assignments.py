"""assignments.py: an nbgrader source notebook from a lesson, the course's settings; the extra kept from learners."""

import re
import tomllib

from tools.classroom.assignments import BEGIN, END, assignment_notebook, write_settings
from tools.classroom.lessons import ROOT, lessons


def notebook(hints=True, lesson=0):
    kernel = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return assignment_notebook(lessons()[lesson], {"kernelspec": kernel}, hints)


def by_id(nb):
    return {cell.metadata["nbgrader"]["grade_id"]: cell for cell in nb.cells if "nbgrader" in cell.metadata}


def test_each_exercise_is_an_answer_cell_then_a_locked_test_cell_worth_its_points():
    cells = notebook().cells
    for index, cell in enumerate(cells):
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):
            test = cells[index + 1].metadata["nbgrader"]
            assert not meta["locked"] and not meta["grade"]
            assert test["grade"] and test["locked"] and test["points"] == 1
            assert test["grade_id"] == meta["grade_id"].replace("_answer", "_test")
    assert len([cell for cell in cells if cell.metadata.get("nbgrader", {}).get("grade")]) == 10


def test_the_answer_cell_keeps_the_learners_placeholders_and_hides_the_solution_between_nbgraders_markers():
    q1 = by_id(notebook())["q1_answer"].source
    learner, rest = q1.split("### BEGIN SOLUTION\n")
    solution, check = rest.split("\n### END SOLUTION\n")
    assert learner.startswith("x = ...") and "torch.tensor(2.0" in solution and check == "q1.check(answer)"


def test_the_test_cell_asks_the_checker_then_a_hidden_test_that_does_not():
    test = by_id(notebook())["q2_test"].source
    visible, hidden = test.split("### BEGIN HIDDEN TESTS\n")
    assert "_verdict = q2.grade(dz_dx, dz_dy)" in visible and "from autograd_lessons.exercises.practice_exercises" \
        in visible
    assert hidden.rstrip().endswith("### END HIDDEN TESTS") and "q2" not in hidden.replace("dz_dx", "")


def test_the_setup_cell_is_locked_comes_first_and_says_whether_hints_stay():
    for hints in (True, False):
        cells = notebook(hints).cells
        first_code = next(cell for cell in cells if cell.cell_type == "code")
        assert first_code.metadata["nbgrader"]["locked"] and f"graded_assignment(hints={hints})" in first_code.source


def test_no_cell_carries_the_lessons_stored_outputs():
    assert all(not cell.get("outputs") for lesson in range(len(lessons())) for cell in notebook(lesson=lesson).cells)


def test_the_course_settings_go_between_markers_and_the_instructors_own_lines_stay(tmp_path):
    config = tmp_path / "nbgrader_config.py"
    config.write_text('c = get_config()\nc.CourseDirectory.course_id = "week3"\n')
    write_settings(tmp_path)
    write_settings(tmp_path)
    text = config.read_text()
    assert text.count(BEGIN) == 1 and text.count(END) == 1 and 'course_id = "week3"' in text
    assert 'c.ClearSolutions.code_stub = {"python": ""}' in text


def test_a_learners_install_never_pulls_the_instructors_extra():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    learner = project["dependencies"] + project["optional-dependencies"]["lab"] + project["optional-dependencies"]["test"]
    assert not [spec for spec in learner if re.match(r"(nbgrader|notebook|jupyterhub)\b", spec)]
    assert {re.split(r"[=<>]", spec)[0] for spec in project["optional-dependencies"]["class"]} == {
        "nbgrader", "jupyterhub", "nbgitpuller", "jupyter-repo2docker"}  # grading, and a class on a hub
    makefile = (ROOT / "Makefile").read_text()
    stamp = makefile.split("$(STAMP): pyproject.toml")[1].split("\n\n")[0]
    assert "'.[lab,test]'" in stamp and "class" not in stamp
