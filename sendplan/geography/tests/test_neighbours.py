from pathlib import Path

import pytest

from sendplan.cli import main
from sendplan.geography.models import Area, Closeness, Neighbour, NeighbourSet
from sendplan.geography.selectors import neighbours

pytestmark = pytest.mark.django_db
FIXTURE = Path(__file__).parent.parent.parent / "measures" / "tests" / "fixtures" / "neighbours_small.csv"

STOKE_2025 = [
    "Walsall",
    "Rochdale",
    "Wolverhampton",
    "Doncaster",
    "North East Lincolnshire",
    "Kingston upon Hull",
    "Sandwell",
    "Tameside",
    "Derby",
    "Rotherham",
]


@pytest.fixture(autouse=True)
def _keep_connection(monkeypatch):
    """``run_from_argv`` closes connections when it ends; keep the test's (PostgreSQL) transaction."""
    from django.core.management import base

    monkeypatch.setattr(base.connections, "close_all", lambda: None)


def run(capsys, *args):
    code = 0
    try:
        main(["sendplan", *map(str, args)])
    except SystemExit as exc:
        code = exc.code or 0
    out = capsys.readouterr()
    return code, out.out, out.err


def names(area_code, nset=None):
    return [n.neighbour.name for n in neighbours(area=Area.objects.get(code=area_code), neighbour_set=nset)]


@pytest.mark.shared
@pytest.mark.parametrize(
    "filename", ["sn_may_2025.xlsx", "sn_model_2025_wide_via_csc_repo.csv"], ids=["xlsx", "csv copy"]
)
def test_stoke_on_trent_2025_neighbours(shared_dir, capsys, filename):
    code, out, err = run(
        capsys,
        "import-neighbours",
        shared_dir / "data" / "statistical-neighbours" / filename,
        "--name",
        "sn2025",
    )
    assert code == 0, err
    got = names("E06000021")
    # The code list names Hull "Kingston upon Hull, City of".
    assert [g.removesuffix(", City of") for g in got] == STOKE_2025
    closeness = [n.closeness for n in neighbours(area=Area.objects.get(code="E06000021"))]
    assert closeness[:6] == [Closeness.VERY_CLOSE] * 6 and closeness[6:] == [Closeness.CLOSE] * 4


@pytest.mark.shared
@pytest.mark.parametrize("filename", ["sn_april_2021.xlsx", "sn_april_2021_via_csc_repo.csv"])
def test_2021_workbook_and_csv(shared_dir, capsys, filename):
    code, out, err = run(
        capsys, "import-neighbours", shared_dir / "data" / "statistical-neighbours" / filename
    )
    assert code == 0, err
    nset = NeighbourSet.objects.get()
    assert nset.year == 2021
    links = neighbours(area=Area.objects.get(code="E06000021"), neighbour_set=nset)
    assert [n.neighbour.old_code for n in links] == [
        "810",
        "806",
        "357",
        "371",
        "812",
        "335",
        "370",
        "354",
        "372",
        "890",
    ]
    assert set(Neighbour.objects.values_list("closeness", flat=True)) <= set(Closeness.values)


@pytest.mark.shared
def test_reimport_changes_nothing(shared_dir, capsys):
    path = shared_dir / "data" / "statistical-neighbours" / "sn_may_2025.xlsx"
    run(capsys, "import-neighbours", path)
    before = list(Neighbour.objects.values_list("id", "area_id", "neighbour_id", "rank", "closeness"))
    assert len(before) > 1500
    run(capsys, "import-neighbours", path)
    assert list(Neighbour.objects.values_list("id", "area_id", "neighbour_id", "rank", "closeness")) == before


def test_own_fixture_header_below_title_and_messy_closeness(capsys):
    code, out, err = run(capsys, "import-neighbours", FIXTURE, "--year", "2025")
    assert code == 0, err
    assert "2 councils, 5 neighbour links" in out
    links = neighbours(area=Area.objects.get(code="E06000021"))
    assert [(n.neighbour.old_code, n.closeness) for n in links] == [
        ("335", Closeness.VERY_CLOSE),
        ("354", Closeness.CLOSE),
        ("336", Closeness.SOMEWHAT_CLOSE),
    ]


@pytest.mark.parametrize(
    "content, message",
    [
        ("a,b\n1,2\n", "no header row"),
        ("LA num,SN1,SNP\n861,999,Close\n", "999 is not a known LA number"),
        ("LA num,SN1,SNP\n861,335,Rather close\n", "unknown closeness label"),
    ],
)
def test_bad_workbooks_change_nothing(tmp_path, capsys, content, message):
    path = tmp_path / "sn_2025.csv"
    path.write_text(content)
    code, out, err = run(capsys, "import-neighbours", path)
    assert code == 2
    assert err.startswith("error: ") and message in err and err.count("\n") == 1
    assert not NeighbourSet.objects.exists()


