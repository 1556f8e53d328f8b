"""The whole benchmark suite, on SQLite and PostgreSQL, written up in docs/benchmarks.md.

    make bench            # or: .venv/bin/python -m bench.run_all

Each step runs in its own process and leaves its figures in bench/results/*.json;
the report is rebuilt from those files (so `--report-only` rewrites the document
without measuring again). Only the part of docs/benchmarks.md between the
`results` markers is generated; the notes around it are kept.
"""

from __future__ import annotations

import argparse
import datetime as dt
import glob
import json
import os
import subprocess
import sys
import time

if __package__ in (None, ""):
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.common import (
    PG_URL,
    PYTHON,
    RESULTS,
    ROOT,
    SQLITE_URL,
    bench_env,
    ensure_pg_database,
    load,
    machine,
    save,
)

DOC = os.path.join(ROOT, "docs", "benchmarks.md")
START, END = "<!-- results:start -->", "<!-- results:end -->"
URLS = {"sqlite": SQLITE_URL, "postgresql": PG_URL}
DISPATCH_URLS = {"sqlite": "sqlite", "postgresql": "postgresql"}


def step(name: str, argv: list[str], url: str, timings: dict, env_extra=None) -> bool:
    """Run one step as `python -m bench.<module> ...`; True when it succeeded."""
    started = time.perf_counter()
    env = bench_env(url, **(env_extra or {}))
    print(f"== {name}", flush=True)
    done = subprocess.run([PYTHON, *argv], cwd=ROOT, env=env)
    timings[name] = {"seconds": round(time.perf_counter() - started, 1),
                     "ok": done.returncode == 0}
    if done.returncode:
        print(f"!! {name} failed with exit code {done.returncode}", flush=True)
    return done.returncode == 0


def measure(engines, quick: bool, timings: dict) -> None:
    """Every step for every engine."""
    # Sized so that the whole suite, both engines, stays under 15 minutes on 2 cores.
    repeats, duration, mix = ("2", "3", "4") if quick else ("3", "4", "6")
    for name in engines:
        url = URLS[name]
        if name == "postgresql":
            ensure_pg_database(url)
        step(f"{name}: seed", ["-m", "bench.seed", "--database-url", url], url, timings)
        step(f"{name}: queries", ["-m", "bench.queries", "--database-url", url], url, timings)
        if name == engines[0]:  # the test itself; `make test` runs it on every engine
            ok = step(f"{name}: query budget test",
                      ["-m", "pytest", "-q", "-p", "no:cacheprovider",
                       "tests/test_query_budget.py"], url, timings)
            save(f"budgettest-{name}.json", {"passed": ok})
        step(f"{name}: page weight", ["-m", "bench.pageweight", "--database-url", url], url,
             timings)
        step(f"{name}: load", ["-m", "bench.load", "--database-url", url, "--repeats", repeats,
                               "--duration", duration, "--mix-duration", mix], url, timings)
        runs = "1" if quick else "2"
        step(f"{name}: lighthouse", ["-m", "bench.lighthouse", "--database-url", url,
                                     "--runs", runs], url, timings)
        step(f"{name}: dispatch", ["-m", "bench.dispatch", "--database-url",
                                   DISPATCH_URLS[name], "--deadline", "100"], url, timings)
        if name == engines[0]:  # what the workers keep is the same whichever the database
            step(f"{name}: memory", ["-m", "bench.memory", "--database-url", url], url, timings)


# -- the report -----------------------------------------------------------------------------

def _ms(value) -> str:
    return "—" if value is None else f"{value:.1f} ms"


def _pct(value) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def _kb(value) -> str:
    return "—" if value is None else f"{value / 1024:.1f} KB"


def _ok(value, good) -> str:
    if value is None:
        return "?"
    return "met" if good(value) else "**missed**"


