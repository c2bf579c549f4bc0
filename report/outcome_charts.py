"""The outcome charts: events per month with the signing marked and the levels before and
during drawn as lines; the alternative text says what the chart shows in numbers."""

from __future__ import annotations

from functools import partial

from .charts import INK, MUTED, ChartSpec, _figure, _report_font, _style_axes, _svg, area_colour
from .format import decimal, long_date, month_name, whole
from .model import ReportModel
from .outcomes import OutcomeResult


def outcome_spec(result: OutcomeResult, colour: str) -> ChartSpec:
    return ChartSpec(
        f"utfall-{result.outcome.id}", outcome_alt(result), partial(outcome_svg, result, colour)
    )


def outcome_svg(result: OutcomeResult, colour: str) -> str:
    months = result.months
    signed = result.during.period.start if result.during else None
    with _report_font():
        fig = _figure(16.5, 5.8, {"left": 0.06, "right": 0.99, "bottom": 0.24, "top": 0.9})
        ax = fig.subplots()
        xs = list(range(len(months)))
        ax.bar(xs, [n for *_, n in months], color=colour, width=0.8, label="Händelser per månad")
        for level, name in ((result.before, "före"), (result.during, "under")):
            if level is None:
                continue
            first = next(
                i
                for i, (y, m, _) in enumerate(months)
                if (y, m) >= (level.period.start.year, level.period.start.month)
            )
            last = max(
                i
                for i, (y, m, _) in enumerate(months)
                if (y, m) <= (level.period.end.year, level.period.end.month)
            )
            ax.hlines(
                level.per_year / 12,
                first - 0.4,
                last + 0.4,
                color=INK,
                linewidth=1.2,
                linestyles=(0, (4, 2)),
                label=f"Snitt per månad {name} löftet" if name == "före" else None,
            )
        if signed is not None:
            at = next(
                (i for i, (y, m, _) in enumerate(months) if (y, m) == (signed.year, signed.month)),
                None,
            )
            if at is not None:
                x = at - 0.5 + (signed.day - 1) / 31
                ax.axvline(x, color=MUTED, linewidth=1.2)
                ax.text(
                    x,
                    ax.get_ylim()[1],
                    f" Löftet tecknades {long_date(signed)}",
                    fontsize=7,
                    color=INK,
                    va="top",
                )
        ticks = [i for i, (_, m, _) in enumerate(months) if m == 1] or [0]
        ax.set_xticks(ticks, [str(months[i][0]) for i in ticks])
        ax.set_xlim(-0.6, len(months) - 0.4)
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.legend(fontsize=7, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=2)
        _style_axes(ax)
    return _svg(fig)


def outcome_alt(result: OutcomeResult) -> str:
    o = result.outcome
    parts = [f"{o.name}: antal händelser per månad"]
    if result.months:
        (y0, m0, _), (y1, m1, _) = result.months[0], result.months[-1]
        parts[0] += f" från {month_name(m0, 'wide')} {y0} till {month_name(m1, 'wide')} {y1}."
        peak = max(result.months, key=lambda t: t[2])
        parts.append(f"Flest i {month_name(peak[1], 'wide')} {peak[0]}: {whole(peak[2])}.")
    for level, name in ((result.before, "Före löftet"), (result.during, "Under löftet")):
        if level is not None:
            parts.append(
                f"{name} ({level.period.label}): {whole(level.count)} händelser, "
                f"{decimal(level.per_year / 12, 1)} per månad i snitt."
            )
    parts.append("Siffrorna finns i tabellen under diagrammet.")
    return " ".join(parts)


def outcome_specs(model: ReportModel) -> list[ChartSpec]:
    """The outcome charts, in the order the report shows them (by focus area)."""
    return [
        outcome_spec(r, area_colour(model, section.area.id))
        for section in model.sections
        for r in model.outcomes_in(section.area.id)
        if r.months
    ]
