"""Shared helpers for the accessibility browser tests: which pages each role has, real ids for
them from the live server's demo database, signed-in browser profiles and the axe-core run.

The page list comes from the app's url_map, so a new GET page is walked without anyone adding
it here. A page whose URL needs a value this module cannot supply stops the collection (see
`ARG_SOURCES`): it is never skipped quietly.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tests.browser.conftest import CHROMIUM_ARGS, DESKTOP, PHONE, ROOT, sign_in  # noqa: F401

AXE = Path(__file__).parent / "vendor" / "axe-4.11.1.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
ROLES = {"client": "client@example.org", "caregiver": "caregiver@example.org",
         "therapist": "therapist@example.org"}
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}

# Endpoints that answer something other than an HTML page (files, JSON, downloads).
NOT_PAGES = {
    "static", "pages.healthz", "push.manifest", "push.service_worker", "push.public_key",
    "uploads.picture", "therapist.export_checkins", "therapist.export_completions",
    "rights.export_zip", "rights.export_json",
}
# Pages for people who are not signed in (links from emails, the sign-in form, offline).
SIGNED_OUT = {"auth.login", "push.offline", "auth.join", "auth.magic_reset", "auth.magic_signin"}
# Signed-in pages every role has.
EVERY_ROLE = {"pages.index", "auth.settings", "rights.data", "rights.password",
              "auth.passkey_setup"}
# Pages outside the role blueprints, by role.
EXTRA = {
    "therapist": {"push.client_reminders", "auth.client_signin_help", "rights.discharge_page",
                  "auth.enrol", "auth.second_factor", "auth.totp_enrol", "auth.recovery_codes"},
    "caregiver": {"links.accept"},
    "client": set(),
}
# Further states of a page worth their own check: (endpoint, query string).
VARIANTS = {
    "caregiver.guides_show": ["step=1", "step=2"],
    "client.exercise_steps": ["step=2"],
}
# Where each URL argument comes from; anything else fails the collection.
ARG_SOURCES = {"client_id", "assessment_id", "guide_id", "exercise_id", "item_id", "token"}


@dataclass(frozen=True)
class Page:
    """One page to check: who looks at it and how its URL is built."""

    role: str  # a key of ROLES, or "guest"
    endpoint: str
    rule: str
    args: tuple[str, ...]
    query: str = ""

    @property
    def id(self) -> str:
        return f"{self.role}:{self.endpoint}" + (f"?{self.query}" if self.query else "")


def _owner(endpoint: str) -> set[str]:
    blueprint = endpoint.split(".", 1)[0]
    if endpoint in SIGNED_OUT:
        return {"guest"}
    if endpoint in EVERY_ROLE:
        return set(ROLES)
    owners = {role for role, extra in EXTRA.items() if endpoint in extra}
    if blueprint in ROLES:
        owners.add(blueprint)
    return owners


def _url_map():
    from app import create_app

    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"DATABASE_URL": f"sqlite:///{tmp}/urls.db", "SECRET_KEY": "urls"})
        return list(app.url_map.iter_rules())


def all_pages() -> list[Page]:
    """Every GET page of the app, per role. :raise LookupError: a page nobody can be sent to."""
    pages = []
    unplaced, unknown = [], []
    for rule in _url_map():
        if "GET" not in rule.methods or rule.endpoint in NOT_PAGES:
            continue
        owners = _owner(rule.endpoint)
        if not owners:
            unplaced.append(rule.rule)
        missing = set(rule.arguments) - ARG_SOURCES
        if missing:
            unknown.append(f"{rule.rule} needs {sorted(missing)}")
        for role in sorted(owners):
            args = tuple(sorted(rule.arguments))
            pages.append(Page(role, rule.endpoint, rule.rule, args))
            for query in VARIANTS.get(rule.endpoint, []):
                pages.append(Page(role, rule.endpoint, rule.rule, args, query))
    if unplaced or unknown:
        raise LookupError(
            "The accessibility walk cannot reach these pages; say in tests/browser/a11y.py which "
            "role has them or where their ids come from: " + "; ".join(unplaced + unknown))
    return sorted(pages, key=lambda p: p.id)


# -- real ids from the demo database ------------------------------------------------------

_SETUP = """
import json
from app import create_app
from app.auth.magic import create_link
from app.invites import create_invite
from app.models import Exercise, User

