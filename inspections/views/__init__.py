"""Pages of the ledgers, one module per ledger as in `inspections/models/`.

Most pages are the generic ledger pages (`registry.ledgers.views.LedgerViewSet`); a module here
declares its ledger's set and adds what the ledger needs beyond them.
"""
