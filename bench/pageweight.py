"""Page weight: gzip bytes of the first load of /today (with everything it fetches) and of a tick.

A signed-in client opens /today in headless Chromium (390x844, empty cache); every
response the page and its service worker fetch is recorded, and each body is
measured gzipped (level 6). When the app does not compress a response itself, that
gzip size is what a deploy behind a compressing proxy sends, and what is reported.
The htmx tick fragment is measured the same way from a real POST.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sys
import time

if __package__ in (None, ""):
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.common import SQLITE_URL, Server, engine, save

CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def gz(data: bytes) -> int:
    """Bytes of data gzipped at level 6 (what nginx and most proxies use)."""
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def first_load(base: str, cookies: dict) -> dict:
    """Every resource the first visit to /today loads, with raw and gzip bytes."""
    from playwright.sync_api import sync_playwright

    os.environ.setdefault("PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS", "1")
    seen: dict[str, dict] = {}

    def on_response(response):
        url = response.url
        if not url.startswith(base) or url in seen:
            return
        try:
            body = response.body()
        except Exception:  # redirects and aborted requests have no body
            return
        headers = response.headers
        seen[url] = {
            "path": url[len(base):], "status": response.status,
            "type": headers.get("content-type", "").split(";")[0],
            "encoding": headers.get("content-encoding", ""),
            "bytes": len(body), "gzip_bytes": gz(body),
            "by": "service worker" if response.request.service_worker else "page",
        }

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 390, "height": 844},
                                      device_scale_factor=2, is_mobile=True, has_touch=True)
        context.add_cookies([{"name": k, "value": v, "url": base} for k, v in cookies.items()])
        context.on("response", on_response)
        page = context.new_page()
        page.goto(base + "/today", wait_until="networkidle")
        time.sleep(1.5)  # let a service worker finish installing (its precache counts)
        page.wait_for_load_state("networkidle")
        # Lazy images below the fold come in when scrolled to: count them too.
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_load_state("networkidle")
        time.sleep(0.5)
        browser.close()
    for entry in seen.values():
        if entry["bytes"] == 0 and entry["status"] == 200:
            # Bodies a service worker fetched are not handed to Playwright: fetch them again.
            body = _fetch(base + entry["path"], cookies)
            entry.update(bytes=len(body), gzip_bytes=gz(body))
    resources = sorted(seen.values(), key=lambda r: (r["by"], r["path"]))
    return {
        "resources": resources,
        "total_bytes": sum(r["bytes"] for r in resources),
        "total_gzip_bytes": sum(r["gzip_bytes"] for r in resources),
        "page_only_gzip_bytes": sum(r["gzip_bytes"] for r in resources if r["by"] == "page"),
        "app_compresses": any(r["encoding"] for r in resources),
    }


def _fetch(url: str, cookies: dict) -> bytes:
    import urllib.request

    request = urllib.request.Request(url, headers={
        "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())})
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (loopback)
        return response.read()


def tick_fragment(port: int, person) -> dict:
    """The htmx fragment a tick answers with (the card, progress and the spoken message)."""
    import secrets
    from urllib.parse import urlencode

    from bench.load import HIDDEN, TICK_FORM, UNDO, Conn

    conn = Conn(port)
    conn.cookies = dict(person.cookies)
    _, _, page = conn.request("GET", "/today")
    forms = TICK_FORM.findall(page)
    # The seeded history can end with the whole day done (which day is "today" depends on
    # the hour and the client's time zone): then tick a card of an earlier day it offers.
    for day in re.findall(rb'href="/today\?day=(\d{4}-\d{2}-\d{2})"', page):
        if forms:
            break
        _, _, page = conn.request("GET", "/today?day=" + day.decode())
        forms = TICK_FORM.findall(page)
    if not forms:
        return {"error": "no card left to tick"}
    fields = {k.decode(): v.decode() for k, v in HIDDEN.findall(forms[0])}
    fields["key"] = secrets.token_urlsafe(16)
    headers = {"Content-Type": "application/x-www-form-urlencoded", "X-CSRFToken": person.csrf,
               "HX-Request": "true", "Accept-Encoding": "gzip"}
    status, resp_headers, body = conn.request("POST", "/today/tick",
                                              urlencode(fields).encode(), headers)
    served = len(body)
    encoding = resp_headers.get("content-encoding", [""])[0]
    if encoding == "gzip":
        body = gzip.decompress(body)
    undo = UNDO.search(body)
    if undo:  # leave the data as it was
        conn.request("POST", undo.group(1).decode(), b"",
                     {"X-CSRFToken": person.csrf, "HX-Request": "true",
                      "Content-Type": "application/x-www-form-urlencoded"})
    conn.close()
    return {"status": status, "bytes": len(body), "gzip_bytes": gz(body),
            "served_bytes": served, "encoding": encoding}


def run(url: str) -> dict:
    """Page weight of /today and of a tick, for one seeded client (a plan of 6 items)."""
    from bench.load import pick_people

    people = pick_people(url, {"client": 8, "caregiver": 0, "therapist": 0}, seed=11)["client"]
    person = people[0]
    with Server("app:create_app()", url) as server:
        person.sign_in(server.port)
        load = first_load(server.base, person.cookies)
        # A client who practised everything of the days they may tick has no card left:
        # the next seeded client is measured instead.
        for ticker in people:
            if ticker is not person:
                ticker.sign_in(server.port)
            tick = tick_fragment(server.port, ticker)
            if "error" not in tick:
                break
    return {"engine": engine(url), "client": person.email, "first_load": load, "tick": tick}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", SQLITE_URL))
    args = parser.parse_args(argv)
    result = run(args.database_url)
    save(f"pageweight-{result['engine']}.json", result)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
