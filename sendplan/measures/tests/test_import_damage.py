"""The EES importer on damaged copies of its own small fixture: each kind of damage, same result."""

import csv
import io

import pytest

from sendplan.measures.models import Observation

pytestmark = pytest.mark.django_db


def _rows(fixtures):
    text = (fixtures / "ees_small.csv").read_text(encoding="utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def _write(rows, **kwargs) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator=kwargs.get("newline", "\n")).writerows(rows)
    return out.getvalue()


def crlf(rows):
    return _write(rows, newline="\r\n").encode()


def blank_lines(rows):
    text = _write(rows)
    lines = text.splitlines()
    return ("\n".join(lines[:3] + [""] + lines[3:]) + "\n\n,,,\n").encode()


def reversed_columns(rows):
    return _write([list(reversed(r)) for r in rows]).encode()


def upper_headers(rows):
    return _write([[h.upper() for h in rows[0]], *rows[1:]]).encode()


def padded_values(rows):
    return _write([rows[0]] + [[f"  {c} " for c in r] for r in rows[1:]]).encode()


def duplicate_column(rows):
    return _write([r + [r[-1]] for r in rows]).encode()


def cp1252(rows):
    rows = [rows[0]] + [[c.replace("Female", "Féminin") for c in r] for r in rows[1:]]
    return _write(rows).encode("cp1252")


def utf16_tabs(rows):
    return _write(rows).replace(",", "\t").encode("utf-16")


def semicolons(rows):
    return _write(rows).replace(",", ";").encode()


def thousands_and_percent(rows):
    return _write([rows[0]] + [[c.replace("32.9", "32.9%") for c in r] for r in rows[1:]]).encode()


@pytest.mark.parametrize(
    "damage",
    [
        crlf,
        blank_lines,
        reversed_columns,
        upper_headers,
        padded_values,
        duplicate_column,
        cp1252,
        thousands_and_percent,
        utf16_tabs,
        semicolons,
    ],
)
def test_damaged_copies_load_the_same(fixtures, cli, tmp_path, damage):
    path = tmp_path / "damaged.csv"
    path.write_bytes(damage(_rows(fixtures)))
    code, out, err = cli("import-data", path, "--indicator", "pc_within_20_weeks", "--slug", "t")
    assert code == 0, err
    stoke = Observation.objects.filter(indicator__slug="t", area__code="E06000021").order_by("period_start")
    assert [(o.period_label, o.value, o.missing_reason) for o in stoke] == [
        ("2023/24", 32.9, ""),
        ("2024/25", None, "low_reliability"),
    ]
    assert Observation.objects.filter(indicator__slug="t").count() == 6
