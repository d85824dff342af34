"""The ledger machinery every app shares: scoping, records, pages, filters, forms, Excel, audit trail.

A new ledger, end to end:
1. Model: subclass `records.LedgerRecord` (audited, voided not deleted) with a `querysets.ScopedQuerySet` manager.
2. Form and filters: a `forms.ScopedModelForm` and a `filters.LedgerFilterSet` (search, township, period).
3. Excel: a `sheets.LedgerSheet` whose `Column`s write the template and the export and read imports.
4. Pages: `views.LedgerViewSet(Model, form_class=…, filterset_class=…, sheet_class=…)`; add `.urls(prefix)`.
5. Scoping needs nothing more: every page reads `Model.objects.for_user(user)`; `audit.audit_trail` shows the history.

The modules: `querysets` (who sees which rows), `records` (the abstract base of every record),
`views` (list, detail, create, edit, void, Excel in and out), `filters`, `forms`, `sheets`
(`LedgerSheet`, `Column`), `audit` (the trail of a record), `commands` (the Excel import command).
Nothing is imported here: `registry.models` imports `querysets` and `records` while the app loads.
"""
