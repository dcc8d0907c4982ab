import pytest

from sendplan.core.models import Partnership
from sendplan.measures.models import Indicator, MissingReason, Observation, PeriodType, Unit

pytestmark = pytest.mark.django_db


def test_local_table_with_partnership(fixtures, cli):
    p = Partnership.objects.create(name="Stoke SEND", slug="stoke")
    code, out, err = cli("import-data", fixtures / "table_small.csv", "--partnership", "stoke")
    assert code == 0, err
    audit = Indicator.objects.get(slug="ehc-plan-audit-grade-good-or-better")
    assert audit.partnership == p and audit.unit == Unit.PERCENT
    assert list(audit.observations.values_list("period_label", "value", "note")) == [
        ("2024/25", 62.0, "Invision 360 audit"),
        ("2025/26", 70.0, ""),
    ]
    reviews = Indicator.objects.get(slug="annual-reviews-quality-assured")
    rows = list(
        reviews.observations.order_by("period_start").values_list("period_type", "period_label", "value")
    )
    assert rows == [(PeriodType.MONTH, "March 2025", 14.0), (PeriodType.MONTH, "April 2025", None)]
    assert reviews.observations.get(value__isnull=True).missing_reason == MissingReason.CONFIDENTIAL
    assert (reviews.frequency, audit.frequency) == ("monthly", "annual")
    before = list(Observation.objects.order_by("id").values_list())
    code, out, err = cli("import-data", fixtures / "table_small.csv", "--partnership", "stoke")
    assert code == 0 and list(Observation.objects.order_by("id").values_list()) == before


def test_xlsx_table(tmp_path, cli):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Local measures"])
    ws.append(["indicator", "area", "period", "value"])
    ws.append(["Complaints upheld", "E06000021", "2024 Q1", 3])
    ws.append(["Complaints upheld", "E06000021", "2024 Q2", 5])
    wb.save(tmp_path / "local.xlsx")
    code, out, err = cli("import-data", tmp_path / "local.xlsx", "--slug", "complaints", "--unit", "count")
    assert code == 0, err
    assert list(Observation.objects.values_list("period_label", "value")) == [
        ("2024 Q1", 3.0),
        ("2024 Q2", 5.0),
    ]


@pytest.mark.parametrize(
    "content, message",
    [
        ("indicator,area,period,value\nX,Nowhere,2024,1\n", "unknown area(s): row 2 'Nowhere'"),
        ("indicator,area,period,value\nX,861,someday,1\n", "unrecognised period 'someday'"),
        ("indicator,area,period,value\nX,861,2024,lots\n", "neither a number nor a known symbol"),
        ("indicator,area,period,value,unit\nX,861,2024,1,furlongs\n", "unknown unit 'furlongs'"),
    ],
)
def test_bad_tables(tmp_path, cli, content, message):
    (tmp_path / "t.csv").write_text(content)
    code, out, err = cli("import-data", tmp_path / "t.csv")
    assert code == 2 and message in err and err.count("\n") == 1
    assert not Indicator.objects.exists()
