"""Numbers as the course writes them, in one place: readouts, exercise messages and the graph's boxes.

Three styles, each with its reason: ``number`` for readouts (``%g``: 6 significant
digits, ``nan`` and ``inf`` as Python spells them); ``fmt`` for a checker's message
(whole numbers without ``.0``, lists cut after six entries); ``format_tensor`` for the
text in a graph's box or a printed trace (4 decimals, stable across machines, ``-0.0``
written ``0.0``).
"""


def number(value, digits=6):
    """Return a float as a readout shows it: short, and 'nan' / 'inf' spelled as Python prints them."""
    return f"{value:.{digits}g}"


def fmt(value):
    """Return a number, or a list or tensor of numbers, as short text: 32, 1.4, [3, 12, 27]."""
    if hasattr(value, "detach"):  # a tensor (this module needs no torch import to read one)
        value = value.detach().reshape(-1).tolist() if value.numel() != 1 else value.item()
    if isinstance(value, (list, tuple)):
        shown = ", ".join(fmt(v) for v in value[:6])
        return f"[{shown}{', …' if len(value) > 6 else ''}]"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.4g}" if isinstance(value, float) else str(value)


def format_tensor(tensor):
    """Return a short, stable text for a tensor: ``3.0``, ``[1.0, 2.0]`` or ``shape (3, 4)``."""
    if tensor.numel() == 1:
        return rounded(tensor.item())
    if tensor.numel() <= 4:
        return "[" + ", ".join(rounded(v) for v in tensor.flatten().tolist()) + "]"
    return "shape (" + ", ".join(str(s) for s in tensor.shape) + ")"


def rounded(value):
    """Return a number rounded to 4 decimals as Python prints it (``2.0``, ``0.5403``); ``-0.0`` becomes ``0.0``."""
    if isinstance(value, bool):
        return str(value)
    value = round(float(value), 4)
    return str(value + 0.0)  # + 0.0 turns -0.0 into 0.0