def _get(data, *path):
    for key in path:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def figures(name: str) -> dict:
    """The headline figures of one engine, from bench/results/."""
    load_result = load(f"load-{name}.json") or {}
    phases = _get(load_result, "median", "phases") or {}
    pages = load(f"pageweight-{name}.json") or {}
    queries = load(f"queries-{name}.json") or {}
    dispatch = load(f"dispatch-{name}.json") or {}
    lighthouse = load(f"lighthouse-{name}.json") or {}
    budget = load(f"budgettest-{name}.json") or {}
    sent = _get(dispatch, "counts", "sent")
    return {
        "today_p95": _get(phases, "today", "endpoints", "GET /today", "p95_ms"),
        "today_share": _get(phases, "today", "share_of_hello"),
        "tick_p95": _get(phases, "tick", "endpoints", "POST /today/tick", "p95_ms"),
        "tick_share": _get(phases, "tick", "share_of_hello"),
        "clients_p95": _get(phases, "clients", "endpoints", "GET /clients", "p95_ms"),
        "clients_mix_p95": _get(phases, "mix", "endpoints", "GET /clients", "p95_ms"),
        "first_load": _get(pages, "first_load", "total_gzip_bytes"),
        "tick_bytes": _get(pages, "tick", "gzip_bytes"),
        "today_queries": _get(queries, "pages", "/today", "queries"),
        "budget_test": budget.get("passed"),
        "dispatch_s": (dispatch.get("projected_s") or (dispatch["wall_s"] * 10_000 / sent)
                       if sent else None),
        "dispatch_finished": dispatch.get("finished"),
        "dispatch_sent": sent,
        "lh": lighthouse.get("median") or {},
    }


def targets_table(engines) -> list[str]:
    f = {name: figures(name) for name in engines}
    rows = [
        ("`/today` p95, 16 connections", "< 25 ms", "today_p95", _ms, lambda v: v < 25),
        ("`/today` throughput / hello", "≥ 40%", "today_share", _pct, lambda v: v >= 0.4),
        ("tick POST p95, 16 connections", "< 25 ms", "tick_p95", _ms, lambda v: v < 25),
        ("tick POST throughput / hello", "≥ 40%", "tick_share", _pct, lambda v: v >= 0.4),
        ("caseload of 50 (`/clients`) p95, 16 connections on it", "< 60 ms", "clients_p95",
         _ms, lambda v: v < 60),
        ("… the same in the mix (3 of 16 connections are therapists)", "< 60 ms",
         "clients_mix_p95", _ms, lambda v: v < 60),
        ("first load of `/today`, gzip", "< 60 KB", "first_load", _kb, lambda v: v < 60 * 1024),
        ("tick fragment, gzip", "< 3 KB", "tick_bytes", _kb, lambda v: v < 3 * 1024),
        ("queries on `/today`", "< 10", "today_queries", str, lambda v: v < 10),
        ("queries constant as data grows (test)", "pass", "budget_test",
         lambda v: "pass" if v else "fail", bool),
        ("10,000 reminders sent (¹)", "< 60 s", "dispatch_s", lambda v: f"{v:.0f} s",
         lambda v: v < 60),
    ]
    head = "| target | goal | " + " | ".join(_label(n) for n in engines) + " |"
    out = [head, "|---|---|" + "---|" * len(engines)]
    for label, goal, key, fmt, good in rows:
        cells = []
        for name in engines:
            value = f[name][key]
            cells.append("—" if value is None else f"{fmt(value)} ({_ok(value, good)})")
        out.append(f"| {label} | {goal} | " + " | ".join(cells) + " |")
    out_extra = []
    if any(f[n].get("dispatch_finished") is False for n in engines):
        out_extra.append("")
        out_extra.append("(¹) Where the send was still running at the suite's 100 s deadline, "
                         "the figure is 10,000 ÷ the rate reached by then (see below).")
    for category, goal, good in (("performance", "≥ 95", lambda v: v >= 95),
                                 ("accessibility", "100", lambda v: v >= 100),
                                 ("best-practices", "≥ 95", lambda v: v >= 95)):
        cells = []
        for name in engines:
            value = f[name]["lh"].get(category)
            cells.append("—" if value is None else f"{value:.0f} ({_ok(value, good)})")
        out.append(f"| Lighthouse mobile {category} | {goal} | " + " | ".join(cells) + " |")
    out_extra += ["", "Server CPU per request (gunicorn workers' CPU time ÷ requests, median; "
                  "the steadiest figure on a shared machine):", ""]
    for name in engines:
        phases = _get(load(f"load-{name}.json") or {}, "median", "phases") or {}
        parts = [f"{label} {_ms(_get(phases, phase, 'server_cpu_ms_per_request'))}"
                 for phase, label in (("hello", "hello"),
                                      ("floor", "a signed-in POST that does nothing"),
                                      ("today", "`/today`"),
                                      ("tick", "tick/undo"), ("care", "`/care`"),
                                      ("care_client", "`/care/<id>`"),
                                      ("clients", "`/clients`"),
                                      ("client_record", "`/clients/<id>`"))]
        out_extra.append(f"- {_label(name)}: " + ", ".join(parts) + ".")
    return out + out_extra


