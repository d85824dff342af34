"""Import a township's historic ledger records from Excel (the template or an export).

`python manage.py import_ledger <kind> FILE.xlsx --township CODE [--dry-run]`
All rows or none: every error is listed as "第N行，“列”列：原因" and nothing is saved.
"""

from inspections.sheets import LEDGER_SHEETS
from registry.ledgers.commands import SheetImportCommand


class Command(SheetImportCommand):
    help = "从 Excel 导入历史台账（全部正确才导入）"

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(LEDGER_SHEETS), help="台账类型")
        super().add_arguments(parser)

    def sheet_class(self, options):
        return LEDGER_SHEETS[options["kind"]]
