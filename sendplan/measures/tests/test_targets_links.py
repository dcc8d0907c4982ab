import pytest

from sendplan.core.models import Partnership
from sendplan.measures.models import IndicatorLink, Target, TargetKind
from sendplan.testing.plans import make_plan

from .helpers import indicator

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    Partnership.objects.create(name="Stoke", slug="stoke")
    return indicator(slug="ehcplans", unit="count")


def test_set_target_creates_then_updates(cli, setup):
    code, out, err = cli(
        "set-target", "ehcplans", "--area", "861", "--period", "2026", "--value", "3,619", "--kind", "forecast",
        "--partnership", "stoke", "--note", "Plan page 4",
    )  # fmt: skip
    assert code == 0, err
    assert "Plan forecast for ehcplans, Stoke-on-Trent, 2026: 3619" in out
    cli("set-target", "ehcplans", "--area", "E06000021", "--period", "2026", "--value", "3700", "--kind", "forecast",
        "--partnership", "stoke")  # fmt: skip
    target = Target.objects.get()
    assert (target.kind, target.value, target.period_label) == (TargetKind.FORECAST, 3700.0, "2026")


@pytest.mark.parametrize(
    "args, message",
    [
        (["nope", "--area", "861", "--period", "2026", "--value", "1"], "no indicator 'nope'"),
        (["ehcplans", "--area", "999", "--period", "2026", "--value", "1"], "unknown area '999'"),
        (["ehcplans", "--area", "861", "--period", "soon", "--value", "1"], "unrecognised period 'soon'"),
        (["ehcplans", "--area", "861", "--period", "2026", "--value", "lots"], "'lots' is not a number"),
    ],
)
def test_set_target_errors(cli, setup, args, message):
    code, out, err = cli("set-target", *args, "--partnership", "stoke")
    assert code == 2 and message in err and err.startswith("error: ")
    assert not Target.objects.exists()


def test_link_indicator(cli, setup):
    make_plan()
    code, out, err = cli(
        "link-indicator", "ehcplans", "--plan", "test-plan", "--action", "1a", "--measure", "2"
    )
    assert code == 0, err
    link = IndicatorLink.objects.get()
    assert link.item.section == "measures" and link.item.text.startswith("Measure 2 of action 1a")
    code, out, err = cli(
        "link-indicator", "ehcplans", "--plan", "test-plan", "--action", "1a", "--measure", "9"
    )
    assert code == 2 and "has 2 success measure(s)" in err
    code, out, err = cli("link-indicator", "ehcplans", "--plan", "test-plan", "--action", "9z")
    assert code == 2 and "no action '9z'" in err
    assert IndicatorLink.objects.count() == 1
