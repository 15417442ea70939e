"""make bench: how fast the explorers answer, side by side with their naive twins, on this machine.

Prints one table. Each explorer row times >= 50 control moves, from the new
control value to the PNG frame the front end receives, next to a naive
interact-style twin that rebuilds the same figure every time, and how long the
explorer takes to open (build its widgets and draw its first picture). Then the batched
derivative curve against a per-point loop, draw_graph on 20- to 800-node chains, an MLP
and an RNN, each figure's size beside its time (cases_graph_layout.py), the import cost of the
package, and, once `make site` has installed its builder, a cold build of the web site: its time,
its size and every explorer's frames (site_build.py).
"""

import argparse
import importlib
import json
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from harness import median_p95, milliseconds  # noqa: E402
import cases_graph_layout  # noqa: E402
import site_build  # noqa: E402

TARGETS = {"explorer": 2.0, "curve": 100.0, "import": 0.1, "fps": 10.0}
# explorers whose update is a measurement (its timing is the point): reported, without a target
REPORTED = {"lesson 10 · jacobian cost (live timing)",
            "lesson 13 · checkpointing (live timing)"}


def explorer_rows(moves):
    rows = []
    for path in sorted(HERE.glob("cases_*.py")):
        for case in importlib.import_module(path.stem).cases():
            explorer = case.make()
            opens = statistics.median(milliseconds(lambda i: case.make(), 5))  # after the first: imports are done
            frames = set()

            def move(i, explorer=explorer, case=case):
                case.move(explorer, i)
                frames.add(bytes(case.frame(explorer)))

            milliseconds(move, 5)  # warm-up: first draws, caches, imports
            fast = median_p95(milliseconds(lambda i: move(i + 5), moves))
            milliseconds(case.naive, 3)
            slow = median_p95(milliseconds(case.naive, moves))
            rows.append({"name": case.name, "median": fast[0], "p95": fast[1], "naive_median": slow[0],
                         "naive_p95": slow[1], "speedup": slow[0] / fast[0], "distinct_frames": len(frames),
                         "opens": opens})
    return rows


def curve_row(points=1000, repeats=5):
    import torch

    from autograd_lessons.compute.calculus import autograd_derivative, derivative_curve

    f = lambda x: 3 * x**3 - 4 * x + torch.sin(x)  # noqa: E731
    xs = torch.linspace(-3, 3, points, dtype=torch.float64)
    batched = statistics.median(milliseconds(lambda i: derivative_curve(f, xs), repeats))
    loop = statistics.median(milliseconds(lambda i: [autograd_derivative(f, x) for x in xs.tolist()], repeats))
    _, slopes = derivative_curve(f, xs)
    assert torch.allclose(slopes, torch.tensor([autograd_derivative(f, x) for x in xs.tolist()], dtype=torch.float64))
    return {"points": points, "batched_ms": batched, "loop_ms": loop, "speedup": loop / batched}


def import_row(repeats=7):
    code = ("import time, torch; t = time.perf_counter(); import autograd_lessons; "
            "print(time.perf_counter() - t)")
    times = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
             for _ in range(repeats)]
    return {"median_s": statistics.median(times), "max_s": max(times)}


