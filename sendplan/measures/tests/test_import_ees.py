import pytest

from sendplan.geography.models import Area
from sendplan.measures.models import Indicator, MissingReason, Observation, PeriodType

pytestmark = pytest.mark.django_db


def series(slug, code):
    return [
        (o.period_label, o.value, o.missing_reason)
        for o in Observation.objects.filter(indicator__slug=slug, area__code=code).order_by("period_start")
    ]


def snapshot():
    return list(Observation.objects.order_by("id").values_list()), list(
        Indicator.objects.order_by("id").values_list()
    )


@pytest.mark.shared
def test_timeliness_stoke_and_england(shared_dir, cli):
    path = shared_dir / "data" / "ees" / "ehcp-2025" / "timeliness_20_week.csv"
    code, out, err = cli(
        "import-data",
        path,
        "--indicator",
        "pc_plans_issued_within_20_weeks",
        "--filter",
        "breakdown=All EHC plans issued",
        "--slug",
        "ehcp-20-weeks",
    )
    assert code == 0, err
    assert "12,211 rows read" in out and "missing — not available" in out
    stoke = series("ehcp-20-weeks", "E06000021")
    assert [(p, v) for p, v, _ in stoke] == [
        ("2019", 27.6),
        ("2020", 18.7),
        ("2021", 3.7),
        ("2022", 62.7),
        ("2023", 48.5),
        ("2024", 32.9),
    ]
    assert series("ehcp-20-weeks", "E92000001")[-1][:2] == ("2024", 45.9)
    # "x" cells are kept as missing with the reason, never as zero.
    missing = Observation.objects.filter(indicator__slug="ehcp-20-weeks", value__isnull=True)
    assert missing.exists()
    assert set(missing.values_list("missing_reason", "missing_symbol")) == {
        (MissingReason.NOT_AVAILABLE, "x")
    }
    assert not Observation.objects.filter(indicator__slug="ehcp-20-weeks", value=0, missing_reason="").filter(
        pk__in=missing
    )
    # Idempotent.
    before = snapshot()
    code, out, err = cli(
        "import-data",
        path,
        "--indicator",
        "PC_PLANS_ISSUED_WITHIN_20_WEEKS",
        "--filter",
        "Breakdown=all ehc plans issued",
        "--slug",
        "ehcp-20-weeks",
    )
    assert code == 0, err
    assert "0 new, 0 changed, 970 unchanged" in out
    assert snapshot() == before


@pytest.mark.shared
def test_caseload_academic_years_total_chosen(shared_dir, cli):
    code, out, err = cli(
        "import-data", shared_dir / "data/ees/ehcp-2025/caseload.csv", "--indicator", "ehcplans"
    )
    assert code == 0, err
    assert "All EHC plans (the total, chosen automatically)" in out
    stoke = series("ehcplans", "E06000021")
    assert [p for p, _, _ in stoke] == [
        "2018/19",
        "2019/20",
        "2020/21",
        "2021/22",
        "2022/23",
        "2023/24",
        "2024/25",
    ]
    assert stoke[-1][1] == 3405
    obs = Observation.objects.filter(indicator__slug="ehcplans").first()
    assert obs.period_type == PeriodType.ACADEMIC and obs.period_start.month == 9


@pytest.mark.shared
@pytest.mark.parametrize(
    "filename, column, period",
    [
        ("UD_NEETNK_LA_dashboard_2023_final.csv", "sess_overall_percent_pa_10_exact", "2023"),
        ("UD_NEETNK_LA_dashboard_2025_final.csv", "enrolments_pa_10_exact_percent", "2025"),
        ("UD_NEETNK_LA_dashboard_2023_final.csv", "NEET_NK_EHCP_percent", "2023"),
        ("UD_NEETNK_LA_dashboard_2025_final.csv", "NEET_NK_EHCP_percent", "2025"),
    ],
)
def test_neet_files_with_different_columns(shared_dir, cli, filename, column, period):
    code, out, err = cli("import-data", shared_dir / "data/ees/neet-send" / filename, "--indicator", column)
    assert code == 0, err
    slug = column.lower().replace("_", "-")
    stoke = series(slug, "E06000021")
    assert [p for p, _, _ in stoke] == [period]
    assert Observation.objects.filter(indicator__slug=slug).count() > 150


@pytest.mark.shared
def test_neet_suppressed_cells_have_reasons(shared_dir, cli):
    path = shared_dir / "data/ees/neet-send/UD_NEETNK_LA_dashboard_2025_final.csv"
    code, out, err = cli("import-data", path, "--indicator", "annual_change_apprenticeship")
    assert code == 0, err
    reasons = set(
        Observation.objects.filter(value__isnull=True)
        .values_list("missing_reason", "missing_symbol")
        .distinct()
    )
    assert (MissingReason.CONFIDENTIAL, "c") in reasons


@pytest.mark.shared
def test_column_missing_in_one_year_is_refused(shared_dir, cli):
    path = shared_dir / "data/ees/neet-send/UD_NEETNK_LA_dashboard_2025_final.csv"
    code, out, err = cli("import-data", path, "--indicator", "sess_overall_percent_pa_10_exact")
    assert code == 2
    assert "no indicator column 'sess_overall_percent_pa_10_exact'" in err
    assert not Observation.objects.exists()


