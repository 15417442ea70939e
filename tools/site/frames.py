"""Frames for the site: a live explorer, built in Python, its controls set, its picture and words recorded.

On a web page there is no kernel, but every explorer is a pure function of its controls, so its
pictures can be computed ahead of time. ``record`` walks an explorer through the settings its
spec chooses (``tools/site/explorers.py``), exactly as the tests drive it (setting ``.value``,
pressing ``.click()``), and keeps, for each setting: the PNG its ``image`` shows, the HTML of every
``HTML`` widget it holds (readouts, messages, code), and the text each control shows. The same
compute and drawing code draws the site's frames and the live explorer's.

A frame's PNG is quantised to a palette (lossless-looking for line plots, a third of the bytes),
and identical pictures or HTML are stored once.
"""

import hashlib
import io
import itertools
from dataclasses import dataclass, field

import ipywidgets as widgets
from PIL import Image

COLOURS = 128  # palette size of a frame: plots with a few colours and anti-aliased edges look the same


@dataclass
class Control:
    """One control of the site's explorer: a range slider, a drop-down (select) or a checkbox."""

    name: str  # the live explorer's attribute it stands for (or the name of a sequence of presses)
    label: str  # what the page's <label> says
    kind: str  # "range", "select" or "checkbox"
    options: list  # one text per position (for a range: the value shown there)


@dataclass
class Frame:
    """What the explorer shows at one setting."""

    image: int  # index into Recording.images
    html: list  # indices into Recording.html, one per HTML widget of the explorer, in order
    texts: dict  # control name -> the text the control shows here
    alt: str  # the picture's alternative text at this setting


@dataclass
class Recording:
    """An explorer's frames: every combination of its controls' positions, keyed "i,j,…"."""

    name: str  # the explorer's function, e.g. "tangent_explorer"
    controls: list
    start: str  # the key of the setting the page opens on
    adds: str  # what the live explorer adds, in one sentence
    frames: dict = field(default_factory=dict)
    images: list = field(default_factory=list)  # PNG bytes, each stored once
    html: list = field(default_factory=list)  # HTML strings, each stored once
    _index: dict = field(default_factory=dict, repr=False)

    def keep(self, kind, value):
        """Return the index of an image or HTML string, storing it the first time it is seen."""
        store = self.images if kind == "image" else self.html
        digest = (kind, hashlib.sha256(value if kind == "image" else value.encode()).hexdigest())
        if digest not in self._index:
            self._index[digest] = len(store)
            store.append(value)
        return self._index[digest]

    def size(self):
        """The bytes the frames add to the site: the PNGs and the HTML strings."""
        return sum(len(png) for png in self.images) + sum(len(text.encode()) for text in self.html)

    def complete(self):
        """True when every combination of the controls' positions has a frame."""
        ranges = [range(len(c.options)) for c in self.controls]
        return all(key_of(p) in self.frames for p in itertools.product(*ranges))


def key_of(positions):
    """The key of a setting: its controls' positions joined by commas."""
    return ",".join(str(p) for p in positions)


def html_widgets(widget):
    """Every HTML widget inside a widget tree, in the order the explorer lays them out."""
    if isinstance(widget, widgets.HTML):
        return [widget]
    return [found for child in getattr(widget, "children", ()) for found in html_widgets(child)]


def quantised(png, colours=COLOURS):
    """Return a PNG re-encoded with a palette of at most `colours` colours (deterministic)."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    small = image.quantize(colors=colours, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    small.save(buffer, format="png", compress_level=6)
    return buffer.getvalue()


def picture_name(explorer):
    """The explorer picture's accessible name (its Image widget's tooltip, set by explorers.common.picture)."""
    return (explorer.image.tooltip or "").strip()


def snapshot(recording, explorer, positions, texts):
    """Record what the explorer shows now as the frame at these positions."""
    setting = ", ".join(f"{c.label} {texts[c.name]}" for c in recording.controls)
    alt = f"{picture_name(explorer)} Shown for {setting}." if picture_name(explorer) else ""
    recording.frames[key_of(positions)] = Frame(
        image=recording.keep("image", quantised(explorer.image.value)),
        html=[recording.keep("html", w.value) for w in html_widgets(explorer)],
        texts=dict(texts),
        alt=alt,
    )


def record(name, spec, explorer):
    """Walk a live explorer through its spec's settings and return the Recording of what it showed."""
    recording = Recording(name=name, controls=spec.controls(explorer), start=spec.start_key(explorer),
                          adds=spec.adds)
    for positions, texts in spec.walk(explorer):
        snapshot(recording, explorer, positions, texts)
    return recording
