"""Lighthouse 12.2.3 on /today, mobile emulation, with Debian's Chromium.

Installs the pinned npm package into bench/node_modules on first use (never
committed), signs in a seeded client and passes its session cookie to Lighthouse
with --extra-headers. Reports the median of a few runs of the performance,
accessibility and best-practices scores (0-100), plus each run and the audits that
did not pass.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

if __package__ in (None, ""):
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.common import BENCH, RESULTS, SQLITE_URL, Server, engine, save

VERSION = "12.2.3"
CLI = os.path.join(BENCH, "node_modules", "lighthouse", "cli", "index.js")
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CATEGORIES = ("performance", "accessibility", "best-practices")


def ensure_installed() -> None:
    """npm install lighthouse@12.2.3 into bench/node_modules unless it is already there."""
    package = os.path.join(BENCH, "node_modules", "lighthouse", "package.json")
    if os.path.exists(package):
        with open(package) as fh:
            if json.load(fh).get("version") == VERSION:
                return
    subprocess.run(["npm", "install", "--prefix", BENCH, "--no-save", "--no-package-lock",
                    "--no-audit", "--no-fund", "--loglevel=error", f"lighthouse@{VERSION}"],
                   check=True)


def lighthouse(url: str, cookies: dict) -> dict:
    """One Lighthouse run: scores and the audits that scored below 1."""
    with tempfile.TemporaryDirectory() as tmp:
        report = os.path.join(tmp, "report.json")
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
        env = dict(os.environ, CHROME_PATH=CHROMIUM)
        subprocess.run(
            ["node", CLI, url, "--quiet", "--output=json", f"--output-path={report}",
             "--only-categories=" + ",".join(CATEGORIES), "--form-factor=mobile",
             "--chrome-flags=--headless=new --no-sandbox --disable-gpu "
             "--disable-background-networking --disable-component-update --disable-sync",
             f"--extra-headers={json.dumps(headers)}"],
            check=True, env=env, cwd=tmp, timeout=240)
        with open(report) as fh:
            data = json.load(fh)
        shutil.copyfile(report, os.path.join(RESULTS, "lighthouse-report.json"))  # the last run
    scores = {c: round(data["categories"][c]["score"] * 100) for c in CATEGORIES}
    failing = {}
    for category in CATEGORIES:
        for ref in data["categories"][category]["auditRefs"]:
            audit = data["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                failing[ref["id"]] = {"category": category, "score": audit["score"],
                                      "title": audit["title"],
                                      "display": audit.get("displayValue", "")}
    metrics = {k: data["audits"][k].get("numericValue") for k in (
        "first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
        "cumulative-layout-shift", "speed-index") if k in data["audits"]}
    shifts = [{"score": round(item.get("score", 0), 3),
               "node": (item.get("node") or {}).get("snippet", "")[:160]}
              for item in (data["audits"].get("layout-shifts", {}).get("details") or {})
              .get("items", [])]
    return {"scores": scores, "failing": failing, "metrics": metrics, "layout_shifts": shifts,
            "final_url": data.get("finalDisplayedUrl") or data.get("finalUrl")}


def run(url: str, runs: int = 3) -> dict:
    """Median scores over `runs` Lighthouse runs on a seeded client's /today."""
    from bench.load import pick_people

    ensure_installed()
    person = pick_people(url, {"client": 1, "caregiver": 0, "therapist": 0}, seed=13)["client"][0]
    results = []
    with Server("app:create_app()", url) as server:
        person.sign_in(server.port)
        for _ in range(runs):
            results.append(lighthouse(server.base + "/today", person.cookies))
    median = {c: statistics.median(r["scores"][c] for r in results) for c in CATEGORIES}
    return {"engine": engine(url), "version": VERSION, "runs": results, "median": median,
            "chromium": _chromium_version()}


def _chromium_version() -> str:
    try:
        return subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True,
                              timeout=30).stdout.strip()
    except OSError:
        return "?"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", SQLITE_URL))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    result = run(args.database_url, args.runs)
    save(f"lighthouse-{result['engine']}.json", result)
    print(json.dumps({"median": result["median"],
                      "failing": result["runs"][0]["failing"]}, indent=2))


if __name__ == "__main__":
    main()