def test_own_fixture_bom_order_case_symbols_and_code_history(fixtures, cli):
    code, out, err = cli(
        "import-data", fixtures / "ees_small.csv", "--indicator", "pc_within_20_weeks", "--slug", "t"
    )
    assert code == 0, err
    assert "1 — geographic level 'Local authority district' is not a council, region or England" in out
    assert "breakdown_topic = All plans (the total, chosen automatically)" in out
    assert series("t", "E06000021") == [
        ("2023/24", 32.9, ""),
        ("2024/25", None, MissingReason.LOW_RELIABILITY),
    ]
    # Barnsley's two codes (before and after 1 May 2025) are one council.
    assert series("t", "E08000038") == [
        ("2023/24", None, MissingReason.LOW),
        ("2024/25", None, MissingReason.NOT_APPLICABLE),
    ]
    assert series("t", "E92000001") == [("2023/24", 45.9, "")]
    assert series("t", "E12000005") == [("2023/24", 40.2, "")]
    indicator = Indicator.objects.get(slug="t")
    assert indicator.unit == "percent" and indicator.partnership is None


def test_own_fixture_several_indicators_and_explicit_filter(fixtures, cli):
    code, out, err = cli(
        "import-data",
        fixtures / "ees_small.csv",
        "--indicator",
        "plans_issued",
        "--indicator",
        "pc_within_20_weeks",
        "--filter",
        "breakdown=Female",
        "--format",
        "ees",
    )
    assert code == 0, err
    assert series("plans-issued", "E06000021") == [("2023/24", 12.0, "")]
    assert series("pc-within-20-weeks", "E06000021") == [("2023/24", None, MissingReason.NOT_AVAILABLE)]
    assert not Observation.objects.filter(area=Area.objects.get(code="E08000038")).exists()


@pytest.mark.parametrize(
    "filename, args, message",
    [
        ("ees_no_standard.csv", ["--format", "ees", "--indicator", "value"], "missing standard column(s)"),
        ("ees_no_standard.csv", ["--indicator", "value"], "cannot tell the format"),
        ("ees_small.csv", ["--indicator", "no_such_column"], "no indicator column 'no_such_column'"),
        ("ees_small.csv", [], "choose indicator column(s) with --indicator"),
        ("ees_small.csv", ["--indicator", "plans_issued", "--filter", "breakdown=Males"], "no such value"),
        (
            "ees_small.csv",
            ["--indicator", "plans_issued", "--filter", "breakdown"],
            "write it as column=value",
        ),
        ("ees_bad_value.csv", ["--indicator", "pc"], "neither a number nor a known symbol"),
        ("ees_bad_value.csv", ["--indicator", "pc"], "row 3 'thirty'"),
        (
            "ees_no_total.csv",
            ["--indicator", "pupils"],
            'choose one with --filter "phase=VALUE" from: Primary',
        ),
    ],
)
def test_bad_input_exit_2_nothing_loaded(fixtures, cli, filename, args, message):
    code, out, err = cli("import-data", fixtures / filename, *args)
    assert code == 2
    assert err.startswith("error: ") and err.count("\n") == 1
    assert message in err
    assert not Observation.objects.exists() and not Indicator.objects.exists()


def test_total_marked_by_repeating_the_topic(fixtures, cli):
    code, out, err = cli("import-data", fixtures / "ees_mirrored_total.csv", "--indicator", "new_plans")
    assert code == 0, err
    assert "breakdown_topic = New EHC plans (the total, chosen automatically)" in out
    assert series("new-plans", "E92000001") == [("2024", 100.0, "")]


def test_numeric_filter_with_a_total(fixtures, cli):
    code, out, err = cli("import-data", fixtures / "ees_numeric_filter.csv", "--indicator", "pupils")
    assert code == 0, err
    assert "ncyear = Total (the total, chosen automatically)" in out
    assert series("pupils", "E92000001") == [("2024/25", 210.0, "")]
    code, out, err = cli(
        "import-data",
        fixtures / "ees_numeric_filter.csv",
        "--indicator",
        "pupils",
        "--filter",
        "ncyear=2",
        "--slug",
        "y2",
    )
    assert code == 0, err
    assert series("y2", "E92000001") == [("2024/25", 110.0, "")]


def test_missing_file(cli, tmp_path):
    code, out, err = cli("import-data", tmp_path / "nope.csv", "--indicator", "x")
    assert code == 2 and "does not exist" in err


def test_conflicting_duplicate_rows_refused_exact_repeats_skipped(fixtures, cli, tmp_path):
    text = (fixtures / "ees_bad_value.csv").read_text(encoding="utf-8-sig").replace("thirty", "30")
    lines = text.splitlines()
    (tmp_path / "repeat.csv").write_text("\n".join([*lines, lines[-1]]) + "\n")
    code, out, err = cli("import-data", tmp_path / "repeat.csv", "--indicator", "pc")
    assert code == 0, err
    assert "1 — pc: repeated row (same area, period and value)" in out
    (tmp_path / "conflict.csv").write_text("\n".join([*lines, lines[-1].replace(",30", ",31")]) + "\n")
    Observation.objects.all().delete()
    code, out, err = cli("import-data", tmp_path / "conflict.csv", "--indicator", "pc", "--slug", "other")
    assert code == 2 and "more than one different value" in err
    assert not Observation.objects.exists()