app = create_app()
with app.app_context():
    t = User.get(User.email == "therapist@example.org")
    rose = User.get(User.email == "client@example.org")
    own = Exercise.get_or_none(Exercise.owner == t, Exercise.title == "Wall push (my version)")
    if own is None:
        base = Exercise.select().where(Exercise.owner.is_null()).order_by(Exercise.id).first()
        own = Exercise.create(owner=t, title="Wall push (my version)", category=base.category,
                              purpose=base.purpose, steps=base.steps, safety=base.safety,
                              equipment=base.equipment, reps=10)
    print(json.dumps({
        "exercise": own.id,
        "auth.join": create_invite(t, "client", name="New client")[1],
        "links.accept": create_invite(t, "caregiver", client=rose)[1],
        "auth.magic_signin": create_link(rose, t, "signin")[1],
        "auth.magic_reset": create_link(rose, t, "reset")[1],
    }))
"""


class Ids:
    """Real ids for the demo client (Rose) and the records around her."""

    def __init__(self, server):
        self.server = server
        self._made = None

    def _one(self, sql, params=()):
        rows = self.server.query(sql, params)
        if not rows:
            raise LookupError(f"the demo database has nothing for: {sql}")
        return rows[0][0]

    def rose(self):
        return self._one('select id from "user" where email = ?', ("client@example.org",))

    def made(self):
        """Invites, links and a therapist's own exercise (made again after a demo reset)."""
        if self._made and self.server.query("select id from exercise where id = ?",
                                            (self._made["exercise"],)):
            return self._made
        result = subprocess.run([sys.executable, "-c", _SETUP], cwd=ROOT, env=self.server.env,
                                capture_output=True, text=True, check=True)
        self._made = json.loads(result.stdout.strip().splitlines()[-1])
        return self._made

    def value(self, arg: str, page: Page):
        rose = self.rose()
        if arg == "client_id":
            return rose
        if arg == "assessment_id":
            return self._one("select id from assessment where client_id = ? order by id", (rose,))
        if arg == "guide_id":
            return self._one("select guide_id from guide_assignment where client_id = ? "
                             "order by id", (rose,))
        if arg == "item_id":
            return self._one(
                "select pi.id from plan_item pi join plan p on p.id = pi.plan_id "
                "where p.client_id = ? and p.is_active = ? and pi.status = 'active' "
                "order by pi.position, pi.id", (rose, True))
        if arg == "exercise_id":
            return self.made()["exercise"]
        if arg == "token":
            return self.made()[page.endpoint]
        raise LookupError(arg)

    def path(self, page: Page) -> str:
        """The page's URL path with real ids filled in."""
        path = page.rule
        for arg in page.args:
            path = path.replace(f"<int:{arg}>", str(self.value(arg, page)))
            path = path.replace(f"<{arg}>", str(self.value(arg, page)))
        return path + (f"?{page.query}" if page.query else "")


# -- signed-in profiles --------------------------------------------------------------------

class Profiles:
    """One sign-in per role for the whole run, copied into fresh browser contexts."""

    def __init__(self, browser, server):
        self.browser, self.server = browser, server
        self.states = {}

    def _sign_in(self, role):
        ctx = self.browser.new_context(base_url=self.server.url, viewport=PHONE)
        page = ctx.new_page()
        sign_in(page, ROLES[role])
        self.states[role] = ctx.storage_state()
        ctx.close()

    def context(self, role, viewport, **kwargs):
        """A new browser context, signed in as `role` ("guest": signed out)."""
        state = None
        if role != "guest":
            if role not in self.states:
                self._sign_in(role)
            state = self.states[role]
        return self.browser.new_context(base_url=self.server.url, viewport=viewport,
                                        storage_state=state, **kwargs)

    def goto(self, ctx, role, path):
        """Open `path`; signs in again if the saved session was ended (e.g. a demo reset)."""
        page = ctx.pages[0] if ctx.pages else ctx.new_page()
        response = page.goto(path)
        if role != "guest" and "/login" in page.url and not path.startswith("/login"):
            self._sign_in(role)
            ctx.add_cookies(self.states[role]["cookies"])
            response = page.goto(path)
        return page, response


# -- axe -----------------------------------------------------------------------------------

AXE_RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html,
                              summary: n.failureSummary}))}));
}"""


def open_all_details(page):
    """Open every <details>, so what sits inside is checked too."""
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")


def axe_violations(page) -> list[dict]:
    """axe-core's WCAG 2.2 A/AA violations on the page as it is now (needs bypass_csp)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(AXE_RUN, AXE_TAGS)


def describe(violations: list[dict], where: str) -> str:
    """One readable line per failing element: the rule, the element and its HTML."""
    lines = [f"axe found {len(violations)} rule(s) broken on {where}:"]
    for v in violations:
        for node in v["nodes"]:
            lines.append(f"  [{v['id']}] {v['help']}\n      at {node['target']}\n"
                         f"      html: {node['html'][:300]}\n      {node['summary'] or ''}")
    return "\n".join(lines)


def env_flag(name: str) -> bool:
    """True when an environment variable asks for something (e.g. A11Y_SCREENSHOTS=1)."""
    return os.environ.get(name, "") not in ("", "0")
