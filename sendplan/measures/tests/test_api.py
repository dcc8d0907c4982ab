import pytest

from .helpers import indicator, observe

pytestmark = pytest.mark.django_db


@pytest.mark.shared
def test_acceptance_observations(shared_dir, cli, client):
    code, _, err = cli(
        "import-data",
        shared_dir / "data/ees/ehcp-2025/timeliness_20_week.csv",
        "--indicator",
        "pc_plans_issued_within_20_weeks",
        "--filter",
        "breakdown=All EHC plans issued",
        "--slug",
        "ehcp-20-weeks",
    )
    assert code == 0, err
    code, _, err = cli(
        "import-data",
        shared_dir / "data/lait/lait_bds_long_0.parquet",
        "--indicator",
        "SEN_EHC_All_20wks",
        "--slug",
        "ehcp-20-weeks-lait",
    )
    assert code == 0, err
    for area in ("E06000021", "861"):
        data = client.get(f"/api/v1/indicators/ehcp-20-weeks/observations?area={area}").json()
        assert data["area_name"] == "Stoke-on-Trent"
        assert [(o["period"], o["value"]) for o in data["observations"]] == [
            ("2019", 27.6),
            ("2020", 18.7),
            ("2021", 3.7),
            ("2022", 62.7),
            ("2023", 48.5),
            ("2024", 32.9),
        ]
    england = client.get("/api/v1/indicators/ehcp-20-weeks/observations?area=E92000001").json()
    assert england["observations"][-1] == {
        "period": "2024",
        "period_type": "calendar",
        "period_start": "2024-01-01",
        "value": 45.9,
        "missing_reason": None,
        "missing_symbol": None,
        "note": "",
    }
    lait = client.get("/api/v1/indicators/ehcp-20-weeks-lait/observations?area=E06000021").json()
    values = {o["period"]: o["value"] for o in lait["observations"]}
    assert values["2017"] == 65.1 and values["2018"] == 13.6
    slugs = {i["slug"] for i in client.get("/api/v1/indicators").json()}
    assert {"ehcp-20-weeks", "ehcp-20-weeks-lait"} <= slugs


def test_missing_values_carry_their_reason(client):
    ind = indicator(slug="demo")
    observe(ind, "E06000021", {"2023": None, "2024": 5})
    data = client.get("/api/v1/indicators/demo/observations?area=E06000021").json()
    assert data["observations"][0] | {} == {
        "period": "2023",
        "period_type": "calendar",
        "period_start": "2023-01-01",
        "value": None,
        "missing_reason": "not available",
        "missing_symbol": "x",
        "note": "",
    }


@pytest.mark.parametrize(
    "url, status",
    [
        ("/api/v1/indicators/nope/observations?area=E06000021", 404),
        ("/api/v1/indicators/demo/observations?area=E99999999", 404),
        ("/api/v1/indicators/demo/observations", 422),
        ("/api/v1/indicators/demo", 200),
    ],
)
def test_errors(client, url, status):
    indicator(slug="demo")
    assert client.get(url).status_code == status
