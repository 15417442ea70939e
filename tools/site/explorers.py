"""Which controls each explorer gets on the site, and the settings its frames are recorded at.

For every explorer a reader most wants to move one or two things (Lesson 3's function and x,
Lessons 7 and 8's step, …): those become the page's controls, over a handful of values chosen
so that an explorer's frames stay near 1.5 MB (``make bench`` prints their sizes). Everything
else keeps the value the lesson's cell gives it. An explorer with no entry here (a new lesson's)
still moves on the site: ``generic_spec`` finds its first slider and records a dozen positions.

A spec only sets controls, as the tests do (``.value = …``, ``.click()``); what the frames show is
what the live explorer draws and prints.
"""

from dataclasses import dataclass, field

import ipywidgets as widgets

from tools.site.frames import Control

SLIDERS = (widgets.FloatSlider, widgets.IntSlider, widgets.FloatLogSlider, widgets.SelectionSlider)


@dataclass
class Choice:
    """A control of the site's explorer that sets one attribute of the live explorer to each of some values."""

    name: str
    label: str
    kind: str  # "range", "select" or "checkbox"
    values: object  # a list, or a function of the explorer (after the choices before it are set) giving one
    text: object = str  # value -> the text the page shows for it

    def values_for(self, explorer):
        """The values this choice takes, now that the choices before it are set."""
        return self.values(explorer) if callable(self.values) else list(self.values)

    def apply(self, explorer, value):
        """Set the live explorer's control to value."""
        getattr(explorer, self.name).value = value


@dataclass
class Spec:
    """What the site moves for one explorer: choices set in nested loops, or a walk of its own."""

    choices: list
    adds: str  # what the live explorer adds, said under the site's one
    start: dict = field(default_factory=dict)  # choice name -> the value the page opens on
    custom: object = None  # explorer -> iterator of (positions, texts), for presses that build on each other

    def controls(self, explorer):
        """The page's controls, with the texts of their positions as the first setting shows them."""
        return [Control(c.name, c.label, c.kind, [c.text(v) for v in c.values_for(explorer)]) for c in self.choices]

    def walk(self, explorer):
        """Set every combination of the choices' values in turn; yield (positions, texts) after each."""
        if self.custom is not None:
            yield from self.custom(explorer)
            return
        yield from nested(explorer, self.choices, (), {})

    def start_key(self, explorer):
        """The key of the frame the page opens on: the lesson's own setting where it is one of the choices."""
        positions = []
        for choice in self.choices:
            values = choice.values_for(explorer)
            wanted = self.start.get(choice.name, values[0])
            positions.append(min(range(len(values)), key=lambda i: _distance(values[i], wanted)))
        return ",".join(str(p) for p in positions)


def _distance(value, wanted):
    try:
        return abs(float(value) - float(wanted))
    except (TypeError, ValueError):
        return 0 if value == wanted else 1


def nested(explorer, choices, positions, texts):
    """Yield every combination of the choices' values, the first choice outermost."""
    if not choices:
        yield positions, texts
        return
    first, rest = choices[0], choices[1:]
    for i, value in enumerate(first.values_for(explorer)):
        first.apply(explorer, value)
        yield from nested(explorer, rest, positions + (i,), {**texts, first.name: first.text(value)})


def steps(low, high, step):
    """Evenly spaced values from low to high, rounded as a slider with that step would show them."""
    count = round((high - low) / step)
    return [round(low + i * step, 6) for i in range(count + 1)]


def number(value):
    """A slider value as the page shows it: 3, -0.5, 0.25."""
    return f"{value:g}"


def generic_spec(explorer):
    """A spec for an explorer with no entry: its first slider, at up to a dozen positions."""
    for name, control in vars(explorer).items():
        if isinstance(control, SLIDERS) and control.description:
            if isinstance(control, widgets.SelectionSlider):
                values = list(control.options)[:12]
            else:
                count = min(12, round((control.max - control.min) / control.step) + 1)
                values = [control.min + (control.max - control.min) * i / max(count - 1, 1) for i in range(count)]
                values = [round(v) if isinstance(control, widgets.IntSlider) else v for v in values]
            text = str if isinstance(control, widgets.SelectionSlider) else number
            return Spec([Choice(name, control.description, "range", values, text)],
                        adds="The live explorer takes every value of its controls, and all of its other controls.",
                        start={name: control.value})
    return None


def spec_for(name, explorer):
    """The spec of an explorer by its function's name, or a generic one; None if it has no slider at all."""
    from tools.site.explorer_specs import SPECS

    return SPECS[name] if name in SPECS else generic_spec(explorer)
