import pytest

from sendplan.geography.models import Area, AreaCode, Level
from sendplan.geography.selectors import area_by_code
from sendplan.geography.services import AreaIndex, load_areas

pytestmark = pytest.mark.django_db


def test_migrate_loads_england_regions_and_councils():
    assert Area.objects.get(level=Level.COUNTRY).code == "E92000001"
    assert Area.objects.filter(level=Level.REGION, code__startswith="E12").count() == 9
    assert Area.objects.filter(level=Level.COUNCIL, valid_to__isnull=True).count() >= 153
    stoke = Area.objects.get(code="E06000021")
    assert (stoke.name, stoke.old_code, stoke.region.name) == ("Stoke-on-Trent", "861", "West Midlands")


@pytest.mark.parametrize(
    "code, expected",
    [
        ("E08000016", "E08000038"),  # Barnsley before 1 May 2025
        ("E08000038", "E08000038"),
        ("370", "E08000038"),
        ("E08000020", "E08000037"),  # Gateshead before 2013
        ("E10000023", "E06000065"),  # North Yorkshire as a county
        ("861", "E06000021"),
        ("970", "E92000001"),
        ("984", "E12000005"),
        ("e06000021", "E06000021"),
        ("Stoke-on-Trent", "E06000021"),
        ("Kingston upon Hull", "E06000010"),
        ("kingston upon hull, city of", "E06000010"),
        ("City of London", "E09000001"),
    ],
)
def test_every_code_an_area_had_finds_the_area(code, expected):
    if not code[0].isalpha() or code[1:].isdigit():
        assert area_by_code(code=code).code == expected
    assert AreaIndex.load().resolve(code) == Area.objects.get(code=expected).pk


def test_code_dates_are_kept():
    old = AreaCode.objects.get(code="E08000016")
    assert str(old.valid_to) == "2025-04-30"
    assert str(AreaCode.objects.get(code="E08000038").valid_from) == "2025-05-01"


def test_successor_councils_stay_separate_areas():
    northants = Area.objects.get(code="E10000021")
    assert northants.valid_to is not None and not northants.is_current
    assert Area.objects.get(code="E06000061").old_code == "940"
    assert AreaIndex.load().resolve("928") == northants.pk


def test_reloading_changes_nothing():
    before = list(AreaCode.objects.values_list("id", "code", "area_id", "valid_from", "valid_to"))
    load_areas()
    assert list(AreaCode.objects.values_list("id", "code", "area_id", "valid_from", "valid_to")) == before
