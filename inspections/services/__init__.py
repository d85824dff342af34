"""Writes that span more than one row, one module per ledger as in `inspections/models/`."""
