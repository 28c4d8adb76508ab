"""Small server-side SVG charts for the QWeb reports (no external service,
no JavaScript): wkhtmltopdf and browsers render them inline.

Every function returns a `markupsafe.Markup` to print with `t-out`.
Labels are escaped; numbers are formatted by the caller when needed.
"""

import math

from markupsafe import Markup, escape

PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f")
FONT = 'font-family="Helvetica, Arial, sans-serif" font-size="11"'
LABEL_WIDTH = 48  # room for a period label such as 2026-Q3, in pixels


def _text(x, y, label, anchor="middle", extra=""):
    return Markup('<text x="%.1f" y="%.1f" text-anchor="%s" %s %s>%s</text>') % (
        x, y, anchor, Markup(FONT), Markup(extra), escape(label)
    )


def bar_chart(labels, values, width=480, height=200, color=PALETTE[0], value_labels=None):
    """Vertical bars, one per label; value_labels (optional) are printed on
    top of the bars instead of the raw values."""
    values = [value or 0 for value in values]
    top = max(values + [1])
    margin_bottom, margin_top = 28, 18
    plot_height = height - margin_bottom - margin_top
    slot = width / max(len(values), 1)
    bar_width = slot * 0.6
    parts = [
        Markup('<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d">')
        % (width, height, width, height),
        Markup('<line x1="0" y1="%.1f" x2="%d" y2="%.1f" stroke="#999"/>')
        % (height - margin_bottom, width, height - margin_bottom),
    ]
    for index, (label, value) in enumerate(zip(labels, values)):
        bar_height = plot_height * value / top
        x = index * slot + (slot - bar_width) / 2
        y = height - margin_bottom - bar_height
        parts.append(
            Markup('<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"/>')
            % (x, y, bar_width, bar_height, color)
        )
        shown = value_labels[index] if value_labels else ("%g" % value)
        parts.append(_text(x + bar_width / 2, y - 4, shown))
        parts.append(_text(x + bar_width / 2, height - margin_bottom + 14, label))
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)


def line_chart(labels, series, width=520, height=220, target=None, y_max=None, number_format=None):
    """One polyline per series {name: [values, None for no data]} over the
    labels, and an optional dashed target line. number_format (optional) turns
    the numbers of the axis into text in the reader's language."""
    number_format = number_format or (lambda number: "%g" % round(number, 1))
    # the right margin leaves room for half of the last label, centred on its point
    margin_left, margin_bottom, margin_top, margin_right = 40, 40, 14, 26
    plot_width = width - margin_left - margin_right
    plot_height = height - margin_bottom - margin_top
    known = [value for values in series.values() for value in values if value is not None]
    top = y_max or max(known + [target or 0, 1]) * 1.1
    step = plot_width / max(len(labels) - 1, 1)
    # a single period is drawn in the middle; with many, every n-th label only
    offset = plot_width / 2 if len(labels) == 1 else 0
    label_every = max(1, math.ceil(LABEL_WIDTH / step)) if len(labels) > 1 else 1

    def point(index, value):
        return margin_left + offset + index * step, margin_top + plot_height * (1 - value / top)

    parts = [
        Markup('<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d">')
        % (width, height, width, height),
        Markup('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#999"/>')
        % (margin_left, height - margin_bottom, width - margin_right, height - margin_bottom),
        Markup('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#999"/>')
        % (margin_left, margin_top, margin_left, height - margin_bottom),
        _text(margin_left - 4, margin_top + 4, number_format(top), anchor="end"),
        _text(margin_left - 4, height - margin_bottom, number_format(0), anchor="end"),
    ]
    for index, label in enumerate(labels):
        if index % label_every and index != len(labels) - 1:
            continue
        x, _y = point(index, 0)
        parts.append(_text(x, height - margin_bottom + 14, label))
    if target is not None:
        _x, y = point(0, target)
        parts.append(
            Markup('<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#d62728" stroke-dasharray="4,3"/>')
            % (margin_left, y, width - margin_right, y)
        )
    for serie_index, (_name, values) in enumerate(series.items()):
        color = PALETTE[serie_index % len(PALETTE)]
        points = [point(index, value) for index, value in enumerate(values) if value is not None]
        if len(points) > 1:
            parts.append(
                Markup('<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>')
                % (color, " ".join("%.1f,%.1f" % p for p in points))
            )
        for x, y in points:
            parts.append(Markup('<circle cx="%.1f" cy="%.1f" r="3" fill="%s"/>') % (x, y, color))
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)
