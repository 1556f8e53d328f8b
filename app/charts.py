"""Server-rendered, accessible SVG charts: a calendar heatmap, a line chart, a bar chart.

Each helper returns a `Chart`: the SVG (presentation attributes only, no style=, so
it passes the strict CSP), a table with the same numbers, and a one-line summary.
Colour is never the only signal: heatmap cells fill by height and carry marks, lines
differ by dash and marker shape, bars carry their value as text. Rendering a Chart
in a template (`{{ chart }}`) gives a <figure> with the SVG, the summary as caption
and the table in a <details>; use `.svg`, `.table` and `.summary` to lay them out
differently.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from flask_babel import gettext as _
from markupsafe import Markup, escape

from .i18n import decimal, format_date, percent

FONT = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif"
INK, MUTED, GRID = "#1f2328", "#4d5560", "#c9ced6"
FILL, EMPTY, NONE_DUE = "#1f7a70", "#ffffff", "#eef0f3"
# Series styles: colour, dash pattern and marker all differ, so nothing rests on colour.
STYLES = [
    ("#1d4e89", "", "circle"),
    ("#9a4a00", "7 4", "square"),
    ("#1f7a70", "2 3", "triangle"),
    ("#6b3fa0", "9 3 2 3", "diamond"),
]


@dataclass
class Chart:
    svg: Markup
    table: Markup
    summary: str
    title: str

    def __html__(self) -> str:
        return str(Markup(
            '<figure class="chart"><figcaption class="chart-caption">{summary}</figcaption>'
            '{svg}<details class="chart-table"><summary>{show}</summary>'
            '<div class="table-wrap" tabindex="0" role="region" aria-label="{label}">{table}</div>'
            '</details></figure>'
        ).format(summary=self.summary, svg=self.svg, table=self.table,
                 show=_("Show as a table"), label=_("%(title)s: table", title=self.title)))


def _id(prefix: str, given: str | None) -> str:
    return given or f"{prefix}-{secrets.token_hex(4)}"


def _num(value: float) -> str:
    """A coordinate with at most one decimal, for compact SVG."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _svg(chart_id: str, width: int, height: int, title: str, desc: str, body: list[str]) -> Markup:
    head = Markup(
        '<svg class="chart-svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" '
        'aria-labelledby="{i}-t {i}-d" font-family="{f}" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{i}-t">{title}</title><desc id="{i}-d">{desc}</desc>'
    ).format(w=width, h=height, i=chart_id, f=FONT, title=title, desc=desc)
    return head + Markup("".join(body)) + Markup("</svg>")


def _table(caption: str, head: list[str], rows: list[list[str]], row_headers=True) -> Markup:
    out = [Markup('<table class="data-table"><caption>{}</caption><thead><tr>').format(caption)]
    out += [Markup('<th scope="col">{}</th>').format(h) for h in head]
    out.append(Markup("</tr></thead><tbody>"))
    for row in rows:
        out.append(Markup("<tr>"))
        for n, cell in enumerate(row):
            tag = "th" if n == 0 and row_headers else "td"
            scope = ' scope="row"' if tag == "th" else ""
            out.append(Markup("<{t}{s}>{c}</{t}>").format(t=Markup(tag), s=Markup(scope), c=cell))
        out.append(Markup("</tr>"))
    out.append(Markup("</tbody></table>"))
    return Markup("").join(out)


def _text(x, y, text, size=11, anchor="middle", fill=MUTED, weight="normal") -> str:
    return str(Markup(
        '<text x="{x}" y="{y}" font-size="{s}" text-anchor="{a}" fill="{f}" '
        'font-weight="{w}">{t}</text>'
    ).format(x=_num(x), y=_num(y), s=size, a=anchor, f=fill, w=weight, t=text))


# ---------------------------------------------------------------- heatmap
CELL, GAP, LEFT, TOP = 24, 4, 30, 20


def _share_text(share: float | None) -> str:
    return _("nothing due") if share is None else percent(share)


