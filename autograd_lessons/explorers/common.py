"""What every explorer shares: the picture and its name, the message line, the readout table, safe callbacks, a
stepper's steps.

Every explorer's picture has a name a screen reader can read, written here for each explorer
(``PICTURE_NAMES``, keyed by the explorer's module): ``picture`` gives it to the Image widget as its
tooltip, which ipywidgets renders as the picture's ``title``, its accessible name in JupyterLab (an
ipywidgets Image has no alt), and the web site uses the same words for the picture's alt text. Its
controls are named by their ``description`` (a ``<label>`` beside each).
"""

import functools
import html
import sys

import ipywidgets as widgets
from ipywidgets.widgets.widget import Unicode  # traitlets' Unicode, as ipywidgets' own widgets import it

COLOURS = {"error": "#b3261e", "warning": "#8a5a00", "ok": "#1e7b34", "info": "#555555"}
FAINT = "#707070"  # grey text that still reads on white (4.9:1, WCAG AA); for what is not there yet

PICTURE_NAMES = {  # explorer module (under explorers/) -> what its picture shows
    "enabling_autograd": "Lesson 1's tensor-state explorer: the graph that d.backward() would walk from d back to "
                         "the leaf a, drawn as boxes and arrows; boxes vanish when no_grad or detach cut the path.",
    "computational_graph": "Lesson 2's live graph: the graph autograd recorded for the chosen x, one box per "
                           "operation that ran, each with its value and, after out.backward(), its gradient.",
    "backward": "Lesson 3's tangent explorer: the curve f(x), the point (x, f(x)) and the dashed tangent through it, "
                "whose slope is x.grad from one backward().",
    "accessing_and_resetting_gradients": "Lesson 4's accumulation lab: x.grad after each call as a line of dots, "
                                         "hollow where x.grad is None and a red cross where a call failed.",
    "backprop_in_action.gradient": "Lesson 5's gradient explorer: the contour lines of z = x·y + y² and, at the "
                                   "point (x, y), a red arrow along the gradient (x.grad, y.grad), longer where "
                                   "the ground is steeper.",
    "backprop_in_action.descent": "Lesson 5's descent explorer: left, the contours of the loss over (w, b) with the "
                                  "path gradient descent took and its next step; right, the data and the line the "
                                  "current w and b draw.",
    "build_your_own_autograd": "Lesson 7's engine stepper: the graph of your Values, the box whose _backward just "
                               "ran lit in amber, each box's grad underneath and what each step added on the arrows.",
    "inside_pytorch_backward": "Lesson 8's backward replay: the graph of PyTorch's backward nodes, the node that "
                               "just ran lit, and the gradients it received and sent written on the arrows.",
    "when_gradients_go_wrong": "Lesson 9's kink explorer: above, f(x) with the point, autograd's tangent and the "
                               "slopes from the left and the right; below, autograd's gradient over the whole range.",
    "beyond_one_gradient.jacobian_cost": "Lesson 10's cost explorer: bars of the passes jacfwd and jacrev need and of "
                                         "their measured times, and the times of both across numbers of inputs.",
    "beyond_one_gradient.curvature": "Lesson 10's curvature explorer: the contours of the valley, the point, the "
                                     "shape of its Hessian, and where a gradient step and a Newton step land.",
    "training_a_network.training": "Lesson 11's training explorer: left, the network's probability of class 1 over "
                                   "the plane with the two moons' points; right, the loss curve so far.",
    "training_a_network.gradient_flow": "Lesson 11's gradient flow: one bar per layer, the size of its weight "
                                        "gradient after one backward, first layer on the left.",
    "extending_autograd": "Lesson 12's gradcheck explorer: the error of a finite-difference slope against the step "
                          "size ε on log axes, in float32 and float64, with dots at the step gradcheck would use.",
    "memory_and_time.checkpointing": "Lesson 13's checkpointing explorer: bars of the activations one training "
                                     "step keeps at its peak and of its time, without and with checkpointing, "
                                     "as shares of no checkpoint.",
    "memory_and_time.loss_scale": "Lesson 13's loss-scale explorer: a histogram of the gradients' exponents after "
                                  "scaling the loss by 2 to the k, over float16's zones: flushed to 0, subnormal, "
                                  "normal and overflow.",
}


def picture_name(module):
    """The name of an explorer module's picture (module as ``autograd_lessons.explorers.backward``)."""
    key = module.split(".explorers.", 1)[-1]
    return PICTURE_NAMES.get(key, "An explorer's picture: it changes as you move the controls above it.")


class NamedImage(widgets.Image):
    """An Image whose tooltip JupyterLab can show: ipywidgets' front end reads a widget's description whenever it
    has a tooltip, and Image has none, so every named picture failed to render ("Cannot read properties of
    undefined (reading 'length')"). An empty description makes the tooltip the picture's title."""

    description = Unicode("").tag(sync=True)


def picture(live, name=None, drawn=True):
    """Return an Image widget showing a LiveFigure (call ``show(image, live)`` after each change).

    Its name (tooltip, then the picture's title) is ``name``, or the one ``PICTURE_NAMES`` holds for
    the explorer module that calls this. ``drawn=False`` leaves it blank for the explorer's first update
    to fill, then ``first_frame`` makes sure it was: an explorer whose figure is still empty here, and
    whose first update changes what is drawn, would otherwise draw the whole figure twice as it opens.
    """
    name = name or picture_name(sys._getframe(1).f_globals.get("__name__", ""))
    return NamedImage(value=live.render() if drawn else b"", format="png", tooltip=name,
                      layout=widgets.Layout(max_width="100%"))


def first_frame(image, live):
    """Call after an explorer's first update: if that update showed nothing (it stopped early), show the figure."""
    if not image.value:
        show(image, live)


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
            text = f'<span style="color:{FAINT}">{text}</span>'
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
