"""Files that are cut short, not tables, too big or not what their name says: one ``error:`` line naming the
file and the problem, exit status 2, nothing loaded — for every format ``import-data`` reads."""

import io
import zipfile

import pytest

from sendplan.measures.models import Indicator, Observation

pytestmark = pytest.mark.django_db

FORMATS = {
    "ees": ("ees_small.csv", ["--indicator", "pc_within_20_weeks"]),
    "table": ("table_small.csv", []),
    "lait": ("lait_small.csv", ["--indicator", "TEST_20wks"]),
}


def _cut_in_a_value(text: str) -> str:
    """The file ends in the middle of a value of its last row (no final newline): ``…,226,226,6``."""
    body = text.rstrip("\r\n")
    head, value, _ = body.rsplit(",", 2)
    return head + "," + value[: max(1, len(value) // 2)]


def _cut_before_last_column(text: str) -> str:
    """The last row lost its last field, line end kept (short by one field)."""
    body = text.rstrip("\r\n")
    return body.rsplit(",", 1)[0] + "\n"


def _cut_early_no_newline(text: str) -> str:
    body = text.rstrip("\r\n")
    head, last = body.rsplit("\n", 1)
    return head + "\n" + last[: len(last) // 3]


def _extra_field(text: str) -> str:
    lines = text.rstrip("\r\n").split("\n")
    lines[2] = lines[2] + ",surplus"
    return "\n".join(lines) + "\n"


def _open_quote(text: str) -> str:
    body = text.rstrip("\r\n")
    head, last = body.rsplit(",", 1)
    return head + ',"' + last


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    "damage, expected",
    [
        (_cut_in_a_value, "field(s) but the header has"),
        (_cut_before_last_column, "field(s) but the header has"),
        (_cut_early_no_newline, "field(s) but the header has"),
        (_extra_field, "line 3 has"),
        (_open_quote, "a quoted value is not closed"),
    ],
)
def test_rows_cut_short_or_ragged_are_refused(fixtures, cli, tmp_path, fmt, damage, expected):
    filename, args = FORMATS[fmt]
    text = (fixtures / filename).read_text(encoding="utf-8-sig")
    path = tmp_path / f"cut_{filename}"
    path.write_text(damage(text), encoding="utf-8")
    code, out, err = cli("import-data", path, *args)
    assert code == 2, out
    assert err.startswith(f"error: {path.name} line ") and err.count("\n") == 1
    assert expected in err
    assert not Observation.objects.exists() and not Indicator.objects.exists()


def test_blank_trailing_lines_and_rows_of_empty_cells_are_not_rows(fixtures, cli, tmp_path):
    path = tmp_path / "t.csv"
    path.write_text((fixtures / "table_small.csv").read_text() + "\n,,\n\n  \n")
    code, out, err = cli("import-data", path)
    assert code == 0, err


@pytest.mark.shared
@pytest.mark.parametrize("cut", ["in the value", "before the value"])
def test_real_timeliness_file_cut_in_its_last_row(shared_dir, cli, tmp_path, cut):
    """County Durham 2019 is 67.3; a copy cut at "…,226,226,6" must not load 6.0 (or a missing value)."""
    source = shared_dir / "data" / "ees" / "ehcp-2025" / "timeliness_20_week.csv"
    with open(source, encoding="utf-8-sig") as fh:
        header = next(fh)
        rows = [line for line in fh if "All EHC plans issued" in line][:20]
    assert ",226,226,67.3," in rows[-1]
    end = rows[-1].index(",226,226,67.3,") + len(",226,226,6" if cut == "in the value" else ",226,226,")
    path = tmp_path / "trunc.csv"
    path.write_text(header + "".join(rows[:-1]) + rows[-1][:end], encoding="utf-8")
    code, out, err = cli(
        "import-data",
        path,
        "--indicator",
        "pc_plans_issued_within_20_weeks",
        "--filter",
        "breakdown=All EHC plans issued",
        "--slug",
        "trunc",
    )
    assert code == 2, out
    assert err.startswith("error: trunc.csv line 21 has ") and "the header has 26" in err
    assert not Observation.objects.exists()


def _xlsx_bytes() -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["indicator", "area", "period", "value"])
    wb.active.append(["x", "E06000021", "2024", 1])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _broken_sheet_xml() -> bytes:
    source = zipfile.ZipFile(io.BytesIO(_xlsx_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                data = data[: len(data) // 2]
            target.writestr(info, data)
    return out.getvalue()


RANDOM = bytes((i * 7919 + 13) % 256 for i in range(5000))

BAD_FILES = [
    ("rand.csv", RANDOM, "is not a text file"),
    ("rand.txt", RANDOM, "is not a text file"),
    ("rand.xlsx", RANDOM, "is not a readable Excel workbook"),
    ("rand.parquet", RANDOM, "is not a readable parquet file"),
    ("empty.csv", b"", "is empty (0 bytes)"),
    ("empty.xlsx", b"", "is empty (0 bytes)"),
    ("empty.parquet", b"", "is empty (0 bytes)"),
    ("blank.txt", b"\n" * 3000, "holds only blank lines"),
    ("one-long-line.txt", b"x" * 1_100_000, "first line is longer than"),
    ("prose.txt", b"Dear colleagues\nPlease find attached\n", "is not a table"),
    ("header-only.csv", b"indicator,area,period,value\n", "has a header row but no data rows"),
    ("trunc.xlsx", _xlsx_bytes()[:-200], "is not a readable Excel workbook"),
    ("broken-sheet.xlsx", _broken_sheet_xml(), "is not a readable Excel workbook"),
    ("word.docx.csv", b"PK\x03\x04" + RANDOM, "is not a text file"),
]


@pytest.mark.parametrize("filename, content, message", BAD_FILES, ids=[f[0] for f in BAD_FILES])
@pytest.mark.parametrize("extra", [[], ["--indicator", "x", "--filter", "a=b"]], ids=["plain", "with-filter"])
def test_unreadable_files_one_error_line(cli, tmp_path, filename, content, message, extra):
    path = tmp_path / filename
    path.write_bytes(content)
    code, out, err = cli("import-data", path, *extra)
    assert code == 2, err
    assert err.startswith(f"error: {filename}") and err.count("\n") == 1
    assert message in err
    assert "Traceback" not in err and "--traceback" not in err
    assert not Observation.objects.exists()


def test_over_the_size_limit(cli, tmp_path, settings, fixtures):
    settings.MAX_DATA_FILE_BYTES = 100
    path = tmp_path / "big.csv"
    path.write_bytes((fixtures / "table_small.csv").read_bytes())
    code, out, err = cli("import-data", path)
    assert code == 2
    assert (
        "big.csv is " in err and "over the 100 bytes limit for data files (setting MAX_DATA_FILE_MB)" in err
    )


def test_cp1252_text_is_read(fixtures, cli, tmp_path):
    text = (fixtures / "table_small.csv").read_text().replace("Invision 360 audit", "Audit – café")
    path = tmp_path / "cp1252.csv"
    path.write_bytes(text.encode("cp1252"))
    code, out, err = cli("import-data", path)
    assert code == 0, err
    assert Observation.objects.filter(note="Audit – café").exists()


@pytest.mark.parametrize(
    "args, message",
    [
        (["--dictionary", "no-such-dictionary.csv"], "--dictionary no-such-dictionary.csv: no such file"),
        (["--dictionary", "RANDOM"], "is not a text file"),
    ],
)
def test_lait_dictionary_given_but_unusable(fixtures, cli, tmp_path, args, message):
    if args[1] == "RANDOM":
        (tmp_path / "d.csv").write_bytes(RANDOM)
        args = ["--dictionary", tmp_path / "d.csv"]
    code, out, err = cli("import-data", fixtures / "lait_small.csv", "--indicator", "TEST_20wks", *args)
    assert code == 2 and message in err and err.count("\n") == 1
    assert not Observation.objects.exists()


def test_overflowing_numbers_are_not_figures(cli, tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("indicator,area,period,value\nx,E06000021,2024,1e999\n")
    code, out, err = cli("import-data", path)
    assert code == 2 and "row 2 '1e999'" in err


@pytest.mark.parametrize("value", ["nan", "inf", "-Infinity"])
def test_set_target_refuses_non_numbers(fixtures, cli, value):
    from sendplan.core.models import Partnership

    Partnership.objects.create(name="P", slug="p")
    cli("import-data", fixtures / "table_small.csv")
    slug = Indicator.objects.first().slug
    code, out, err = cli(
        "set-target", slug, "--area", "861", "--period", "2026", f"--value={value}", "--partnership", "p"
    )
    assert code == 2 and "is not a number" in err