def _cell(x: float, y: float, share: float | None, label: str, is_today: bool,
          hatch: str) -> str:
    """One day: hatched when nothing was due, else an outlined box filled from the bottom."""
    parts = [str(Markup("<g><title>{}</title>").format(label))]
    if share is None:
        parts.append(f'<rect x="{x}" y="{y}" width="{CELL}" height="{CELL}" rx="4" '
                     f'fill="url(#{hatch})" stroke="{GRID}"/>')
    else:
        parts.append(f'<rect x="{x}" y="{y}" width="{CELL}" height="{CELL}" rx="4" '
                     f'fill="{EMPTY}" stroke="#7b8591" stroke-width="1.5"/>')
        if share > 0:
            h = max(3.0, CELL * min(share, 1.0))
            parts.append(f'<rect x="{x}" y="{_num(y + CELL - h)}" width="{CELL}" '
                         f'height="{_num(h)}" rx="4" fill="{FILL}"/>')
        if share >= 1:
            parts.append(f'<path d="M{x + 6} {y + 12.5} l4.5 4.5 l8 -9" fill="none" '
                         f'stroke="#ffffff" stroke-width="3" stroke-linecap="round" '
                         f'stroke-linejoin="round"/>')
    if is_today:
        parts.append(f'<rect x="{x - 2}" y="{y - 2}" width="{CELL + 4}" height="{CELL + 4}" '
                     f'rx="6" fill="none" stroke="{INK}" stroke-width="2" stroke-dasharray="3 2"/>')
    parts.append("</g>")
    return "".join(parts)


def _legend_item(x, y, share, text, hatch) -> str:
    cell = _cell(x, y, share, text, False, hatch)
    return cell + _text(x + CELL + 5, y + 16, text, anchor="start")


def heatmap(days: dict[dt.date, float | None], end: dt.date, weeks: int = 12,
            labels: dict[dt.date, str] | None = None, title: str | None = None,
            chart_id: str | None = None) -> Chart:
    """A weeks-by-weekday calendar of shares (0..1) ending with end's week.

    `days` maps a date to the share done; a date absent or None had nothing due.
    `labels` gives each date's text (e.g. "3 of 6 done") for tooltips and the table.
    Days after `end` are left blank.
    """
    labels = labels or {}
    title = title or _("Practice calendar")
    chart_id = _id("heatmap", chart_id)
    first = end - dt.timedelta(days=end.weekday()) - dt.timedelta(weeks=weeks - 1)
    width = max(LEFT + weeks * (CELL + GAP), 270)  # room for the legend
    grid_h = TOP + 7 * (CELL + GAP)
    height = grid_h + 2 * (CELL + 8) + 6
    hatch = f"{chart_id}-hatch"
    body = [f'<defs><pattern id="{hatch}" width="6" height="6" patternUnits="userSpaceOnUse" '
            f'patternTransform="rotate(45)"><rect width="6" height="6" fill="{NONE_DUE}"/>'
            f'<line x1="0" y1="0" x2="0" y2="6" stroke="#9aa3ad" stroke-width="1.5"/>'
            '</pattern></defs>']
    for row in range(7):
        name = format_date(first + dt.timedelta(days=row), "EEE")
        if row % 2 == 0:
            body.append(_text(LEFT - 5, TOP + row * (CELL + GAP) + 16, name, size=11,
                              anchor="end"))
    month = None
    table_rows = []
    done_days = due_days = some_days = 0
    for w in range(weeks):
        monday = first + dt.timedelta(weeks=w)
        x = LEFT + w * (CELL + GAP)
        if monday.month != month:
            month = monday.month
            body.append(_text(x, TOP - 6, format_date(monday, "MMM"), size=11, anchor="start"))
        row = [_("Week of %(date)s", date=format_date(monday, "d MMM"))]
        for d in range(7):
            day = monday + dt.timedelta(days=d)
            if day > end:
                row.append("")
                continue
            share = days.get(day)
            text = labels.get(day) or _share_text(share)
            if share is not None:
                due_days += 1
                done_days += share >= 1
                some_days += share > 0
            body.append(_cell(x, TOP + d * (CELL + GAP), share,
                              f"{format_date(day, 'EEE d MMM')}: {text}", day == end, hatch))
            row.append(text)
        table_rows.append(row)
    ly = grid_h + 4
    half = (width - LEFT) / 2
    body.append(_legend_item(LEFT, ly, None, _("Nothing due"), hatch))
    body.append(_legend_item(LEFT + half, ly, 0, _("None done"), hatch))
    body.append(_legend_item(LEFT, ly + CELL + 8, 0.5, _("Some done"), hatch))
    body.append(_legend_item(LEFT + half, ly + CELL + 8, 1, _("All done"), hatch))
    summary = _("Practice on %(some)s of %(due)s days with exercises planned; "
                "all done on %(done)s.", some=some_days, due=due_days, done=done_days)
    head = [_("Week")] + [format_date(first + dt.timedelta(days=d), "EEE") for d in range(7)]
    return Chart(_svg(chart_id, width, height, title, summary, body),
                 _table(title, head, table_rows), summary, title)