def _label(name):
    return {"sqlite": "SQLite", "postgresql": "PostgreSQL"}[name]


def load_tables(name: str) -> list[str]:
    result = load(f"load-{name}.json")
    if not result:
        return [f"No load figures for {_label(name)}."]
    phases = result["median"]["phases"]
    hello = phases.get("hello", {}).get("rps")
    out = [f"#### {_label(name)}", "",
           f"Hello ceiling: **{hello:.0f} requests/s** (median of {result['repeats']} runs).", "",
           f"Hello costs the server {_get(phases, 'hello', 'server_cpu_ms_per_request') or 0:.2f}"
           " ms of CPU per request. *Server CPU* below is the gunicorn workers' CPU time per "
           "request in that phase: unlike throughput it hardly moves when other work shares "
           "the machine.", "",
           "| phase | endpoint | req/s | share of hello | p50 | p95 | p99 | errors | server CPU |",
           "|---|---|---|---|---|---|---|---|---|"]
    for phase, data in phases.items():
        if phase == "hello":
            continue
        for endpoint, e in data["endpoints"].items():
            share = data.get("share_of_hello") if phase != "mix" else None
            out.append(f"| {phase} | {endpoint} | {e['rps']:.0f} | {_pct(share)} | "
                       f"{_ms(e['p50_ms'])} | {_ms(e['p95_ms'])} | {_ms(e['p99_ms'])} | "
                       f"{e['errors']:.0f} | {_ms(data.get('server_cpu_ms_per_request'))} |")
    mix = phases.get("mix", {})
    if mix:
        out += ["", f"The mix as a whole: {mix['rps']:.0f} requests/s "
                f"({_pct(mix.get('share_of_hello'))} of hello)."]
    floor = phases.get("floor")
    if floor:
        out += ["", "*floor* is the tick's POST (same cookies, CSRF header and form) sent to "
                "Homeward with one route added that does nothing (`bench/floor.py`): what every "
                "signed-in POST costs before its view runs, "
                f"{_pct(floor.get('share_of_hello'))} of hello."]
    gen = max((p.get("generator_cpu_share") or 0) for p in phases.values())
    out += [f"The load generator itself used at most {gen * 100:.0f}% of the machine's CPU "
            "in any phase."]
    return out


def query_table(engines) -> list[str]:
    data = {n: load(f"queries-{n}.json") for n in engines}
    names = []
    for d in data.values():
        for page in (d or {}).get("pages", {}):
            if page not in names:
                names.append(page)
    out = ["| page | " + " | ".join(_label(n) for n in engines) + " |",
           "|---|" + "---|" * len(engines)]
    for page in names:
        cells = []
        for n in engines:
            p = _get(data[n], "pages", page)
            kept = f" ({p['kept']} kept)" if p is not None and "kept" in p else ""
            cells.append("—" if p is None else (f"{p['queries']}{kept}" if p["status"] == 200
                                                else f"{p['queries']} (HTTP {p['status']})"))
        out.append(f"| {page} | " + " | ".join(cells) + " |")
    return out


def page_weight_table(name: str) -> list[str]:
    data = load(f"pageweight-{name}.json")
    if not data:
        return ["No page-weight figures."]
    first = data["first_load"]
    out = ["| resource | type | loaded by | bytes | gzip |", "|---|---|---|---|---|"]
    for r in first["resources"]:
        out.append(f"| `{r['path']}` | {r['type']} | {r['by']} | {r['bytes']:,} | "
                   f"{r['gzip_bytes']:,} |")
    out.append(f"| **total** | | | {first['total_bytes']:,} | **{first['total_gzip_bytes']:,}** |")
    tick = data["tick"]
    out += ["", f"Tick fragment (htmx POST answer): {tick.get('bytes', 0):,} bytes, "
            f"**{tick.get('gzip_bytes', 0):,} gzip**.",
            "", "The app " + ("compresses responses itself." if first["app_compresses"] else
                              "does not compress responses itself: the gzip figures are what a "
                              "deploy behind a compressing proxy (nginx `gzip on`, Caddy "
                              "`encode gzip`) sends; served raw, the first load is "
                              f"{first['total_bytes'] / 1024:.0f} KB.")]
    return out


