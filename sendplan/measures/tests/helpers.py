"""Build small indicator series directly (for assessment, forecast and page tests)."""

from sendplan.geography.models import Area
from sendplan.measures import periods
from sendplan.measures.models import Indicator, Observation


def indicator(slug="t", **fields) -> Indicator:
    return Indicator.objects.create(slug=slug, name=fields.pop("name", slug.title()), **fields)


def observe(ind: Indicator, code: str, values: dict) -> None:
    area = Area.objects.get(code=code)
    for label, value in values.items():
        p = periods.parse(label)
        Observation.objects.create(
            indicator=ind,
            area=area,
            period_type=p.type,
            period_start=p.start,
            period_end=p.end,
            period_label=p.label,
            value=value,
            missing_reason="" if value is not None else "not_available",
            missing_symbol="" if value is not None else "x",
        )
