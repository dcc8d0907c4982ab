"""A projection of an indicator (e.g. the number of EHC plans) from an area's own recent series.

Method: an ordinary least-squares straight line through the last N annual values (default 5), projected
to the years asked for, with a 95% prediction interval from Student's t distribution with n − 2 degrees
of freedom. Each annual figure is placed at the year its period ends (the 2024/25 caseload is counted in
January 2025), so a plan's "by 2026" compares with the 2026 point.
"""

import math
from dataclasses import dataclass

from .models import Observation, PeriodType

# Two-sided 95% critical values of Student's t for 1–30 degrees of freedom.
T95 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145,
       2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048,
       2.045, 2.042]  # fmt: skip


@dataclass
class ProjectedPoint:
    year: int
    value: float
    low: float
    high: float


@dataclass
class Projection:
    method: str
    years_used: list[int]
    values_used: list[float]
    slope: float
    points: list[ProjectedPoint]

    def at(self, year: int) -> ProjectedPoint | None:
        return next((p for p in self.points if p.year == year), None)


ANNUAL = {PeriodType.CALENDAR, PeriodType.ACADEMIC, PeriodType.FINANCIAL}


def year_of(obs) -> int:
    return obs.period_end.year


def project(observations: list[Observation], *, to_year: int, last_n: int = 5) -> Projection | None:
    """Project to every year after the last figure up to ``to_year``; None with fewer than 3 figures."""
    annual = [o for o in observations if o.period_type in ANNUAL and o.value is not None]
    annual = sorted(annual, key=lambda o: o.period_end)[-last_n:]
    n = len(annual)
    if n < 3:
        return None
    xs = [year_of(o) for o in annual]
    ys = [o.value for o in annual]
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    if not sxx:
        return None
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx
    a = my - b * mx
    residual = sum((y - (a + b * x)) ** 2 for x, y in zip(xs, ys, strict=True))
    s = math.sqrt(residual / (n - 2)) if n > 2 else 0.0
    t = T95[min(n - 2, len(T95)) - 1]
    points = []
    for year in range(xs[-1] + 1, max(to_year, xs[-1] + 1) + 1):
        fit = a + b * year
        half = t * s * math.sqrt(1 + 1 / n + (year - mx) ** 2 / sxx)
        points.append(ProjectedPoint(year, fit, fit - half, fit + half))
    method = (
        f"Straight line fitted by least squares to the {n} most recent annual figures "
        f"({annual[0].period_label} to {annual[-1].period_label}), projected forward; the range is a 95% "
        f"prediction interval (Student's t, {n - 2} degrees of freedom)."
    )
    return Projection(method=method, years_used=xs, values_used=ys, slope=b, points=points)


def compare_with_plan(projection: Projection, year: int, planned: float) -> str:
    point = projection.at(year)
    if point is None:
        return f"The projection does not reach {year}."
    if planned < point.low:
        where = "below the projected range: the plan expects fewer than the trend suggests"
    elif planned > point.high:
        where = "above the projected range: the plan expects more than the trend suggests"
    else:
        where = "within the projected range"
    return (
        f"The plan's figure for {year} ({planned:,.0f}) is {where} "
        f"(projection {point.value:,.0f}, range {point.low:,.0f} to {point.high:,.0f})."
    )
