"""File importers. Each reads one format into an ``Extract``: per indicator, a table of area, period, value
and missing reason, plus counts of rows read, not selected and skipped (with reasons). Nothing here writes
to the database; ``sendplan.measures.services.import_data`` does, in one transaction.
"""
