"""What every explorer shares: the picture, the message line, the readout table, safe callbacks, a stepper's steps."""

import functools
import html

import ipywidgets as widgets

COLOURS = {"error": "#b3261e", "warning": "#8a5a00", "ok": "#1e7b34", "info": "#555555"}


def picture(live):
    """Return an Image widget showing a LiveFigure (call ``show(image, live)`` after each change)."""
    return widgets.Image(value=live.render(), format="png", layout=widgets.Layout(max_width="100%"))


def show(image, live):
    """Send the LiveFigure's new frame to its Image widget."""
    image.value = live.render()


def message_html(text, kind="info"):
    """Return one line of HTML: a message in the colour of its kind (error, warning, ok, info)."""
    if not text:
        return ""
    return f'<div style="color:{COLOURS[kind]};font-size:0.95em;line-height:1.4">{html.escape(text)}</div>'


def readout_html(rows):
    """Return a small two-column HTML table from (label, value) pairs; values in monospace."""
    cells = "".join(
        f'<tr><td style="padding:1px 10px 1px 0;color:#555">{html.escape(label)}</td>'
        f'<td style="font-family:monospace;text-align:right">{html.escape(value)}</td></tr>'
        for label, value in rows
    )
    return f"<table style='border-collapse:collapse'>{cells}</table>"


def lines_html(trace, n):
    """Return a stepper's trace as text (a ``stepper.StepTrace``), step n on yellow and the steps to come in grey."""
    lines = []
    for step in trace.steps:
        text = html.escape(trace.describe(step))
        if step.number == n:
            text = f'<span style="background:#fff3c4">{text}</span>'
        elif step.number > n:
            text = f'<span style="color:#aaa">{text}</span>'
        lines.append(text)
    return ('<pre style="font-size:0.88em;line-height:1.45;margin:0 16px 0 0;padding:6px 10px;background:#f7f7f7;'
            'border-radius:4px">' + "\n".join(lines) + "</pre>")


UNEXPECTED = ("This explorer could not update: the course's own code failed here, not anything you did. "
              "The last picture stays; try another value, or run the cell again to start afresh.")


def guarded(method):
    """Run a widget callback; if it fails anyway, say so on the explorer's message line, never in a traceback."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except Exception as error:  # the last line of defence: a learner must never see a traceback
            self.last_error = error  # for the course's authors and tests: the learner reads the sentence below
            self.message.value = message_html(UNEXPECTED, "error")

    return wrapper
