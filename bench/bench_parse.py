"""Benchmark: parsing and importing plan documents (prints figures; judges nothing).

Times `parse` and `import-plan` on the real seed plan (when ../shared exists) and on a generated plan
with 25 priorities x 26 actions written by this script, each imported into a fresh SQLite database.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def timed(fn, runs=5):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times), max(times)


def generated_plan() -> bytes:
    parts = ["Generated Benchmark Plan 2025-2028", "Introduction", "Text."]
    for p in range(1, 26):
        parts.append(f"Priority {p}: Priority number {p}")
        for letter in "abcdefghijklmnopqrstuvwxyz":
            parts += [f"{p}{letter}", "What will we do?", f"We will deliver action {p}{letter} well."]
            parts += ["How will we achieve this?"] + [f"Milestone {i} of {p}{letter}." for i in range(4)]
            parts += ["What impact will this have?", "Children are better supported."]
            parts += ["How will we know we have achieved?", "Measure one.", "Measure two."]
    return "\n\n".join(parts).encode()


def main() -> None:
    data_dir = tempfile.mkdtemp(prefix="sendplan-bench-")
    os.environ["SENDPLAN_DATA_DIR"] = data_dir
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sendplan.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from sendplan.plans.parsing import parse_bytes
    from sendplan.plans.services import plan_import

    call_command("migrate", verbosity=0)
    documents = [("generated (650 actions)", "generated.txt", generated_plan())]
    seed = REPO.parent / "shared" / "seeds" / "000_516c9eee6def6566.txt"
    if seed.exists():
        documents.insert(0, ("seed plan (62 actions)", seed.name, seed.read_bytes()))
    else:
        print("parse: ../shared is absent; timing the generated plan only")
    for label, name, data in documents:
        median, low, high = timed(lambda: parse_bytes(data, name))
        print(
            f"parse {label}: median {median * 1000:.1f} ms (min {low * 1000:.1f}, max {high * 1000:.1f}), {len(data):,} bytes"
        )
        counter = iter(range(1000))
        median, low, high = timed(
            lambda: plan_import(data=data, filename=name, slug=f"bench-{next(counter)}"), runs=3
        )
        print(f"import-plan {label}, new plan: median {median:.2f} s (min {low:.2f}, max {high:.2f})")


if __name__ == "__main__":
    main()