def graph_table(graphs):
    """Print draw_graph's table (figure size beside time); return True when its targets are met."""
    from autograd_lessons.drawing.graph_page import MAX_WIDTH

    size, target = cases_graph_layout.TARGET
    at_target = min((r for r in graphs if r["name"] == "chain"), key=lambda r: abs(r["nodes"] - size))
    print("\n| draw_graph on | nodes | figure inches (w × h) | layout + drawing ms | its CPU ms | layout ms | "
          "PNG encoding ms |")
    print("| --- | ---: | --- | ---: | ---: | ---: | ---: |")
    for r in graphs:
        print(f"| {r['name']} | {r['nodes']} | {r['inches'][0]:g} × {r['inches'][1]:g} | {r['draw_ms']:.0f} | "
              f"{r['draw_cpu_ms']:.0f} | {r['layout_ms']:.1f} | {r['png_ms']:.0f} |")
    verdict = "met" if at_target["draw_ms"] <= target else "MISSED"
    print(f"layout + drawing at {at_target['nodes']} nodes: {at_target['draw_ms']:.0f} ms "
          f"(target ≤{target:g} ms: {verdict})")
    wide = [r for r in graphs if r["inches"][0] > MAX_WIDTH]
    print(f"figures at most {MAX_WIDTH:g} inches wide (a page at reading size): "
          f"{'met' if not wide else 'MISSED (' + ', '.join(str(r['nodes']) for r in wide) + ' nodes)'}")
    return at_target["draw_ms"] <= target and not wide


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=60, help="control moves per explorer (>= 50)")
    parser.add_argument("--json", help="also write the numbers to this file")
    args = parser.parse_args()
    started = time.perf_counter()
    explorers, curve, imports = explorer_rows(args.moves), curve_row(), import_row()
    for r in explorers:  # Lesson 11: a training frame's median, read as the frame rate the kernel can keep
        if "(one frame)" in r["name"]:
            r["fps"] = 1000 / r["median"]
    ok = all(r["speedup"] >= TARGETS["explorer"] and r.get("fps", TARGETS["fps"]) >= TARGETS["fps"]
             for r in explorers if r["name"] not in REPORTED)
    graphs = cases_graph_layout.draw_rows()
    ok &= curve["speedup"] >= TARGETS["curve"] and imports["median_s"] <= TARGETS["import"]
    print(f"autograd-lessons benchmark · Python {platform.python_version()} · {args.moves} moves per explorer\n")
    print(f"| explorer | median ms | p95 ms | naive median ms | naive p95 ms | speed-up | target ≥{TARGETS['explorer']:g}× "
          "| opens in ms |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |")
    for r in explorers:
        verdict = "met" if r["speedup"] >= TARGETS["explorer"] else "MISSED"
        verdict = "reported (its update times code live)" if r["name"] in REPORTED else verdict
        print(f"| {r['name']} | {r['median']:.1f} | {r['p95']:.1f} | {r['naive_median']:.1f} | "
              f"{r['naive_p95']:.1f} | {r['speedup']:.1f}× | {verdict} | {r['opens']:.0f} |")
    for r in explorers:
        if "fps" in r:
            print(f"\n{r['name']}: {r['fps']:.0f} frames per second in the kernel "
                  f"(target ≥{TARGETS['fps']:g}: {'met' if r['fps'] >= TARGETS['fps'] else 'MISSED'})")
    verdict = "met" if curve["speedup"] >= TARGETS["curve"] else "MISSED"
    print(f"\nderivative curve, {curve['points']} points: one batched backward {curve['batched_ms']:.2f} ms, "
          f"per-point loop {curve['loop_ms']:.1f} ms: {curve['speedup']:.0f}× (target ≥{TARGETS['curve']:g}×: {verdict})")
    ok &= graph_table(graphs)
    verdict = "met" if imports["median_s"] <= TARGETS["import"] else "MISSED"
    print(f"import autograd_lessons after torch: median {imports['median_s'] * 1000:.1f} ms, "
          f"max {imports['max_s'] * 1000:.1f} ms (target ≤{TARGETS['import'] * 1000:g} ms: {verdict})")
    site = site_build.site_row()
    site_build.print_site(site)
    ok &= site.get("ok", True)
    print(f"\n{'all targets met' if ok else 'SOME TARGETS MISSED'} · {time.perf_counter() - started:.0f} s")
    if args.json:
        Path(args.json).write_text(json.dumps({"explorers": explorers, "curve": curve, "graphs": graphs, "import": imports,
                                               "site": site}, indent=1))


if __name__ == "__main__":
    main()
