"""A township's ledgers taken out with the export buttons and put back through the import pages."""

import io

from django.db.models import ProtectedError, RestrictedError
from django.urls import resolve, reverse

# In the order an office imports them: who is registered before what is done to them.
LEDGERS = [
    "registry:operator",
    "registry:mobilechef",
    "registry:foodtruck",
    "registry:wholesalevehicle",
    "registry:villagecoordinator",
    "inspections:inspection",
    "inspections:rectification",
    "inspections:scorerecord",
    "inspections:negativelistentry",
    "inspections:case",
    "inspections:sample",
    "inspections:rapidtest",
    "inspections:complaint",
    "inspections:banquet",
    "inspections:training",
    "inspections:interview",
    "inspections:publicityevent",
    "inspections:lecture",
    "inspections:manualdistribution",
    "inspections:studysession",
    "inspections:majorevent",
]


def ledger_model(ledger):
    return resolve(reverse(f"{ledger}_export")).func.view_class.sheet_class.model


def records_of(model, township):
    """The model's records of one township, however the model names its township."""
    fields = {field.name for field in model._meta.get_fields()}
    lookup = next(path for field, path in SCOPE_PATHS if field in fields)
    return model.objects.filter(**{lookup: township})


def wipe(records):
    """Delete records and, first, whatever protects them from deletion (disposals, confiscated goods)."""
    while True:
        try:
            records.delete()
            return
        except (ProtectedError, RestrictedError) as error:
            blocking = getattr(error, "protected_objects", None) or error.restricted_objects
            for record in blocking:
                wipe(type(record).objects.filter(pk=record.pk))


SCOPE_PATHS = [("township", "township"), ("village", "village__township"), ("operator", "operator__township")]


class LedgerTransfer:
    """Through the pages, as an office does, with a test client logged in as someone who may."""

    def __init__(self, test, township):
        self.test, self.client, self.township = test, test.client, township

    def export(self, ledger):
        response = self.client.get(reverse(f"{ledger}_export"), {"township": self.township.pk})
        self.test.assertEqual(response.status_code, 200, ledger)
        return b"".join(response.streaming_content) if response.streaming else response.content

    def import_(self, ledger, content):
        """Upload one workbook and confirm it, as an office does; the number of rows saved."""
        workbook = io.BytesIO(content)
        workbook.name = f"{ledger}.xlsx"
        url = reverse(f"{ledger}_import")
        preview = self.client.post(url, {"township": self.township.pk, "file": workbook})
        result = preview.context["result"]
        if [error.message for error in result.errors] == ["表格中没有数据行"]:
            return 0
        self.test.assertTrue(result.ok, f"{ledger}: {[str(e) for e in result.errors][:10]}")
        self.test.assertEqual(result.ignored_columns, [], ledger)
        token = preview.context["confirm_form"].initial["token"]
        self.test.assertEqual(self.client.post(url, {"token": token}).status_code, 302, ledger)
        return len(result.records)

    def wipe(self, ledger):
        wipe(records_of(ledger_model(ledger), self.township))
