"""``make site``: stage the course's files, copy MathJax from npm beside them, and run Sphinx into build/site/.

    python -m tools.site.build            # build/site/index.html
    python -m tools.site.build --strict   # warnings are errors (make test-site)

Times each part and writes build/site-report.json: build time, site size, and for every explorer
its frames and bytes (``make bench`` and the tests read it).
"""

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

NPM = ROOT / "build" / "site-npm" / "node_modules"
STAGED = ROOT / "build" / "site-src"
OUT = ROOT / "build" / "site"
REPORT = ROOT / "build" / "site-report.json"
MATHJAX_PARTS = ["tex-mml-chtml.js", "a11y", "input", "output", "ui", "sre", "adaptors"]


def copy_mathjax(npm=NPM, staged=STAGED):
    """Copy what MathJax loads in a browser into staged/_mathjax/mathjax/, its font into mathjax/fonts/."""
    target = staged / "_mathjax" / "mathjax"
    if not (npm / "mathjax").exists():
        raise SystemExit(f"MathJax is missing from {npm}: run `make site`, which installs it with npm ci")
    target.mkdir(parents=True, exist_ok=True)
    for part in MATHJAX_PARTS:
        source = npm / "mathjax" / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, target / part)
    font = npm / "@mathjax" / "mathjax-newcm-font"
    for part in ("chtml", "chtml.js", "package.json"):
        source = font / part
        destination = target / "fonts" / "mathjax-newcm-font" / part
        if source.is_dir():
            shutil.copytree(source, destination)
        elif source.exists():
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination)


def folder_size(folder):
    """Bytes of every file under a folder."""
    return sum(path.stat().st_size for path in Path(folder).rglob("*") if path.is_file())


def sphinx(strict):
    """Run sphinx-build from build/site-src/ into build/site/ with tools/site/conf.py."""
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-c", str(ROOT / "tools" / "site"),
               str(STAGED), str(OUT)] + (["-W", "--keep-going"] if strict else [])
    if OUT.exists():
        shutil.rmtree(OUT)
    subprocess.run(command, check=True, cwd=ROOT)


def main(argv=None):
    """Build the site; print and save its report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strict", action="store_true", help="turn Sphinx warnings into errors")
    args = parser.parse_args(argv)
    import matplotlib

    matplotlib.use("Agg")
    from tools.site.stage import stage

    started = time.perf_counter()
    recordings = stage(STAGED)
    staged = time.perf_counter()
    copy_mathjax()
    sphinx(args.strict)
    done = time.perf_counter()
    report = {
        "seconds": {"frames_and_staging": round(staged - started, 1), "sphinx": round(done - staged, 1),
                    "total": round(done - started, 1)},
        "bytes": {"site": folder_size(OUT), "mathjax": folder_size(OUT / "_static" / "mathjax"),
                  "frames": folder_size(OUT / "_static" / "explorers")},
        "explorers": [{"page": page.with_suffix(".html").as_posix(), **found}
                      for page, summaries in recordings.items() for found in summaries],
    }
    REPORT.write_text(json.dumps(report, indent=1) + "\n")
    print(f"build/site/ in {report['seconds']['total']} s ({report['seconds']['frames_and_staging']} s of frames), "
          f"{report['bytes']['site'] / 1e6:.1f} MB; {len(report['explorers'])} explorers")
    for entry in report["explorers"]:
        print(f"  {entry['page']:55s} {entry['explorer']:26s} {entry['frames']:4d} frames "
              f"{entry['bytes'] / 1e6:5.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
