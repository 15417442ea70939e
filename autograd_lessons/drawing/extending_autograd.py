"""The picture of why gradcheck wants float64 (Lesson 12): the error of finite differences against their step ε.

``plot_error_curve`` draws on an axes it is given and returns the artists it made; the
``set_*`` functions change only their data, so an explorer draws once and then moves a
dot and a line per slider move. Both axes are logarithmic: the error falls as ε shrinks
(the curve's bend matters less), then rises again (rounding matters more), a V whose
bottom float64 puts a million times below gradcheck's tolerance, and float32 only just below it.
"""

import math

TOLERANCE = 1e-5 + 1e-3 * 1.0  # gradcheck's atol + rtol · |entry|, for an entry of size 1
FLOOR = 1e-17  # errors below this (an exact finite difference) are drawn at the floor of the log scale
CURVE_COLOURS = {"float32": "#c0392b", "float64": "#1f5fa8"}


def plot_error_curve(ax, exponents, curves):
    """Draw the finite differences' error against the step ε (log-log), one line per precision; return the artists.

    curves maps a precision ("float32", "float64") to its errors, one per exponent (ε = 10**exponent).
    The artists are the lines, a dot per line at the current step, and a vertical line there.
    """
    artists = {"lines": {}, "dots": {}}
    for dtype, errors in curves.items():
        artists["lines"][dtype], = ax.plot([], [], color=CURVE_COLOURS[dtype], linewidth=1.8, label=dtype)
        artists["dots"][dtype], = ax.plot([], [], "o", color=CURVE_COLOURS[dtype], markersize=7, zorder=4)
    artists["step"] = ax.axvline(1e-6, color="#555555", linestyle="--", linewidth=1)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(10.0 ** min(exponents), 10.0 ** max(exponents))
    ax.set_ylim(1e-13, 1e2)
    ax.axhline(TOLERANCE, color="#1e7b34", linestyle=":", linewidth=1.2)
    ax.text(10.0 ** min(exponents) * 2, TOLERANCE * 2, "gradcheck's tolerance for an entry of size 1", fontsize=7,
            color="#1e7b34")
    ax.set_xlabel("step ε of the finite difference")
    ax.set_ylabel("largest error in the Jacobian")
    ax.grid(True, which="major", alpha=0.3)
    ax.legend(loc="lower right", fontsize=8)
    set_error_curve(artists, exponents, curves)
    return artists


def set_error_curve(artists, exponents, curves):
    """Give the curve's lines new errors (a new function)."""
    steps = [10.0 ** e for e in exponents]
    for dtype, errors in curves.items():
        artists["lines"][dtype].set_data(steps, [max(e, FLOOR) if math.isfinite(e) else math.nan for e in errors])


def set_error_step(artists, eps, errors):
    """Move the vertical line and the dots to step eps; errors maps each precision to its error there."""
    artists["step"].set_xdata([eps, eps])
    for dtype, error in errors.items():
        artists["dots"][dtype].set_data([eps], [max(error, FLOOR)])