REAL_CSV = "sn_model_2025_wide_via_csc_repo.csv"


def _real_lines(shared_dir) -> list[str]:
    path = shared_dir / "data" / "statistical-neighbours" / REAL_CSV
    return path.read_text(encoding="utf-8-sig").splitlines()


@pytest.mark.shared
def test_csv_cut_inside_a_row_is_refused_with_file_and_line(shared_dir, tmp_path, capsys):
    lines = _real_lines(shared_dir)
    path = tmp_path / "trunc_sn.csv"
    path.write_text("\n".join(lines[:3]) + "\n" + lines[3][: len(lines[3]) // 2])
    code, out, err = run(capsys, "import-neighbours", path, "--year", "2025")
    assert code == 2
    assert err.startswith("error: trunc_sn.csv line 4 has ") and "the header has 24" in err
    assert not NeighbourSet.objects.exists()


@pytest.mark.shared
def test_closeness_label_cut_short_names_file_and_row(shared_dir, tmp_path, capsys):
    lines = _real_lines(shared_dir)
    n = next(i for i, line in enumerate(lines) if line.endswith("Very close"))
    path = tmp_path / "trunc_sn.csv"
    path.write_text("\n".join(lines[:n]) + "\n" + lines[n][:-2])
    code, out, err = run(capsys, "import-neighbours", path, "--year", "2025")
    assert code == 2
    assert err.startswith(f"error: trunc_sn.csv row {n + 1}, column SN10 closeness: unknown closeness label")
    assert "'Very clo'" in err
    assert not NeighbourSet.objects.exists()


def test_cp1252_copy_is_read(tmp_path, capsys):
    text = FIXTURE.read_text(encoding="utf-8").replace("Stoke-on-Trent", "Stoke-on-Trent – café")
    path = tmp_path / "sn_2025.csv"
    path.write_bytes(text.encode("cp1252"))
    code, out, err = run(capsys, "import-neighbours", path)
    assert code == 0, err
    assert "2 councils, 5 neighbour links" in out


NOISE = bytes((i * 7919 + 13) % 256 for i in range(5000))


@pytest.mark.parametrize(
    "filename, content, message",
    [
        ("rand.csv", NOISE, "rand.csv is not a text file"),
        ("rand.xlsx", NOISE, "rand.xlsx is not a readable Excel workbook"),
        ("rand.parquet", NOISE, "rand.parquet: expected an .xlsx workbook or a .csv file"),
        ("empty.csv", b"", "empty.csv is empty (0 bytes)"),
        ("empty.xlsx", b"", "empty.xlsx is empty (0 bytes)"),
        ("blank.csv", b"\r\n" * 500, "blank.csv is not a table: it holds only blank lines"),
        ("prose.txt", b"Dear colleagues,\nplease find attached\n", "no header row with an LA number"),
        ("open-quote.csv", b'LA num,SN1,SNP\n861,335,"Close\n', "line 2: a quoted value is not closed"),
        ("extra.csv", b"LA num,SN1,SNP\n861,335,Close,Close\n", "line 2 has 4 field(s) but the header has 3"),
    ],
)
def test_unreadable_files_one_error_line(tmp_path, capsys, filename, content, message):
    path = tmp_path / filename
    path.write_bytes(content)
    code, out, err = run(capsys, "import-neighbours", path, "--year", "2025")
    assert code == 2, err
    assert err.startswith("error: ") and err.count("\n") == 1 and message in err
    assert not NeighbourSet.objects.exists()


def test_truncated_workbook(tmp_path, capsys):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["LA num", "SN1", "SNP"])
    wb.active.append([861, 335, "Close"])
    whole = tmp_path / "whole.xlsx"
    wb.save(whole)
    path = tmp_path / "trunc.xlsx"
    path.write_bytes(whole.read_bytes()[:-300])
    code, out, err = run(capsys, "import-neighbours", path, "--year", "2025")
    assert code == 2 and err.startswith("error: trunc.xlsx is not a readable Excel workbook")


def test_over_the_size_limit(tmp_path, capsys, settings):
    settings.MAX_DATA_FILE_BYTES = 50
    code, out, err = run(capsys, "import-neighbours", FIXTURE, "--year", "2025")
    assert code == 2 and "over the 50 bytes limit for data files" in err
