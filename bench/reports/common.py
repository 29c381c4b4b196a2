"""What the bench reports share: key=value, Prometheus and number reading, quantiles, axis steps, SVG bar charts, and
rewriting one bench's block of a docs file. Python 3 standard library only."""
import math
import os
import re
from html import escape

PROMETHEUS_LINE = re.compile(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{.*\})?\s+(\S+)(?:\s+\S+)?$")


def read_kv(path):
    """key=value lines (the runners' state and result files) as a dict; {} when the file is missing."""
    kv = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if "=" in line:
                    k, v = line.rstrip("\n").split("=", 1)
                    kv[k] = v
    return kv


def number(value, default=None):
    try:
        return float(value)
    except (TypeError, ValueError):
        return default


def prometheus(text):
    """Prometheus text (/q/metrics) → [(name, labels string, value)]; comments and unreadable values left out."""
    rows = []
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        m = PROMETHEUS_LINE.match(line)
        if m:
            try:
                rows.append((m.group(1), m.group(2) or "", float(m.group(3))))
            except ValueError:
                pass
    return rows


def metric_sum(rows, name, *label_parts):
    """Sum of a metric over the series whose labels contain every one of label_parts; None if there is none."""
    found = [v for n, labels, v in rows if n == name and all(p in labels for p in label_parts)]
    return sum(found) if found else None


def quantile(sorted_values, q):
    """Linear interpolation between closest ranks (numpy's default)."""
    if not sorted_values:
        return float("nan")
    pos = (len(sorted_values) - 1) * q
    lo = int(pos)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


def median(values):
    return quantile(sorted(values), 0.5) if values else None


def nice_step(max_value, ticks):
    """An axis step of 1, 2, 2.5 or 5 times a power of ten (at least 1) giving about `ticks` steps up to max_value."""
    raw = max_value / ticks
    mag = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    return next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)


# ---------------------------------------------------------------- SVG, written by hand (no plotting library)

def svg_head(width, height, title, subtitle):
    return ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" '
            'font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="13">' % (width, height, width, height),
            '<rect width="100%" height="100%" fill="white"/>',
            '<text x="12" y="24" font-size="16" font-weight="bold">%s</text>' % escape(title),
            '<text x="12" y="44" fill="#555">%s</text>' % escape(subtitle)]


def write_svg(path, svg):
    svg.append("</svg>")
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(svg) + "\n")


def bar_chart(path, title, subtitle, unit, items, inner=None):
    """items: (label, value, low, high, colour); horizontal bars, whiskers low..high when given.
    inner: optional per-item value drawn as a darker inner part of the bar (e.g. anonymous RSS)."""
    # no font metrics in the standard library: ~7.3 px per character at 13 px is a safe estimate
    label_w = int(max(120, 7.3 * max(len(i[0]) for i in items) + 20))
    bar_w, row_h, top, bottom = 480, 30, 64, 46
    width = max(label_w + bar_w + 90, int(6.9 * len(subtitle)) + 24)
    height = top + row_h * len(items) + bottom
    vmax = max(max(v, h if h is not None else v) for _, v, _, h, _ in items) * 1.08
    step = nice_step(vmax, 8)
    vmax = step * math.ceil(vmax / step)

    def x(v):
        return label_w + bar_w * v / vmax

    svg = svg_head(width, height, title, subtitle)
    t = 0.0
    while t <= vmax + 1e-9:
        svg.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#ddd"/>' % (x(t), top - 6, x(t), top + row_h * len(items)))
        svg.append('<text x="%.1f" y="%d" text-anchor="middle" fill="#555">%s</text>' % (
            x(t), top + row_h * len(items) + 18, ("%g" % t)))
        t += step
    svg.append('<text x="%.1f" y="%d" text-anchor="middle" fill="#555">%s</text>' % (
        label_w + bar_w / 2, height - 8, escape(unit)))
    for i, (label, v, lo, hi, colour) in enumerate(items):
        y = top + i * row_h
        svg.append('<text x="%d" y="%.1f" text-anchor="end">%s</text>' % (label_w - 10, y + row_h / 2 + 4, escape(label)))
        svg.append('<rect x="%d" y="%.1f" width="%.1f" height="%d" fill="%s"><title>%s: %.0f</title></rect>' % (
            label_w, y + 5, x(v) - label_w, row_h - 10, colour, escape(label), v))
        if inner is not None and inner[i] is not None and inner[i] >= 0:
            svg.append('<rect x="%d" y="%.1f" width="%.1f" height="%d" fill="%s"><title>%s: %.0f</title></rect>' % (
                label_w, y + 5, x(inner[i]) - label_w, row_h - 10, darker(colour), escape(label), inner[i]))
        end = x(v)
        if lo is not None and hi is not None:
            cy = y + row_h / 2
            svg.append('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#222" stroke-width="1.5"/>' % (x(lo), cy, x(hi), cy))
            for w in (lo, hi):
                svg.append('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#222" stroke-width="1.5"/>' % (x(w), cy - 6, x(w), cy + 6))
            end = max(end, x(hi))
        svg.append('<text x="%.1f" y="%.1f" fill="#222">%.0f</text>' % (end + 6, y + row_h / 2 + 4, v))
    write_svg(path, svg)


def darker(hex_colour):
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#%02x%02x%02x" % (int(r * 0.65), int(g * 0.65), int(b * 0.65))


# ---------------------------------------------------------------- docs

def replace_block(doc, name, body):
    """Puts body between the <!-- NAME:START --> and <!-- NAME:END --> lines of the docs file doc."""
    start, end = "<!-- %s:START -->" % name, "<!-- %s:END -->" % name
    with open(doc, encoding="utf-8") as f:
        text = f.read()
    if start not in text or end not in text:
        raise SystemExit("%s has no %s … %s block" % (doc, start, end))
    head, rest = text.split(start, 1)
    tail = rest.split(end, 1)[1]
    with open(doc, "w", encoding="utf-8") as f:
        f.write(head + start + "\n" + body + "\n" + end + tail)
