from datetime import date

import pytest

from sendplan.measures import periods
from sendplan.measures.models import PeriodType


@pytest.mark.parametrize(
    "text, year_type, kind, label, start, note",
    [
        ("2024", "", PeriodType.CALENDAR, "2024", date(2024, 1, 1), ""),
        ("2016", "Academic Year", PeriodType.CALENDAR, "2016", date(2016, 1, 1), ""),
        ("202324", "", PeriodType.ACADEMIC, "2023/24", date(2023, 9, 1), ""),
        ("2023/24", "", PeriodType.ACADEMIC, "2023/24", date(2023, 9, 1), ""),
        ("2023-24", "Financial Year", PeriodType.FINANCIAL, "2023-24", date(2023, 4, 1), ""),
        ("2023-24", "Academic Year", PeriodType.ACADEMIC, "2023/24", date(2023, 9, 1), ""),
        ("2016-17 (OT)", "", PeriodType.ACADEMIC, "2016/17", date(2016, 9, 1), "OT"),
        ("2018 (Rev)", "", PeriodType.CALENDAR, "2018", date(2018, 1, 1), "revised"),
        ("2025 (prov)", "", PeriodType.CALENDAR, "2025", date(2025, 1, 1), "provisional"),
        ("2020 (Final)", "", PeriodType.CALENDAR, "2020", date(2020, 1, 1), "final"),
        ("2014-16", "", PeriodType.MULTI_YEAR, "2014-16", date(2014, 1, 1), ""),
        ("2021/22-23/24", "", PeriodType.MULTI_YEAR, "2021/22-23/24", date(2021, 9, 1), ""),
        ("1999/00", "", PeriodType.ACADEMIC, "1999/00", date(1999, 9, 1), ""),
        ("2025-03", "", PeriodType.MONTH, "March 2025", date(2025, 3, 1), ""),
        ("Sept 2025", "", PeriodType.MONTH, "September 2025", date(2025, 9, 1), ""),
        ("Q2 2025", "", PeriodType.QUARTER, "2025 Q2", date(2025, 4, 1), ""),
    ],
)
def test_parse(text, year_type, kind, label, start, note):
    p = periods.parse(text, year_type)
    assert (p.type, p.label, p.start, p.note) == (kind, label, start, note)


@pytest.mark.parametrize(
    "time_period, identifier, label",
    [("2024", "Calendar year", "2024"), ("202425", "Academic year", "2024/25"), ("202425", "Financial year", "2024-25"),
     ("2024", "ACADEMIC YEAR", "2024/25"), ("2023/24", "Academic year", "2023/24"), ("2024", "January", "January 2024")],
)  # fmt: skip
def test_ees_periods(time_period, identifier, label):
    assert periods.from_ees(time_period, identifier).label == label


@pytest.mark.parametrize("text", ["0", "someday", "2024-99", ""])
def test_unreadable_periods(text):
    with pytest.raises(periods.PeriodError):
        periods.parse(text)
