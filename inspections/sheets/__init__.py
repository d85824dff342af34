"""Excel sheets of the ledgers, one module per ledger as in `inspections/models/`.

One column list per ledger writes the import template, reads an upload all-or-nothing and
writes the export (registry/ledgers/sheets.py). Related records are named as people write them:
an operator or a village by its name in the import's township, a case by its number, a rapid-test
item by its short name; several operators in one cell are separated by 、.

`LEDGER_SHEETS` names every sheet by the kind `import_ledger` takes.
"""

from .activities import (
    InterviewSheet,
    LectureSheet,
    MajorEventSheet,
    ManualDistributionSheet,
    PublicityEventSheet,
    StudySessionSheet,
    TrainingSheet,
)
from .banquets import BanquetSheet
from .cases import CaseSheet
from .complaints import ComplaintSheet
from .inspections import InspectionSheet
from .rapid_tests import RapidTestSheet
from .rectifications import RectificationSheet
from .sampling import SampleSheet
from .scoring import NegativeListSheet, ScoreRecordSheet

LEDGER_SHEETS = {
    "inspections": InspectionSheet,
    "rectifications": RectificationSheet,
    "scores": ScoreRecordSheet,
    "negative_list": NegativeListSheet,
    "samples": SampleSheet,
    "rapid_tests": RapidTestSheet,
    "cases": CaseSheet,
    "trainings": TrainingSheet,
    "interviews": InterviewSheet,
    "publicity": PublicityEventSheet,
    "lectures": LectureSheet,
    "manuals": ManualDistributionSheet,
    "study_sessions": StudySessionSheet,
    "complaints": ComplaintSheet,
    "banquets": BanquetSheet,
    "events": MajorEventSheet,
}
