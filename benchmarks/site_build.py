"""The web site's case for make bench: a cold build's time, the site's size, and every explorer's frames and bytes.

Runs ``python -m tools.site.build`` with the frame cache off (every explorer recorded afresh) and reads the
report it writes (build/site-report.json). Needs the site's builder (``make site`` installs it first);
without it, the row says so. Target: each explorer's frames within 1.5 MiB, so a page stays light.

    python benchmarks/site_build.py     # this case alone
"""

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FRAMES_TARGET = 1.5 * 2**20  # bytes per explorer


def site_row():
    """Build the site cold and return its report with a verdict, or {"skipped": reason}."""
    if importlib.util.find_spec("sphinx") is None or importlib.util.find_spec("myst_nb") is None:
        return {"skipped": "the site's builder is not installed: run `make site` once, then `make bench`"}
    if not (ROOT / "build" / "site-npm" / "node_modules" / "mathjax").exists():
        return {"skipped": "MathJax is not installed from npm: run `make site` once, then `make bench`"}
    environment = dict(os.environ, AG_SITE_NO_CACHE="1")
    subprocess.run([sys.executable, "-m", "tools.site.build"], cwd=ROOT, env=environment, check=True,
                   capture_output=True, text=True)
    report = json.loads((ROOT / "build" / "site-report.json").read_text())
    report["ok"] = all(entry["bytes"] <= FRAMES_TARGET for entry in report["explorers"])
    return report


def print_site(report):
    """Print the site's rows as the benchmark's other tables are printed."""
    if "skipped" in report:
        print(f"\nweb site: skipped ({report['skipped']})")
        return
    seconds, size = report["seconds"], report["bytes"]
    print(f"\nweb site, cold build: {seconds['total']:.0f} s ({seconds['frames_and_staging']:.0f} s recording frames, "
          f"{seconds['sphinx']:.0f} s Sphinx); {size['site'] / 1e6:.1f} MB in all "
          f"({size['frames'] / 1e6:.1f} MB of frames, {size['mathjax'] / 1e6:.1f} MB of MathJax)")
    print(f"\n| page | explorer | frames | distinct pictures | MB | target ≤{FRAMES_TARGET / 2**20:g} MiB |")
    print("| --- | --- | ---: | ---: | ---: | --- |")
    for entry in report["explorers"]:
        verdict = "met" if entry["bytes"] <= FRAMES_TARGET else "MISSED"
        print(f"| {entry['page']} | {entry['explorer']} | {entry['frames']} | {entry['pictures']} | "
              f"{entry['bytes'] / 1e6:.2f} | {verdict} |")


if __name__ == "__main__":
    row = site_row()
    print_site(row)
    sys.exit(0 if row.get("ok", True) else 1)
