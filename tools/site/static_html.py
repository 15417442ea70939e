"""An explorer on a page with no kernel: its recorded frames as files, and the HTML that moves between them.

The controls are plain form elements with their own ``<label>``: a ``<input type="range">`` (arrow
keys move it, a screen reader reads its name and ``aria-valuetext``), a ``<select>`` or a checkbox.
``docs/site/static/explorer.js`` swaps the picture, its alt text and the explorer's words when one
of them changes; the frames' words and texts sit in the page as JSON, the pictures beside it as PNGs.
"""

import html
import json
from pathlib import Path


def write_frames(recording, folder):
    """Write a recording's pictures as folder/<n>.png; return the (width, height) of the first."""
    from PIL import Image
    import io

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for n, png in enumerate(recording.images):
        (folder / f"{n}.png").write_bytes(png)
    return Image.open(io.BytesIO(recording.images[0])).size


def data_json(recording):
    """The frames as the page's script reads them: controls, frames by key, and each HTML string once."""
    data = {
        "start": recording.start,
        "controls": [{"name": c.name, "kind": c.kind, "count": len(c.options)} for c in recording.controls],
        "frames": {key: {"image": f.image, "html": f.html, "texts": f.texts, "alt": f.alt}
                   for key, f in recording.frames.items()},
        "html": recording.html,
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def control_html(ident, index, control, position, text):
    """One control with its label: a range slider with its value shown, a select, or a checkbox."""
    cid = f"{ident}-c{index}"
    label = f'<label for="{cid}">{html.escape(control.label)}</label>'
    if control.kind == "select":
        options = "".join(f'<option value="{i}"{" selected" if i == position else ""}>{html.escape(o)}</option>'
                          for i, o in enumerate(control.options))
        return f'<div class="ag-control">{label}<select id="{cid}" data-control="{index}">{options}</select></div>'
    if control.kind == "checkbox":
        checked = " checked" if position else ""
        return (f'<div class="ag-control ag-checkbox"><input type="checkbox" id="{cid}" data-control="{index}"'
                f'{checked}>{label}</div>')
    value = html.escape(text)
    return (f'<div class="ag-control">{label}<input type="range" id="{cid}" data-control="{index}" min="0" '
            f'max="{len(control.options) - 1}" step="1" value="{position}" aria-valuetext="{value}">'
            f'<output for="{cid}" id="{cid}-out">{value}</output></div>')


def explorer_html(recording, ident, frames_url, size, note):
    """The page's explorer: labelled controls, the picture of the start frame, its words, and the frames' data."""
    frame = recording.frames[recording.start]
    positions = [int(p) for p in recording.start.split(",")]
    controls = "".join(control_html(ident, i, c, positions[i], frame.texts[c.name])
                       for i, c in enumerate(recording.controls))
    words = "".join(f'<div class="ag-html" data-slot="{slot}">{recording.html[h]}</div>'
                    for slot, h in enumerate(frame.html))
    width, height = size
    return (
        f'<div class="ag-explorer" id="{ident}" data-frames="{html.escape(frames_url)}" '
        f'data-explorer="{recording.name}">'
        f'<div class="ag-controls">{controls}</div>'
        f'<div class="ag-body"><img class="ag-picture" src="{html.escape(frames_url)}{frame.image}.png" '
        f'alt="{html.escape(frame.alt)}" width="{width}" height="{height}">'
        f'<div class="ag-words" aria-live="polite">{words}</div></div>'
        f'<p class="ag-note">{note}</p>'
        f'<script type="application/json" class="ag-data">{data_json(recording)}</script>'
        '</div>'
    )


def note_html(adds, binder, colab):
    """The line under an explorer: what the page shows, what the live explorer adds, and where to run it."""
    return ("On this page the pictures were computed when the site was built, by the same code the live explorer "
            f"runs. {html.escape(adds)} Run the lesson to move it freely: "
            f'<a href="{html.escape(binder)}">on Binder</a> or <a href="{html.escape(colab)}">on Colab</a>.')
