import shutil

import pytest

from sendplan.measures.models import Indicator, MissingReason, Observation, Polarity, Unit

pytestmark = pytest.mark.django_db


def series(slug, code):
    return [
        (o.period_label, o.value, o.missing_reason, o.note)
        for o in Observation.objects.filter(indicator__slug=slug, area__code=code).order_by("period_start")
    ]


@pytest.mark.shared
def test_lait_parquet_stoke(shared_dir, cli):
    path = shared_dir / "data" / "lait" / "lait_bds_long_0.parquet"
    code, out, err = cli(
        "import-data", path, "--indicator", "SEN_EHC_All_20wks", "--slug", "ehcp-20-weeks-lait"
    )
    assert code == 0, err
    values = {p: v for p, v, _, _ in series("ehcp-20-weeks-lait", "E06000021")}
    assert values["2017"] == 65.1 and values["2018"] == 13.6 and values["2024"] == 32.9
    indicator = Indicator.objects.get(slug="ehcp-20-weeks-lait")
    assert indicator.polarity == Polarity.HIGHER and indicator.unit == Unit.PERCENT
    assert "20 weeks" in indicator.name and "EHC" in indicator.definition
    assert Observation.objects.filter(indicator=indicator, area__code="E92000001").count() == 9
    before = list(Observation.objects.order_by("id").values_list())
    code, out, err = cli(
        "import-data", path, "--indicator", "SEN_EHC_All_20wks", "--slug", "ehcp-20-weeks-lait"
    )
    assert code == 0 and "0 new, 0 changed, 1,530 unchanged" in out
    assert list(Observation.objects.order_by("id").values_list()) == before


@pytest.mark.shared
def test_lait_unknown_code_suggests(shared_dir, cli):
    path = shared_dir / "data" / "lait" / "lait_bds_long_0.parquet"
    code, out, err = cli("import-data", path, "--indicator", "SEN_EHC_All_20wk")
    assert code == 2 and "did you mean SEN_EHC_All_20wks" in err
    assert not Observation.objects.exists()


def test_lait_csv_fill_down_noise_revisions_and_dictionary(fixtures, cli, tmp_path):
    shutil.copy(fixtures / "lait_small.csv", tmp_path / "lait.csv")
    code, out, err = cli(
        "import-data",
        tmp_path / "lait.csv",
        "--indicator",
        "test_20wks",
        "--dictionary",
        fixtures / "lait_dictionary.csv",
    )
    assert code == 0, err
    assert "1 — TEST_20wks: superseded by a later (revised or final) figure" in out
    assert series("test-20wks", "E06000021") == [
        ("2016/17", 50.0, "", "OT"),
        ("2017", 65.1, "", ""),
        ("2018", 13.8, "", "revised"),
        ("2019", None, MissingReason.NOT_AVAILABLE, ""),
    ]
    assert series("test-20wks", "E92000001") == [("2017", 64.9, "", "")]
    assert series("test-20wks", "E12000005") == [("2017", 60.1, "", "")]
    indicator = Indicator.objects.get(slug="test-20wks")
    assert (indicator.polarity, indicator.unit, indicator.decimals) == (Polarity.HIGHER, Unit.PERCENT, 1)
    assert indicator.name == "EHC plans issued within 20 weeks (%)"


def test_lait_without_dictionary_takes_the_label(fixtures, cli, tmp_path):
    shutil.copy(fixtures / "lait_small.csv", tmp_path / "lait.csv")
    code, out, err = cli("import-data", tmp_path / "lait.csv", "--indicator", "OTHER", "--format", "lait")
    assert code == 0, err
    assert Indicator.objects.get(slug="other").name == "Something else"


def test_lait_bad_value(fixtures, cli, tmp_path):
    text = (fixtures / "lait_small.csv").read_text().replace("13.6", "n.a.")
    (tmp_path / "lait.csv").write_text(text)
    code, out, err = cli("import-data", tmp_path / "lait.csv", "--indicator", "TEST_20wks")
    assert code == 2 and "'n.a.'" in err
    assert not Observation.objects.exists()


@pytest.mark.shared
def test_lait_name_white_space_collapsed(shared_dir, cli):
    """The dictionary's title is "All new  EHC plans issued within 20 weeks (%)" (two spaces)."""
    path = shared_dir / "data" / "lait" / "lait_bds_long_0.parquet"
    code, out, err = cli("import-data", path, "--indicator", "SEN_EHC_All_20wks", "--slug", "lait")
    assert code == 0, err
    indicator = Indicator.objects.get(slug="lait")
    assert indicator.name == "All new EHC plans issued within 20 weeks (%)"
    assert "  " not in indicator.definition and "\t" not in indicator.definition


def test_white_space_in_names_and_definitions_from_any_source(fixtures, cli, tmp_path):
    shutil.copy(fixtures / "lait_small.csv", tmp_path / "lait.csv")
    dictionary = (fixtures / "lait_dictionary.csv").read_text()
    dictionary = dictionary.replace("EHC plans issued within", "EHC  plans issued\twithin").replace(
        "Share of new plans issued on time.", "Share of  new plans\r\n issued on time.\n\n\n\nSecond   part."
    )
    (tmp_path / "lait_data_dictionary.csv").write_text(dictionary)
    code, out, err = cli("import-data", tmp_path / "lait.csv", "--indicator", "TEST_20wks")
    assert code == 0, err
    lait = Indicator.objects.get()
    assert lait.name == "EHC plans issued within 20 weeks (%)"
    assert lait.definition == "Share of new plans\nissued on time.\n\nSecond part.\n\n(x/y)*100"
    lait.delete()
    table = tmp_path / "table.csv"
    table.write_text('indicator,area,period,value\n"Audits\u00a0 graded\t good ",E06000021,2024,5\n')
    code, out, err = cli("import-data", table)
    assert code == 0, err
    assert Indicator.objects.get().name == "Audits graded good"
    code, out, err = cli("import-data", table, "--slug", "other", "--name", " Two   spaces ")
    assert code == 0, err
    assert Indicator.objects.get(slug="other").name == "Two spaces"