# ---------------------------------------------------------------- line chart
def _marker(shape: str, x: float, y: float, colour: str) -> str:
    if shape == "square":
        return f'<rect x="{_num(x - 4)}" y="{_num(y - 4)}" width="8" height="8" fill="{colour}"/>'
    if shape == "triangle":
        return (f'<path d="M{_num(x)} {_num(y - 5)} L{_num(x + 5)} {_num(y + 4)} '
                f'L{_num(x - 5)} {_num(y + 4)} Z" fill="{colour}"/>')
    if shape == "diamond":
        return (f'<path d="M{_num(x)} {_num(y - 5.5)} L{_num(x + 5.5)} {_num(y)} '
                f'L{_num(x)} {_num(y + 5.5)} L{_num(x - 5.5)} {_num(y)} Z" fill="{colour}"/>')
    return (f'<circle cx="{_num(x)}" cy="{_num(y)}" r="4.5" fill="#ffffff" '
            f'stroke="{colour}" stroke-width="2.5"/>')


def _x_labels(labels: list[str], max_labels: int) -> set[int]:
    """Which x labels to print so they never overlap: evenly spaced, always the last."""
    if len(labels) <= max_labels:
        return set(range(len(labels)))
    step = -(-len(labels) // max_labels)
    last = len(labels) - 1
    return {i for i in range(last, -1, -step)}


def _fmt(value) -> str:
    return decimal(value)


def line_chart(series: list[tuple[str, list[tuple[str, float | None]]]], y_max: float = 10,
               y_min: float = 0, title: str = "", summary: str | None = None,
               x_title: str = "", chart_id: str | None = None, y_ticks: list | None = None,
               width: int = 360, height: int = 210) -> Chart:
    """Lines over shared x labels (taken from the first series); None leaves a gap."""
    chart_id = _id("line", chart_id)
    left, right, top = 30, 12, 10
    legend_h = 22 * ((len(series) + 1) // 2)
    bottom = 24 + legend_h
    plot_w, plot_h = width - left - right, height - top - bottom
    xs = [x for x, _v in series[0][1]] if series else []
    n = max(len(xs), 1)

    def px(i):
        return left + (plot_w * (i + 0.5) / n)

    def py(v):
        return top + plot_h - plot_h * (float(v) - y_min) / ((y_max - y_min) or 1)

    body = []
    ticks = y_ticks or [y_min, (y_min + y_max) / 2, y_max]
    for t in ticks:
        body.append(f'<line x1="{left}" x2="{width - right}" y1="{_num(py(t))}" '
                    f'y2="{_num(py(t))}" stroke="{GRID}" stroke-width="1"/>')
        body.append(_text(left - 6, py(t) + 4, _num(t), size=11, anchor="end"))
    shown = _x_labels(xs, max(2, plot_w // 44))
    for i, label in enumerate(xs):
        if i in shown:
            body.append(_text(px(i), top + plot_h + 16, label, size=11))
    for s, (name, points) in enumerate(series):
        colour, dash, shape = STYLES[s % len(STYLES)]
        run: list[str] = []
        runs = []
        for i, (_x, value) in enumerate(points):
            if value is None:
                if run:
                    runs.append(run)
                run = []
                continue
            run.append(f"{_num(px(i))},{_num(py(value))}")
        if run:
            runs.append(run)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        for r in runs:
            if len(r) > 1:
                body.append(f'<polyline points="{" ".join(r)}" fill="none" stroke="{colour}" '
                            f'stroke-width="2.5" stroke-linejoin="round"{dash_attr}/>')
        for i, (x_label, value) in enumerate(points):
            if value is not None:
                tip = escape(f"{name}, {x_label}: {_fmt(value)}")
                mark = _marker(shape, px(i), py(value), colour)
                body.append(f"<g><title>{tip}</title>{mark}</g>")
        lx = left + (s % 2) * (plot_w / 2)
        ly = height - legend_h + 22 * (s // 2) + 8
        body.append(f'<line x1="{_num(lx)}" x2="{_num(lx + 28)}" y1="{_num(ly)}" y2="{_num(ly)}" '
                    f'stroke="{colour}" stroke-width="2.5"{dash_attr}/>')
        body.append(_marker(shape, lx + 14, ly, colour))
        body.append(_text(lx + 34, ly + 4, name, size=12, anchor="start", fill=INK))
    if summary is None:
        latest = []
        for name, points in series:
            values = [v for _x, v in points if v is not None]
            if values:
                latest.append(f"{name} {_fmt(values[-1])}")
        summary = (_("Most recent: %(values)s (out of %(max)s).", values=", ".join(latest),
                     max=_num(y_max)) if latest else _("No ratings yet."))
    head = [x_title or ""] + [name for name, _p in series]
    rows = [[x] + [_fmt(points[i][1]) if i < len(points) else "–" for _n, points in series]
            for i, x in enumerate(xs)]
    return Chart(_svg(chart_id, width, height, title or summary, summary, body),
                 _table(title or summary, head, rows), summary, title)


# ---------------------------------------------------------------- bar chart
def bar_chart(bars: list[tuple[str, float | None]], y_max: float = 100, unit: str = "%",
              title: str = "", summary: str | None = None, x_title: str = "",
              chart_id: str | None = None, width: int = 360, height: int = 180) -> Chart:
    """Vertical bars with their value printed on each; None is shown as a dash, not zero.

    A label may hold a line break ("3\\nNov") to print on two lines.
    """
    chart_id = _id("bars", chart_id)
    left, right, top, bottom = 6, 6, 18, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    n = max(len(bars), 1)
    slot = plot_w / n
    bar_w = min(36.0, slot * 0.72)
    base = top + plot_h
    body = [f'<line x1="{left}" x2="{width - right}" y1="{base}" y2="{base}" stroke="{MUTED}"/>']
    for i, (label, value) in enumerate(bars):
        cx = left + slot * (i + 0.5)
        if value is None:
            body.append(_text(cx, base - 4, "–", size=12))
        else:
            h = plot_h * min(float(value), y_max) / (y_max or 1)
            tip = escape(f"{label.replace(chr(10), ' ')}: {_fmt(value)}{unit}")
            body.append(f'<g><title>{tip}</title><rect x="{_num(cx - bar_w / 2)}" '
                        f'y="{_num(base - h)}" width="{_num(bar_w)}" height="{_num(max(h, 1))}" '
                        f'rx="3" fill="{FILL}"/></g>')
            body.append(_text(cx, base - h - 4, f"{round(float(value))}{unit}", size=10,
                              fill=INK, weight="bold"))
        for line_no, part in enumerate(label.split("\n")):
            body.append(_text(cx, base + 14 + 12 * line_no, part, size=10))
    values = [v for _label, v in bars if v is not None]
    if summary is None:
        summary = (_("Latest: %(value)s%(unit)s.", value=round(values[-1]), unit=unit)
                   if values else _("Nothing to show yet."))
    rows = [[label.replace("\n", " "), f"{_fmt(v)}{unit}" if v is not None else "–"]
            for label, v in bars]
    return Chart(_svg(chart_id, width, height, title or summary, summary, body),
                 _table(title or summary, [x_title or "", title or _("Value")], rows),
                 summary, title)
