"""How an area is doing on an indicator, in words.

Rules (also in docs/measures.md):

* **Similar** means within a tolerance of the comparator: 1 percentage point for percentages, otherwise
  2% of the comparator's value. Outside it, the area is *better* or *worse* using the indicator's
  polarity (*higher*/*lower* when neither direction is better).
* **Comparators** for the latest period: England, the area's region, and the simple mean of its
  statistical neighbours that have a figure (latest neighbour set).
* **Trend** from the latest three periods of the same kind with a figure: if one change between them
  rises and the other falls beyond the tolerance, *no clear trend*; otherwise the change from the first
  to the last, judged with the same tolerance: *improving* / *stable* / *declining* (*rising*/*falling*
  when neither direction is better). The words name the periods and figures compared.
* **Rank** among all councils with a figure for the period, 1 = best (1 = highest when neither
  direction is better); ties share a rank. **Quartile** 1 = the best quarter.
* **Counts** (unit ``count``) depend on the size of an area: they are followed over time only, not
  compared with England, the region, neighbours or ranked.
* **Target**: met when the latest value is at least as good as the target for the same period.
"""

import math
from dataclasses import dataclass, field

from sendplan.geography.models import Area, Level
from sendplan.geography.selectors import england, neighbours

from .models import Indicator, Observation, Polarity, Target, TargetKind, Unit

TREND_PERIODS = 3


@dataclass
class Comparison:
    label: str
    value: float | None
    word: str  # better / similar / worse, or higher / similar / lower
    difference: float | None = None
    detail: str = ""


@dataclass
class Assessment:
    indicator: Indicator
    area: Area
    latest: Observation | None
    comparisons: list[Comparison] = field(default_factory=list)
    trend: str = "not enough data"
    trend_detail: str = ""
    trend_periods: str = ""
    rank: int | None = None
    of: int | None = None
    quartile: int | None = None
    target: Target | None = None
    target_word: str = ""
    comparison_note: str = ""
    summary: str = ""


def tolerance(unit: str, reference: float | None) -> float:
    if unit == Unit.PERCENT:
        return 1.0
    return abs(reference or 0.0) * 0.02


def judge(indicator: Indicator, value: float, other: float, tol: float) -> str:
    diff = value - other
    if abs(diff) <= tol:
        return "similar"
    if indicator.polarity == Polarity.NEITHER:
        return "higher" if diff > 0 else "lower"
    good = diff > 0 if indicator.polarity == Polarity.HIGHER else diff < 0
    return "better" if good else "worse"


def fmt(value: float | None, indicator: Indicator, *, change: bool = False) -> str:
    """A figure as shown: the indicator's decimal places (counts whole, others to one place by default)."""
    if value is None:
        return "no figure"
    if indicator.decimals is not None:
        decimals = indicator.decimals
    elif indicator.unit == Unit.COUNT:
        decimals = 0
    else:
        decimals = 0 if float(value).is_integer() and indicator.unit == Unit.DAYS else 1
    text = f"{value:,.{decimals}f}"
    if indicator.unit == Unit.PERCENT:
        return f"{text} percentage points" if change else f"{text}%"
    return text


COUNT_NOTE = (
    "Counts depend on the size of an area, so they are followed over time rather than compared with "
    "England, the region or other councils; compare a rate or percentage instead."
)


def _same_period(obs: Observation) -> dict:
    return {"period_type": obs.period_type, "period_start": obs.period_start, "period_end": obs.period_end}


TREND_WORDS = {
    "better": "improving",
    "worse": "declining",
    "similar": "stable",
    "higher": "rising",
    "lower": "falling",
}


def _direction(change: float, tol: float) -> int:
    return 1 if change > tol else -1 if change < -tol else 0


def trend(indicator: Indicator, series: list[Observation]) -> tuple[str, str, str]:
    """(word, detail, periods) from the latest three periods of the same kind that have a figure.

    The two changes between them are judged with the comparison tolerance. If one rises and the other
    falls beyond it, there is **no clear trend**. Otherwise the change from the first to the last of the
    three decides: within the tolerance **stable**, else rising/falling — **improving**/**declining** when
    the indicator has a direction. A long-ago low or high does not pull the word, and the words name the
    periods and figures compared ("2022 to 2024: falling, 62.7% to 32.9%").
    """
    if not series:
        return "not enough data", "", ""
    kind = series[-1].period_type
    recent = [o for o in series if o.period_type == kind and o.value is not None][-TREND_PERIODS:]
    if len(recent) < TREND_PERIODS:
        return "not enough data", f"{len(recent)} period(s) with a figure; at least 3 are needed", ""
    first, middle, last = recent
    tol = tolerance(indicator.unit, last.value)
    steps = (_direction(middle.value - first.value, tol), _direction(last.value - middle.value, tol))
    periods = f"{first.period_label} to {last.period_label}"
    figures = f"{fmt(first.value, indicator)} to {fmt(last.value, indicator)}"
    if steps[0] * steps[1] < 0:
        return (
            "no clear trend",
            f"{periods}: no clear trend, {fmt(first.value, indicator)} then "
            f"{fmt(middle.value, indicator)} ({middle.period_label}) then {fmt(last.value, indicator)}",
            periods,
        )
    total = last.value - first.value
    word = TREND_WORDS[judge(indicator, total, 0.0, tol)]
    if word == "stable":
        movement = "stable"
    else:
        movement = "rising" if total > 0 else "falling"
    change = f"{'+' if total >= 0 else '−'}{fmt(abs(total), indicator, change=True)}"
    return word, f"{periods}: {movement}, {figures} ({change})", periods


