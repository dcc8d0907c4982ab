"""Benchmark: importing public statistics (prints figures; judges nothing).

Times a full import of ``ees/ehcp-2025/caseload.csv`` (every indicator column, totals rows) and of one
indicator from the LAIT parquet (~640k rows), each into a fresh temporary SQLite database, then the
re-import of the same file (which changes nothing). Skips with a message when ../shared is absent.
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
DATA = Path(os.environ.get("SENDPLAN_SHARED_DIR", REPO.parent / "shared")) / "data"


def run_one(kind: str) -> None:
    os.environ["SENDPLAN_DATA_DIR"] = tempfile.mkdtemp(prefix="sendplan-bench-measures-")
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "sendplan.settings"
    import django

    django.setup()
    from django.core.management import call_command

    from sendplan.measures.importers.ees import indicator_columns
    from sendplan.measures.services import import_data

    call_command("migrate", verbosity=0)
    if kind == "caseload":
        path = DATA / "ees" / "ehcp-2025" / "caseload.csv"
        columns = indicator_columns(path)
        label = f"import caseload.csv ({len(columns)} indicator columns)"
        args = {"path": path, "indicators": columns, "slug": "caseload"}
    else:
        path = DATA / "lait" / "lait_bds_long_0.parquet"
        label = "import LAIT parquet (SEN_EHC_All_20wks)"
        args = {"path": path, "indicators": ["SEN_EHC_All_20wks"]}
    for attempt in ("fresh database", "re-import, unchanged"):
        start = time.perf_counter()
        report = import_data(**args)
        elapsed = time.perf_counter() - start
        loaded = sum(i.loaded for i in report.indicators)
        new = sum(i.new for i in report.indicators)
        print(
            f"{label}, {attempt}: {elapsed:.2f} s, {report.rows_read:,} rows read, "
            f"{loaded:,} values loaded ({new:,} new)",
            flush=True,
        )


def main() -> None:
    if len(sys.argv) > 1:
        run_one(sys.argv[1])
        return
    if not DATA.is_dir():
        print(f"measures: {DATA} is absent; nothing to time")
        return
    for kind in ("caseload", "lait"):
        # A process each: a fresh database and a fresh Django set-up.
        subprocess.run([sys.executable, __file__, kind], check=True)


if __name__ == "__main__":
    main()
