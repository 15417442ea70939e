"""Lesson 11's gradient-flow explorer: how big each layer's gradient is after one backward, for a deep MLP.

The maths is ``compute.training_a_network.deep_mlp`` and ``layer_grad_norms``: one forward and one
backward on the two moons, then the norm of every layer's weight gradient. The bars are
made once for the deepest net and hidden when the net is shallower, so a move changes
only their heights and colours.
"""

import ipywidgets as widgets

from ...compute.training_a_network import (ACTIVATIONS, INITS, deep_mlp, gradient_flow_verdict, layer_grad_norms,
                                           one_thread, two_moons)
from ...drawing.live_figure import LiveFigure
from ...drawing.training_a_network import plot_grad_norms, set_grad_norms
from ..common import guarded, message_html, picture, readout_html, show

MAX_DEPTH = 12


class GradientFlowExplorer(widgets.VBox):
    """The widget; its controls are ``depth`` (slider), ``activation`` and ``init`` (dropdowns)."""

    def __init__(self, depth=8, activation="sigmoid", init="pytorch default"):
        self.X, self.y = two_moons()
        self.depth = widgets.IntSlider(value=depth, min=1, max=MAX_DEPTH, description="hidden layers",
                                       style={"description_width": "90px"})
        self.activation = widgets.Dropdown(options=list(ACTIVATIONS), value=activation, description="activation",
                                           layout=widgets.Layout(width="200px"))
        self.init = widgets.Dropdown(options=list(INITS), value=init, description="init",
                                     layout=widgets.Layout(width="240px"))
        self.readout, self.message = widgets.HTML(), widgets.HTML()
        self.live = LiveFigure(figsize=(7, 3), dpi=90)
        ax = self.live.figure.add_subplot()
        self.bars = plot_grad_norms(ax, [], slots=MAX_DEPTH + 1)
        self.caption = ax.set_title(" ", fontsize=10)
        self.live.moving(*self.bars, self.caption)
        self.image = picture(self.live)
        super().__init__([widgets.HBox([self.depth, self.activation, self.init]), self.image,
                          widgets.HBox([self.readout, self.message], layout=widgets.Layout(align_items="center"))])
        for control in (self.depth, self.activation, self.init):
            control.observe(self._update, "value")
        self._update()

    @guarded
    def _update(self, change=None):
        with one_thread():
            norms = layer_grad_norms(deep_mlp(self.depth.value, self.activation.value, self.init.value),
                                     self.X, self.y)
        set_grad_norms(self.bars, norms)
        self.caption.set_text(f"{self.depth.value} hidden layers of {self.activation.value}, {self.init.value} init")
        show(self.image, self.live)
        self.readout.value = readout_html(readout_rows(norms))
        self.message.value = message_html(*gradient_flow_verdict(norms))


def readout_rows(norms):
    """Return the readout's rows: the gradient norm at the first and the last layer, and their ratio."""
    first, last = norms[0][1], norms[-1][1]
    return [("first layer", f"{first:.2e}"), ("last layer", f"{last:.2e}"),
            ("last / first", f"{last / first:.3g}" if first else "inf")]


def gradient_flow_explorer(depth=8, activation="sigmoid", init="pytorch default"):
    """Return Lesson 11's gradient-flow explorer: one bar per layer, the size of its gradient after a backward."""
    return GradientFlowExplorer(depth, activation, init)
