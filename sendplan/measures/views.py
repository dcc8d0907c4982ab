"""Indicator pages: thin views over selectors, the assessment and the chart renderer."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from sendplan.geography.models import Area
from sendplan.geography.selectors import area_by_code, england
from sendplan.plans.models import Plan

from . import charts, selectors
from .assessment import QUARTILE_WORDS, assess, fmt
from .forecast import compare_with_plan, project
from .models import Target, TargetKind, Unit


def indicator_list(request):
    indicators = selectors.indicator_list(user=request.user)
    return render(request, "measures/indicator_list.html", {"indicators": indicators, "app": "measures"})


def _chosen_area(request, indicator) -> tuple[Area, list[Area]]:
    areas = list(selectors.areas_with_data(user=request.user, indicator=indicator))
    code = request.GET.get("area", "").strip()
    area = area_by_code(user=request.user, code=code) if code else None
    if code and area is None:
        raise Http404("unknown area")
    if area is None:
        # The partnership's own area when it has set a target or forecast, else England.
        target = Target.objects.filter(indicator=indicator).select_related("area").first()
        area = target.area if target else england(user=request.user)
    return area, areas


def _chart(indicator, area, rows, chart_id="trend"):
    suffix = "%" if indicator.unit == Unit.PERCENT else ""
    categories = [r["period"] for r in rows]
    lines = [charts.Line(area.name, [r["area"].value for r in rows])]
    if indicator.unit == Unit.COUNT:  # counts are not compared across areas of different size
        rows = []
    if any(r["region"] for r in rows) and area.region_id:
        lines.append(
            charts.Line(area.region.name, [r["region"].value if r["region"] else None for r in rows])
        )
    if any(r["england"] for r in rows):
        lines.append(charts.Line("England", [r["england"].value if r["england"] else None for r in rows]))
    if any(r["neighbours"] is not None for r in rows):
        lines.append(charts.Line("Statistical neighbours (average)", [r["neighbours"] for r in rows]))
    names = ", ".join(line.name for line in lines)
    desc = f"Line chart of {indicator.name} by period for {names}. The same figures are in the table below."
    chart = charts.Chart(
        title=f"{indicator.name}: {area.name}" + (" compared" if len(lines) > 1 else " over time"),
        description=desc,
        categories=categories,
        lines=lines,
        unit_suffix=suffix,
    )
    return charts.render(chart, chart_id=chart_id)


def _forecast(indicator, area, user):
    """A projection for counts (e.g. EHC plans), shown against the plan's own forecast when there is one."""
    if indicator.unit != Unit.COUNT:
        return None
    series = list(selectors.observations(user=user, indicator=indicator, area=area))
    plan_forecasts = list(
        Target.objects.filter(indicator=indicator, area=area, kind=TargetKind.FORECAST).order_by("period_end")
    )
    last_year = max((o.period_end.year for o in series if o.value is not None), default=0)
    horizon = max([last_year + 3, *[t.period_end.year for t in plan_forecasts]])
    projection = project(series, to_year=horizon)
    if projection is None:
        return None
    categories = [str(y) for y in projection.years_used] + [str(p.year) for p in projection.points]
    actual = projection.values_used + [None] * len(projection.points)
    fitted = [None] * (len(projection.years_used) - 1) + [projection.values_used[-1]]
    fitted += [p.value for p in projection.points]
    low = (
        [None] * (len(projection.years_used) - 1)
        + [projection.values_used[-1]]
        + [p.low for p in projection.points]
    )
    high = (
        [None] * (len(projection.years_used) - 1)
        + [projection.values_used[-1]]
        + [p.high for p in projection.points]
    )
    lines = [charts.Line(f"{area.name} (published)", actual), charts.Line("Projection", fitted)]
    if plan_forecasts:
        plan_line = [None] * len(categories)
        for t in plan_forecasts:
            if str(t.period_end.year) in categories:
                plan_line[categories.index(str(t.period_end.year))] = t.value
        lines.append(charts.Line("The plan's forecast", plan_line))
    chart = charts.Chart(
        title=f"Projection of {indicator.name} for {area.name}",
        description=f"Published figures {categories[0]} to {projection.years_used[-1]} and a straight-line "
        f"projection to {categories[-1]} with its 95% range. The figures are in the table below.",
        categories=categories,
        lines=lines,
        bands=[charts.Band("95% range", low, high)],
    )
    comparisons = [compare_with_plan(projection, t.period_end.year, t.value) for t in plan_forecasts]
    return {
        "projection": projection,
        "svg": charts.render(chart, chart_id="forecast"),
        "plan_forecasts": plan_forecasts,
        "comparisons": comparisons,
    }


def indicator_detail(request, slug):
    indicator = get_object_or_404(selectors.indicator_list(user=request.user), slug=slug)
    area, areas = _chosen_area(request, indicator)
    assessment = assess(indicator=indicator, area=area, user=request.user) if area else None
    rows = selectors.comparison_rows(user=request.user, indicator=indicator, area=area) if area else []
    context = {
        "app": "measures",
        "indicator": indicator,
        "area": area,
        "areas": areas,
        "assessment": assessment,
        "quartile_word": QUARTILE_WORDS.get(assessment.quartile) if assessment else None,
        "rows": rows,
        "chart": _chart(indicator, area, rows) if rows else None,
        "targets": selectors.targets(user=request.user, indicator=indicator, area=area) if area else [],
        "forecast": _forecast(indicator, area, request.user) if area else None,
        "actions": indicator.actions.select_related("plan").order_by("plan__title", "position"),
    }
    return render(request, "measures/indicator_detail.html", context)


def action_measures(request, plan_slug, ref):
    plan = get_object_or_404(Plan.objects.all(), slug=plan_slug)
    action = get_object_or_404(plan.actions.select_related("priority"), ref=ref)
    indicators = list(selectors.linked_indicators(user=request.user, action=action))
    code = request.GET.get("area", "").strip()
    area = area_by_code(user=request.user, code=code) if code else None
    items = []
    for indicator in indicators:
        chosen = area
        if chosen is None:
            chosen, _ = _chosen_area(request, indicator)
        result = assess(indicator=indicator, area=chosen, user=request.user) if chosen else None
        items.append({"indicator": indicator, "area": chosen, "assessment": result})
    measures = [i.text for i in action.items.filter(section="measures").order_by("position")]
    return render(
        request,
        "measures/action_measures.html",
        {"app": "measures", "plan": plan, "action": action, "items": items, "measures": measures, "fmt": fmt},
    )
