"""report.py reads autograded test cells into outcomes per learner and question, and counts the causes."""

import nbformat

from tools.classroom.report import explanation, read_submissions


def graded_cell(name, printed, error=None):
    """An autograded test cell that printed `printed` and maybe raised."""
    cell = nbformat.v4.new_code_cell(f"_verdict = {name}.grade(answer)")
    cell.metadata["nbgrader"] = {"grade": True, "grade_id": f"{name}_test", "locked": True, "points": 1,
                                 "solution": False, "schema_version": 3, "task": False}
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=printed)]
    if error:
        cell.outputs.append(nbformat.v4.new_output("error", ename=error, evalue="hidden test: no", traceback=[]))
    return cell


def verdict(name, status, cause=None):
    lines = f"✗ text\nquestion: practice_exercises.{name}\nverdict: {status}\n"
    return lines + (f"cause: {cause}\n" if cause else "")


def write(folder, student, cells, assignment="06_practice_exercises"):
    path = folder / "autograded" / student / assignment / f"{assignment}.ipynb"
    path.parent.mkdir(parents=True)
    nbformat.write(nbformat.v4.new_notebook(cells=cells), path)


def test_each_learners_answer_becomes_one_outcome_and_the_wrong_ones_are_counted_by_cause(tmp_path):
    write(tmp_path, "ada", [graded_cell("q1", verdict("q1", "correct")),
                            graded_cell("q2", verdict("q2", "incorrect", "gradients-swapped"), "AssertionError")])
    write(tmp_path, "bob", [graded_cell("q1", verdict("q1", "incorrect", "gradients-added-twice"), "AssertionError"),
                            graded_cell("q2", verdict("q2", "incorrect", "gradients-swapped"), "AssertionError")])
    write(tmp_path, "cy", [graded_cell("q1", verdict("q1", "correct"), "AssertionError"),  # the hidden test refused
                           graded_cell("q2", "", "NameError")])
    write(tmp_path, "di", [graded_cell("q2", verdict("q2", "not attempted"), "AssertionError")])  # q1's cell deleted
    results = read_submissions(tmp_path)
    assert results.learner_count == 4 and results.questions == ["practice_exercises.q1", "practice_exercises.q2"]
    q1, q2 = (results.kinds(key) for key in results.questions)
    assert (q1["right"], q1["wrong"], q1["hidden test failed"], q1["no verdict"]) == (1, 1, 1, 1)
    assert (q2["wrong"], q2["no verdict"], q2["not attempted"]) == (2, 1, 1)
    assert results.causes("practice_exercises.q2") == {"gradients-swapped": 2}


def test_a_cause_is_explained_in_the_courses_words():
    assert "in each other's place" in explanation("practice_exercises.q2", "gradients-swapped")
    assert "could not be read" in explanation("practice_exercises.q2", "not-checkable")
    assert "patched checker" in explanation("practice_exercises.q2", "hidden test failed")
