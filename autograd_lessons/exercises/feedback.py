"""How a verdict, a hint or a solution looks under a cell: a coloured box (standard library only).

Introduced with the exercises of Lesson 6. Jupyter shows an object through its
``_repr_html_`` (here a box: green correct, red incorrect, grey not attempted,
purple pick-other-values, blue hint, amber solution) and falls back on ``__repr__`` (the same words as plain
text, "✓ Correct: …"). Both are built from the text alone, with no ids, timestamps
or addresses, so re-running a cell gives the same bytes and nbval can compare them.
Colours are explicit, text and background alike, so a box reads the same in
JupyterLab's light and dark themes. Text in `backticks` is shown as code.
"""

import html
import re

# kind -> (symbol, title, background, left border, text colour, code background)
STYLES = {
    "correct": ("✓", "Correct", "#e6f4ea", "#1e8e3e", "#0d3b1e", "#cde9d6"),
    "incorrect": ("✗", "Incorrect", "#fce8e6", "#d93025", "#5c1410", "#f6d0cc"),
    "not attempted": ("…", "Not attempted", "#f1f3f4", "#80868b", "#202124", "#dfe1e5"),
    "pick other values": ("↻", "Pick other values", "#f3e8fd", "#8430ce", "#3b0a63", "#e4d0f8"),
    "hint": ("?", "Hint", "#e8f0fe", "#1a73e8", "#0b2a5b", "#d2e3fc"),
    "solution": ("»", "Solution", "#fef7e0", "#e37400", "#3d2600", "#fbe7b5"),
}
BACKTICKS = re.compile(r"`([^`]+)`")


def inline_html(text, code_background):
    """Escape text for HTML and show each `backticked` part in code font."""
    style = (f"background-color:{code_background};color:inherit;padding:0 3px;border-radius:3px;"
             "font-family:monospace;font-size:0.95em")
    return BACKTICKS.sub(lambda m: f'<code style="{style}">{m.group(1)}</code>', html.escape(text, quote=False))


def box_html(kind, heading, body_html):
    """Return the coloured box of the given kind, with a bold heading and the (already escaped) body."""
    symbol, _, background, border, colour, _ = STYLES[kind]
    return (f'<div style="background-color:{background};color:{colour};border-left:5px solid {border};'
            f'border-radius:4px;padding:6px 12px;margin:2px 0;line-height:1.5">'
            f"<strong>{symbol} {html.escape(heading)}:</strong> {body_html}</div>")


class Feedback:
    """What ``qN.check(...)`` shows: the status and message of a checking Result, as a coloured box."""

    def __init__(self, result):
        self.result = result

    @property
    def status(self):
        """"correct", "incorrect", "not attempted" or "pick other values"."""
        return self.result.status

    @property
    def message(self):
        """The text for the learner: why the answer is right, or what went wrong and what to do."""
        return self.result.message

    @property
    def correct(self):
        """True when the answer is right."""
        return self.result.status == "correct"

    def _repr_html_(self):
        _, title, *_, code_background = STYLES[self.status]
        return box_html(self.status, title, inline_html(self.message, code_background))

    def __repr__(self):
        symbol, title, *_ = STYLES[self.status]
        return f"{symbol} {title}: {self.message}"


class Hint:
    """What ``qN.hint(n)`` shows: hint n of a question, and how to ask for the next one."""

    def __init__(self, text, heading="Hint", more=""):
        self.text, self.heading, self.more = text, heading, more

    def _repr_html_(self):
        code_background = STYLES["hint"][5]
        body = inline_html(self.text, code_background)
        if self.more:
            body += f' <em>({inline_html(self.more, code_background)})</em>'
        return box_html("hint", self.heading, body)

    def __repr__(self):
        return f"? {self.heading}: {self.text}" + (f" ({self.more})" if self.more else "")


class Solution:
    """What ``qN.solution()`` shows: the code of a solution and a sentence on why it works."""

    def __init__(self, code, explanation):
        self.code, self.explanation = code, explanation

    def _repr_html_(self):
        *_, code_background = STYLES["solution"]
        pre = (f'<pre style="background-color:{code_background};color:inherit;padding:6px 10px;margin:6px 0;'
               f'border-radius:3px;font-family:monospace;white-space:pre;overflow-x:auto">'
               f"{html.escape(self.code, quote=False)}</pre>")
        return box_html("solution", "Solution", pre + inline_html(self.explanation, code_background))

    def __repr__(self):
        code = "\n".join("    " + line if line else "" for line in self.code.splitlines())
        return f"» Solution:\n{code}\n{self.explanation}"
