"""List filters of the ledgers, one module per ledger as in `inspections/models/`.

Every list filters by township and by period (日期从/日期至 on the record's own date), and its
Excel export uses the same filters, so an export of "甲镇, 2026-01-01 to 2026-06-30" holds
exactly the records a half-year figure counts.
"""
