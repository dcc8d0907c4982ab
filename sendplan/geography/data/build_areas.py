"""Derive ``areas.csv`` (shipped with sendplan) from DfE's EES code lists.

Run: ``python sendplan/geography/data/build_areas.py ../shared/data/lookups``. The output is committed; the
``0002_load_areas`` data migration loads it, so ``migrate`` sets up every installation the same way.

One *area* is one council over time: codes that share the 3-digit DfE LA number (Barnsley 370:
E08000016 until 30 April 2025, then E08000038) belong to the same area. Combined rows such as
``E06000061 / E06000062`` are not areas and are left out. England and regions carry LAIT's numbers
(970, 980–990) so LAIT rows join too.
"""

import csv
import sys
from datetime import date, datetime
from pathlib import Path

LAIT_NUMBERS = {
    "E92000001": "970",
    "E12000001": "980",
    "E12000002": "981",
    "E12000003": "982",
    "E12000004": "983",
    "E12000005": "984",
    "E12000006": "985",
    "E12000007": "986",
    "E13000001": "987",
    "E13000002": "988",
    "E12000008": "989",
    "E12000009": "990",
}
FIELDS = ["area", "level", "code", "old_code", "name", "region", "valid_from", "valid_to"]


def _date(text: str) -> str:
    return datetime.strptime(text, "%d/%m/%Y").date().isoformat() if text.strip() else ""


def build(lookups: Path) -> list[dict]:
    rows = [
        {
            "area": "E92000001",
            "level": "country",
            "code": "E92000001",
            "old_code": "970",
            "name": "England",
            "region": "",
            "valid_from": "",
            "valid_to": "",
        }
    ]
    with open(lookups / "eesscreener_regions.csv", encoding="utf-8-sig") as fh:
        for reg in csv.DictReader(fh):
            code = reg["region_code"].strip()
            rows.append(
                {
                    "area": code,
                    "level": "region",
                    "code": code,
                    "old_code": LAIT_NUMBERS.get(code, ""),
                    "name": reg["region_name"].strip(),
                    "region": "E12000007" if code.startswith("E13") else "",
                    "valid_from": "",
                    "valid_to": "",
                }
            )
    with open(lookups / "eesscreener_las.csv", encoding="utf-8-sig") as fh:
        las = [r for r in csv.DictReader(fh) if "/" not in r["new_la_code"]]
    groups: dict[str, list[dict]] = {}
    for la in las:
        old = la["old_la_code"].strip()
        key = old if old and old.lower() != "x" else la["new_la_code"].strip()
        groups.setdefault(key, []).append(la)
    for members in groups.values():
        latest = max(members, key=lambda r: (r["date_of_termination"] == "", _date(r["date_of_operation"])))
        for la in sorted(members, key=lambda r: _date(r["date_of_operation"])):
            old = la["old_la_code"].strip()
            rows.append(
                {
                    "area": latest["new_la_code"].strip(),
                    "level": "council",
                    "code": la["new_la_code"].strip(),
                    "old_code": "" if old.lower() == "x" else old,
                    "name": la["la_name"].strip(),
                    "region": la["parent_geography_code"].strip(),
                    "valid_from": _date(la["date_of_operation"]),
                    "valid_to": _date(la["date_of_termination"]),
                }
            )
    return rows


def main(argv: list[str]) -> None:
    lookups = Path(argv[1] if len(argv) > 1 else "../shared/data/lookups")
    rows = build(lookups)
    out = Path(__file__).with_name("areas.csv")
    with open(out, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{out}: {len(rows)} codes, built {date.today().isoformat()}")


if __name__ == "__main__":
    main(sys.argv)
