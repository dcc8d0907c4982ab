"""Polarity (and unit, name, decimals) set after import, kept by later imports; pages say when it is unset."""

import pytest

from sendplan.measures.models import Indicator, Observation, Polarity, Unit
from sendplan.testing.html import assert_valid_page, text_of

pytestmark = pytest.mark.django_db

ARGS = ["--indicator", "pc_within_20_weeks", "--slug", "t"]


def test_ees_indicator_has_no_direction_until_set(fixtures, cli, client):
    code, out, err = cli("import-data", fixtures / "ees_small.csv", *ARGS)
    assert code == 0, err
    assert Indicator.objects.get(slug="t").polarity == Polarity.NEITHER
    page = text_of(assert_valid_page(client.get("/indicators/t/?area=E06000021")))
    assert "No direction set:" in page and "set-indicator t --polarity higher" in page

    code, out, err = cli(
        "set-indicator", "t", "--polarity", "higher", "--name", "On  time", "--decimals", "1"
    )
    assert code == 0, err
    assert "polarity set to higher" in out
    ind = Indicator.objects.get(slug="t")
    assert (ind.polarity, ind.name, ind.decimals) == (Polarity.HIGHER, "On time", 1)
    page = text_of(assert_valid_page(client.get("/indicators/t/?area=E06000021")))
    assert "No direction set" not in page

    values = list(Observation.objects.order_by("id").values_list())
    code, out, err = cli("import-data", fixtures / "ees_small.csv", *ARGS)  # re-import keeps the choice
    assert code == 0, err
    ind.refresh_from_db()
    assert (ind.polarity, ind.name) == (Polarity.HIGHER, "On time")
    assert list(Observation.objects.order_by("id").values_list()) == values


def test_set_unit_and_no_change(fixtures, cli):
    cli("import-data", fixtures / "ees_small.csv", *ARGS)
    code, out, err = cli("set-indicator", "t", "--unit", "rate")
    assert code == 0 and Indicator.objects.get(slug="t").unit == Unit.RATE
    code, out, err = cli("set-indicator", "t", "--unit", "rate")
    assert code == 0 and "no change" in out


@pytest.mark.parametrize(
    "args, message",
    [
        (["nope", "--polarity", "higher"], "no indicator 'nope'"),
        (["t"], "give at least one of --polarity"),
        (["t", "--polarity", "up"], "invalid choice"),
        (["t", "--decimals", "9"], "--decimals"),
    ],
)
def test_set_indicator_bad_input(fixtures, cli, args, message):
    cli("import-data", fixtures / "ees_small.csv", *ARGS)
    code, out, err = cli("set-indicator", *args)
    assert code == 2 and message in err
    assert Indicator.objects.get(slug="t").polarity == Polarity.NEITHER
