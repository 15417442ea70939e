"""The nbgrader cycle through the hub: the instructor's commands as the instructor, the learners' from their servers.

The instructor works as an instructor does on a hub with local users: in a terminal of their own server, from
their clone of the course (~/autograd-lessons, pulled at their server's start), with the course directory in
their home. Here that terminal is ``runuser`` as their system user, with the environment the hub gives their server
(nothing of root's). The class tools are the course's own (python -m tools.classroom, make test-grading's tools).

A learner fetches and submits as the Assignments tab does: a request to nbgrader's assignment_list endpoints in
their own server, through the hub's proxy, with their own token. Their answers are written through their server's
contents API, as their JupyterLab saves a notebook. So each submission is made by the learner's own process and
user, and nbgrader names it after that user.
"""

import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

from tests.grading.cycle import learner_answer_cell, learner_answer_prelude, solved_answers
from tests.learner_answers import practice_exercises as practice_answers

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
COURSE_ID = "autograd"
ASSIGNMENT = "06_practice_exercises"


class Instructor:
    """The instructor's terminal: commands run as their system user, timed by step."""

    def __init__(self, name, home, exchange, times):
        self.name, self.home, self.times = name, Path(home), times
        self.course, self.clone = self.home / "course", self.home / "autograd-lessons"
        self.env = {"HOME": str(home), "USER": name, "LOGNAME": name, "LANG": "C.UTF-8",
                    "PATH": f"{BIN}:/usr/local/bin:/usr/bin:/bin", "PYTHONPATH": str(self.clone),
                    "JUPYTER_CONFIG_PATH": str(ROOT / "tools" / "hub" / "learner_config"),
                    "AUTOGRAD_LESSONS_EXCHANGE": str(exchange)}

    def run(self, step, *command, cwd=None, timeout=1800):
        """Run a command as the instructor (in the course directory unless told), record its time; return output."""
        environment = [f"{key}={value}" for key, value in self.env.items()]
        start = time.monotonic()
        done = subprocess.run(["runuser", "-u", self.name, "--", "env", "-i", *environment, *command],
                              cwd=cwd or self.course, capture_output=True, text=True, timeout=timeout,
                              stdin=subprocess.DEVNULL)
        self.times.setdefault(step, []).append(time.monotonic() - start)
        output = done.stdout + done.stderr
        assert done.returncode == 0, f"{step} failed ({done.returncode}):\n{output[-4000:]}"
        return output

    def nbgrader(self, step, *args):
        """One nbgrader subcommand, in the course directory."""
        return self.run(step, str(BIN / "nbgrader"), step, *args)

    def write_assignment(self, exchange):
        """The graded Lesson 6 from the course's exercises, and the course's nbgrader settings (id, exchange)."""
        self.run("mkdir", "mkdir", "-p", str(self.course), cwd=self.home)
        output = self.run("write assignment", str(BIN / "python"), "-m", "tools.classroom", "assignments",
                          str(self.course), "--lesson", ASSIGNMENT[:2], cwd=self.clone)
        with open(self.course / "nbgrader_config.py", "a") as config:  # the instructor's file; appending keeps it so
            config.write(f'c.CourseDirectory.course_id = "{COURSE_ID}"\nc.Exchange.root = "{exchange}"\n')
        return output

    def report(self, out):
        """The class report, with the course's tool, from the instructor's clone."""
        return self.run("report", str(BIN / "python"), "-m", "tools.classroom", "report", str(self.course),
                        "--out", str(out), "--title", "A class of three on the hub", cwd=self.clone)


class LearnerServer:
    """One learner's own server, reached through the hub's proxy with their own token."""

    def __init__(self, hub, name, times):
        self.hub, self.name, self.times = hub, name, times
        self.token = hub.user_token(name)
        self.base = f"{hub.url}/user/{name}"

    def call(self, step, method, path, body=None, **query):
        """A request to the learner's server, timed under step; returns its JSON answer."""
        url = f"{self.base}{path}" + (f"?{urllib.parse.urlencode(query)}" if query else "")
        start = time.monotonic()
        answer = self.hub.request(method, url, body, token=self.token, timeout=600)
        self.times.setdefault(step, []).append(time.monotonic() - start)
        return answer

    def fetch(self):
        """The Assignments tab's Fetch: the released notebook into ~/06_practice_exercises/."""
        return self.call("fetch (learner's server)", "POST", "/assignments/fetch", course_id=COURSE_ID,
                         assignment_id=ASSIGNMENT)

    def submit(self):
        """The Assignments tab's Submit."""
        return self.call("submit (learner's server)", "POST", "/assignments/submit", course_id=COURSE_ID,
                         assignment_id=ASSIGNMENT)

    def fetch_feedback(self):
        """The Assignments tab's Fetch Feedback."""
        return self.call("fetch feedback (learner's server)", "POST", "/assignments/fetch_feedback",
                         course_id=COURSE_ID, assignment_id=ASSIGNMENT)

    def answer(self, sources):
        """Write answer cells ({grade_id: source}; '_prelude' is a cell inserted after the first) and save."""
        path = f"/api/contents/{ASSIGNMENT}/{ASSIGNMENT}.ipynb"
        notebook = self.call("open the notebook", "GET", path, content=1)["content"]
        for cell in notebook["cells"]:
            grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
            if grade_id in sources:
                cell["source"] = sources[grade_id]
        if "_prelude" in sources:
            notebook["cells"].insert(1, {"cell_type": "code", "metadata": {}, "source": sources["_prelude"],
                                         "outputs": [], "execution_count": None})
        self.call("save the notebook", "PUT", path, {"type": "notebook", "format": "json", "content": notebook})


def answers_of(kind, lesson, wrong_answer):
    """{grade_id: source} a learner writes: 'solved' (every answer), 'untouched' (none), 'half' (q1-q5 wrong)."""
    if kind == "untouched":
        return {}
    answers = solved_answers(lesson)
    if kind == "half":
        for exercise in lesson.exercises[:5]:
            name = exercise.question.name
            answers[f"{name}_answer"] = learner_answer_cell(wrong_answer(name), exercise.question, exercise.check)
        answers["_prelude"] = learner_answer_prelude(practice_answers)
    return answers

