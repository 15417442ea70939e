"""What a learner reads off Lesson 7's or Lesson 8's stepper: every count it shows, to check that they agree."""

import re


def count_on_screen(explorer):
    """Return the step each part of a stepper shows (slider, readout, message, lit line, lit box), and of how many."""
    readout = re.search(r">step</td><td[^>]*>(\d+) of (\d+)<", explorer.readout.value)
    message = re.search(r"Step (\d+) of (\d+)", explorer.message.value)
    lit_line = re.search(r'background:#fff3c4">(\d+)\.', explorer.lines.value)
    ringed = [key for key, ring in explorer.artists["rings"].items() if ring.get_visible()]
    number = {step.key: step.number for step in explorer.trace.steps}
    totals = {explorer.step.max, int(readout.group(2))} | ({int(message.group(2))} if message else set())
    return {
        "slider": explorer.step.value,
        "readout": int(readout.group(1)),
        "message": int(message.group(1)) if message else 0 if "Before backward" in explorer.message.value else None,
        "lit line": int(lit_line.group(1)) if lit_line else 0,
        "lit box": number[ringed[0]] if len(ringed) == 1 else 0 if not ringed else None,
        "of": totals,
    }
