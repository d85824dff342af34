"""Import a township's operator registry from an Excel file (the template or an export).

All rows or none: if any row is wrong, every error is listed as "第N行，“列”列：原因"
and nothing is saved. --dry-run checks the file without saving even when it is clean.
"""

from registry.ledgers.commands import SheetImportCommand
from registry.sheets import OperatorSheet


class Command(SheetImportCommand):
    help = "从 Excel 导入食品生产经营者（全部正确才导入）"

    def sheet_class(self, options):
        return OperatorSheet
