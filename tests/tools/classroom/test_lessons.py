"""lessons.py finds every lesson with checked exercises, and each exercise cell's learner version and solution."""

from tools.classroom.lessons import Exercise, lessons, split_check


def test_every_question_of_every_lesson_with_exercises_has_its_exercise_cell():
    found = lessons()
    assert found[0].name == "06_practice_exercises" and len(found) >= 6
    for lesson in found:
        assert [exercise.question.name for exercise in lesson.exercises] == sorted(
            lesson.questions, key=lambda name: int(name[1:])), lesson.name


def test_lesson_6s_answer_lines_are_the_learner_notebooks_placeholders_and_its_solutions_the_solved_cells():
    lesson = lessons()[0]
    q1 = lesson.exercises[0]
    assert q1.learner.splitlines()[0].startswith("x = ...") and "# ✎" in q1.learner
    assert "x = torch.tensor(2.0, requires_grad=True)" in q1.solution and q1.check == "q1.check(answer)"
    assert not any("solved version" in getattr(cell, "source", "") for cell in lesson.cells
                   if not isinstance(cell, Exercise) and cell.cell_type == "markdown")


def test_later_lessons_answer_cells_come_from_the_notebook_and_their_solutions_from_the_question():
    lesson = next(lesson for lesson in lessons() if lesson.stem == "build_your_own_autograd")
    q1 = lesson.exercises[0]
    assert "self.grad += ..." in q1.learner and q1.solution == q1.question.solution_code


def test_a_cell_is_an_exercise_only_when_its_last_line_is_a_check():
    assert split_check("x = 1\nq3.check(x, y)\n") == ("x = 1", "q3", "q3.check(x, y)")
    assert split_check("q3.check(x)\nprint(1)") is None and split_check("# q1.hint()") is None
