"""Forms of the ledgers, one module per ledger as in `inspections/models/`."""
