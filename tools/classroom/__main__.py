"""``python -m tools.classroom``: the command line of the class tools (see tools/classroom/__init__.py)."""

import argparse
import sys
from pathlib import Path


def list_lessons(args):
    """Print every lesson with checked exercises and its questions."""
    from .lessons import lessons
    for lesson in lessons():
        print(f"{lesson.name}: {', '.join(exercise.question.name for exercise in lesson.exercises)}")
    return 0


def assignments(args):
    """Write the source assignments (all lessons, or those asked for) and the course's nbgrader settings."""
    from .assignments import write_assignment, write_settings
    from .lessons import lessons
    chosen = [lesson for lesson in lessons()
              if not args.lesson or any(lesson.name.startswith(prefix) for prefix in args.lesson)]
    if not chosen:
        print(f"no lesson with checked exercises matches {args.lesson}", file=sys.stderr)
        return 2
    for lesson in chosen:
        path, bare = write_assignment(lesson, args.course, hints=not args.no_hints, points=args.points)
        print(f"wrote {path}")
        for name in bare:
            print(f"  {name} has no hidden test: a learner who patches its checker would get its points "
                  "(add one in tools/classroom/hidden_tests.py)", file=sys.stderr)
    print(f"wrote the course's settings into {write_settings(args.course)}")
    return 0


def report(args):
    """Read the autograded submissions and write the class report."""
    from .report import read_submissions
    from .report_page import write_page
    results = read_submissions(args.submissions)
    out = write_page(results, args.out, title=args.title)
    print(f"wrote {out}: {results.learner_count} learners, {len(results.questions)} questions")
    return 0


def main(argv=None):
    """Parse the command line and run one of the class tools."""
    parser = argparse.ArgumentParser(prog="python -m tools.classroom", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("lessons", help="list the lessons with checked exercises").set_defaults(run=list_lessons)
    made = commands.add_parser("assignments", help="write nbgrader source assignments into a course directory")
    made.add_argument("course", type=Path, help="the nbgrader course directory (its source/ is written)")
    made.add_argument("--lesson", action="append", help="a notebook's name or number prefix, e.g. 06 (repeatable)")
    made.add_argument("--no-hints", action="store_true", help="turn qN.hint() off as well as qN.solution()")
    made.add_argument("--points", type=float, default=1, help="points per question (default 1)")
    made.set_defaults(run=assignments)
    told = commands.add_parser("report", help="write the class report from autograded submissions")
    told.add_argument("submissions", type=Path, help="the course directory, or its autograded/ folder")
    told.add_argument("--out", type=Path, default=Path("class-report.html"), help="the HTML page to write")
    told.add_argument("--title", default="What the class got wrong", help="the page's title")
    told.set_defaults(run=report)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