def dispatch_table(engines) -> list[str]:
    out = ["| | " + " | ".join(_label(n) for n in engines) + " |",
           "|---|" + "---|" * len(engines)]
    data = {n: load(f"dispatch-{n}.json") or {} for n in engines}

    def row(label, fn):
        cells = []
        for n in engines:
            try:
                cells.append(fn(data[n]))
            except (KeyError, TypeError, ZeroDivisionError):
                cells.append("—")
        out.append(f"| {label} | " + " | ".join(cells) + " |")

    row("sent / due", lambda d: f"{d['counts']['sent']:,} / {d['reminders_due']:,}"
        + ("" if d.get("finished", True) else " (stopped at the deadline)"))
    row("wall time", lambda d: f"{d['wall_s']:.1f} s")
    row("10,000 at this rate", lambda d: f"{d['reminders_due'] / d['per_second']:.0f} s")
    row("reminders/s", lambda d: f"{d['per_second']:.0f}")
    row("sender CPU per reminder", lambda d: f"{d['cpu_ms_per_reminder']:.2f} ms")
    for key, label in (("encrypt", "… encryption (RFC 8291, `webpush`)"),
                       ("vapid", "… VAPID signature (ES256 JWT)"),
                       ("http", "… HTTP request to the push service"),
                       ("text", "… reminder text (today's plan from the database)"),
                       ("claim", "… claiming the occurrence (insert)"),
                       ("rest", "… everything but encryption, signature and HTTP")):
        row(label, lambda d, key=key: f"{d['cpu_ms_split'][key]:.2f} ms")
    row("push service: decrypted OK / errors",
        lambda d: f"{d['push_service']['received']:,} / {d['push_service']['error_count']}")
    return out


def _mib(value) -> str:
    return f"{value / 2**20:.0f} MiB"


def memory_lines(engines) -> list[str]:
    """The web process's memory before and after everyone in the clinic used it once."""
    for name in engines:
        result = load(f"memory-{name}.json")
        if result:
            break
    else:
        return ["No memory figures."]
    people = result["people"]

    def row(label, when):
        snap = result[when]
        rss = sorted(w["rss"] for w in snap["workers"])
        pss = snap["master"]["pss"] + sum(w["pss"] for w in snap["workers"])
        return label, f"{rss[0] / 2**20:.0f}–{_mib(rss[-1])}", _mib(pss)

    rows = [row("gunicorn started", "before"), row("after everyone, once", "after")]
    return [f"{_label(name)}, gunicorn as in the Procfile: {people['client']:,} clients, "
            f"{people['caregiver']:,} caregivers and {people['therapist']:,} therapists each "
            "signed in and used the app once (a client: Today, a tick and its undo; a "
            "caregiver: their list and each person they help; a therapist: the caseload and "
            f"each client's record): {result['requests']:,} requests in {result['seconds']:.0f} s, "
            f"{result['failed']} refused. RSS counts the pages a worker shares with the others "
            "in each worker; PSS shares them out, so the sum over the master and its workers "
            "is what the web process takes of the machine's memory.", "",
            "| | each worker, RSS | the web process in all, PSS |", "|---|---|---|",
            *[f"| {label} | {rss} | {pss} |" for label, rss, pss in rows]]


def lighthouse_lines(engines) -> list[str]:
    out = []
    for n in engines:
        data = load(f"lighthouse-{n}.json")
        if not data:
            continue
        scores = ", ".join(f"{k} {v:.0f}" for k, v in data["median"].items())
        out.append(f"- {_label(n)}: {scores} (median of {len(data['runs'])} runs; "
                   f"{data.get('chromium', '')}).")
        failing = {}
        for run in data["runs"]:
            for audit_id, audit in run["failing"].items():
                failing[audit_id] = audit
        if failing:
            out.append("  Audits below full marks: " + "; ".join(
                f"{a['title']} ({a['category']}, score {a['score']}"
                + (f", {a['display']}" if a['display'] else "") + ")"
                for a in failing.values()) + ".")
    return out