def assess(*, indicator: Indicator, area: Area, user=None) -> Assessment:
    series = list(
        Observation.objects.filter(indicator=indicator, area=area).order_by("period_start", "period_end")
    )
    with_value = [o for o in series if o.value is not None]
    latest = with_value[-1] if with_value else (series[-1] if series else None)
    result = Assessment(indicator=indicator, area=area, latest=latest)
    result.trend, result.trend_detail, result.trend_periods = trend(indicator, series)
    if latest is None or latest.value is None:
        result.summary = f"There is no figure for {area.name} yet."
        return result
    period = _same_period(latest)
    tol = tolerance(indicator.unit, latest.value)
    result.target, result.target_word = _target(indicator, area, latest, tol)
    if indicator.unit == Unit.COUNT:
        result.comparison_note = COUNT_NOTE
        result.summary = summary(result)
        return result
    comparators: list[tuple[str, Area | None]] = []
    country = england(user=user)
    if area.level != Level.COUNTRY and country:
        comparators.append(("England", country))
    if area.level == Level.COUNCIL and area.region_id:
        comparators.append((area.region.name, area.region))
    values = dict(
        Observation.objects.filter(indicator=indicator, area__in=[a for _, a in comparators], **period)
        .exclude(value__isnull=True)
        .values_list("area_id", "value")
    )
    for label, other in comparators:
        value = values.get(other.pk)
        if value is None:
            result.comparisons.append(
                Comparison(label, None, "no comparison", detail="no figure for this period")
            )
        else:
            result.comparisons.append(
                Comparison(
                    label,
                    value,
                    judge(indicator, latest.value, value, tolerance(indicator.unit, value)),
                    latest.value - value,
                )
            )
    if area.level == Level.COUNCIL:
        links = neighbours(user=user, area=area)
        if links:
            nvals = list(
                Observation.objects.filter(
                    indicator=indicator, area__in=[n.neighbour_id for n in links], **period
                )
                .exclude(value__isnull=True)
                .values_list("value", flat=True)
            )
            label = "Statistical neighbours (average)"
            if nvals:
                mean = sum(nvals) / len(nvals)
                result.comparisons.append(
                    Comparison(
                        label,
                        mean,
                        judge(indicator, latest.value, mean, tolerance(indicator.unit, mean)),
                        latest.value - mean,
                        f"mean of {len(nvals)} of {len(links)} neighbours with a figure",
                    )
                )
            else:
                result.comparisons.append(
                    Comparison(label, None, "no comparison", detail="no neighbour has a figure")
                )
        councils = list(
            Observation.objects.filter(indicator=indicator, area__level=Level.COUNCIL, **period)
            .exclude(value__isnull=True)
            .values_list("value", flat=True)
        )
        if councils:
            if indicator.polarity == Polarity.LOWER:
                ahead = sum(1 for v in councils if v < latest.value)
            else:
                ahead = sum(1 for v in councils if v > latest.value)
            result.rank, result.of = ahead + 1, len(councils)
            result.quartile = min(4, math.ceil(4 * result.rank / result.of))
    result.summary = summary(result)
    return result


def _target(indicator: Indicator, area: Area, latest: Observation, tol: float) -> tuple[Target | None, str]:
    targets = Target.objects.filter(indicator=indicator, area=area, kind=TargetKind.TARGET).order_by(
        "period_start"
    )
    same = targets.filter(**_same_period(latest)).first()
    if same:
        if indicator.polarity == Polarity.NEITHER:
            return same, "met" if abs(latest.value - same.value) <= tol else "not met"
        ok = (
            latest.value >= same.value
            if indicator.polarity == Polarity.HIGHER
            else latest.value <= same.value
        )
        return same, "met" if ok else "not met"
    later = targets.filter(period_start__gt=latest.period_start).first()
    if later:
        return later, "not yet due"
    return None, ""


def summary(a: Assessment) -> str:
    ind, latest = a.indicator, a.latest
    parts = [f"In {latest.period_label}, {a.area.name} had {fmt(latest.value, ind)}"]
    compared = [c for c in a.comparisons if c.value is not None]
    if compared:
        parts.append(
            ", ".join(
                f"{c.word} than {c.label if 'neighbours' not in c.label else 'its statistical neighbours'}"
                if c.word != "similar"
                else f"similar to {c.label if 'neighbours' not in c.label else 'its statistical neighbours'}"
                for c in compared
            )
        )
    if a.trend != "not enough data":
        parts.append(f"{a.trend} from {a.trend_periods}")
    if a.rank:
        parts.append(f"ranked {a.rank} of {a.of} councils")
    return "; ".join(parts) + "."


QUARTILE_WORDS = {1: "best quarter", 2: "second quarter", 3: "third quarter", 4: "bottom quarter"}
