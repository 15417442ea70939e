"""What make test-hub measures for the closing note: memory per learner, and the times it collected.

Memory is read from /proc: every process a learner's system user owns is theirs (their server and their kernels),
so a learner's memory is the sum of their processes' resident sets, split into server and kernels.
"""

import json
import statistics
from pathlib import Path

from .machine import uid_processes

MIB = 1024 * 1024


def rss_bytes(pid):
    """A process's resident set size in bytes (0 if it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def is_kernel(pid):
    """True for an IPython kernel (its command line runs ipykernel_launcher)."""
    try:
        return b"ipykernel_launcher" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def learner_memory(uid):
    """{'server_mib', 'kernels_mib', 'total_mib', 'kernels'}: what one learner's processes hold right now."""
    server = kernels = count = 0
    for pid in uid_processes(uid):
        if is_kernel(pid):
            kernels, count = kernels + rss_bytes(pid), count + 1
        else:
            server += rss_bytes(pid)
    return {"server_mib": server / MIB, "kernels_mib": kernels / MIB, "total_mib": (server + kernels) / MIB,
            "kernels": count}


def summary_line(label, values, unit):
    """'label: median X unit (min–max, n)' for the note."""
    if not values:
        return f"{label}: none measured"
    return (f"{label}: median {statistics.median(values):.1f} {unit} ({min(values):.1f}–{max(values):.1f}, "
            f"{len(values)} measured)")


def write_notes(out, data):
    """build/hub/hub.json (everything) and hub.md (the lines for a closing note)."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "hub.json").write_text(json.dumps(data, indent=1, default=str))
    lines = ["# make test-hub: a class of three on a JupyterHub on this machine", ""]
    for name, row in sorted(data.get("learners", {}).items()):
        lines.append(learner_line(name, row))
    for step, seconds in data.get("grading", {}).items():
        lines.append(f"- nbgrader through the hub, {step}: " + ", ".join(f"{s:.1f} s" for s in seconds))
    if "restarts_s" in data:
        lines.append(summary_line("- restart after the course update (stop, then start through the API)",
                                  data["restarts_s"], "s"))
    if "total_s" in data:
        lines.append(f"- make test-hub's run, hub up to hub down: {data['total_s']:.0f} s")
    (out / "hub.md").write_text("\n".join(lines) + "\n")


def learner_line(name, row):
    """One learner's times and memory, as a line of the note."""
    def number(value, digits=1):
        return "–" if value is None else f"{value:.{digits}f}"

    memory = row.get("memory", {})
    return (f"- {name}: spawn {number(row.get('spawn_s'))} s (hub's log), link to Lesson 3 "
            f"{number(row.get('link_to_lesson_s'))} s, Run All {number(row.get('run_all_s'))} s, first slider move "
            f"{number(row.get('first_slider_ms'), 0)} ms to a new picture, link to that picture "
            f"{number(row.get('link_to_first_slider_s'))} s; memory {number(memory.get('total_mib'), 0)} MiB "
            f"(server {number(memory.get('server_mib'), 0)}, kernel {number(memory.get('kernels_mib'), 0)})")