def _workers(settings: dict) -> str:
    workers, threads = settings.get("workers", "?"), settings.get("threads", "?")
    if threads == "1":
        return (f"{workers} single-threaded workers (gunicorn's sync workers: one request at "
                "a time, the connection closed after each answer)")
    return f"{workers} workers × {threads} threads (gunicorn's gthread workers, keep-alive)"


def report(engines, timings: dict | None = None) -> str:
    m = load("machine.json") or machine()
    settings = _get(load(f"load-{engines[0]}.json") or {}, "server") or {}
    lines = [START, "",
             f"_Generated by `make bench` on {dt.date.today().isoformat()}; "
             "rerun it to refresh everything between the markers._", "",
             "### Machine", "",
             f"- {m['nproc']} CPU cores: {m['cpu']}; {m['ram']} RAM; {m['os']}",
             f"- Python {m['python']}, SQLite {m['sqlite']}, PostgreSQL {m['postgresql']}",
             f"- gunicorn as in the Procfile: {_workers(settings)}, access log on; 16 "
             "concurrent connections, closed loop (no think time).", "",
             "### Figures against the targets", "", *targets_table(engines), "",
             "### Load test (medians over repeats)", ""]
    for n in engines:
        lines += load_tables(n) + [""]
    lines += ["### Queries per page", "",
              "Data statements (SELECT/INSERT/UPDATE/DELETE; not BEGIN/COMMIT) per request, "
              "for therapist 1 of the seeded clinic, the client on that caseload with the "
              "most history and a caregiver of one of those clients. "
              "`tests/test_query_budget.py` checks that these counts are the same at two "
              "data sizes.", "", *query_table(engines), "",
              "### Page weight (first load of `/today`, a seeded client with 6 plan items)", "",
              *page_weight_table(engines[0]), "",
              "### Reminder dispatch", "", *dispatch_table(engines), "",
              "### Lighthouse 12.2.3, `/today`, mobile emulation", "",
              *lighthouse_lines(engines), "",
              "### Memory", "", *memory_lines(engines), ""]
    if timings:
        lines += ["### This run", "", "| step | seconds | ok |", "|---|---|---|"]
        lines += [f"| {k} | {v['seconds']} | {'yes' if v['ok'] else '**no**'} |"
                  for k, v in timings.items()]
        total = sum(v["seconds"] for v in timings.values())
        lines += ["", f"Whole suite: {total / 60:.1f} minutes.", ""]
    lines.append(END)
    return "\n".join(lines)


def write_doc(block: str) -> None:
    """Replace the generated block of docs/benchmarks.md (creating the file if needed)."""
    os.makedirs(os.path.dirname(DOC), exist_ok=True)
    try:
        with open(DOC) as fh:
            text = fh.read()
    except FileNotFoundError:
        text = "# Benchmarks\n\n" + START + "\n" + END + "\n"
    if START in text and END in text:
        head, rest = text.split(START, 1)
        tail = rest.split(END, 1)[1]
        text = head + block + tail
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    with open(DOC, "w") as fh:
        fh.write(text)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", nargs="+", default=["sqlite", "postgresql"],
                        choices=["sqlite", "postgresql"])
    parser.add_argument("--quick", action="store_true", help="shorter load phases, 1 run each")
    parser.add_argument("--report-only", action="store_true")
    args = parser.parse_args(argv)
    timings = load("timings.json") if args.report_only else {}
    failed = False
    if not args.report_only:
        for stale in glob.glob(os.path.join(RESULTS, "*.json")):
            os.remove(stale)  # figures from an earlier run must not pass for this one's
        save("machine.json", machine())
        started = time.perf_counter()
        measure(args.engines, args.quick, timings)
        timings["total"] = {"seconds": round(time.perf_counter() - started, 1), "ok": True}
        save("timings.json", timings)
        failed = not all(v["ok"] for v in timings.values())
    steps = {k: v for k, v in (timings or {}).items() if k != "total"}
    write_doc(report(args.engines, steps))
    print(f"wrote {os.path.relpath(DOC, ROOT)}")
    print(json.dumps({n: figures(n) for n in args.engines}, indent=2, default=str))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
