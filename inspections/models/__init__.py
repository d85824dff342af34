"""The ledgers. One module per ledger; everything is importable from `inspections.models`."""

from .activities import Interview, Lecture, MajorEvent, ManualDistribution, PublicityEvent, StudySession, Training
from .banquets import Banquet
from .campaigns import Campaign
from .cases import Case, ConfiscatedGoods
from .checklists import ChecklistItem, ChecklistTemplate, InspectionItemResult, ItemOutcome
from .complaints import Complaint
from .inspections import Inspection, InspectionAttachment, InspectionDocument
from .planning import RiskFrequencyRule
from .rapid_tests import RapidTest, RapidTestItem
from .rectifications import Rectification
from .rules import RuleParameter
from .sampling import Sample, SampleDisposal
from .scoring import LevelChange, NegativeListEntry, ScoreRecord, ScoringPolicy

__all__ = [
    "Banquet",
    "Campaign",
    "Case",
    "ChecklistItem",
    "ChecklistTemplate",
    "Complaint",
    "ConfiscatedGoods",
    "Inspection",
    "InspectionAttachment",
    "InspectionDocument",
    "InspectionItemResult",
    "Interview",
    "ItemOutcome",
    "Lecture",
    "LevelChange",
    "MajorEvent",
    "ManualDistribution",
    "NegativeListEntry",
    "PublicityEvent",
    "RapidTest",
    "RapidTestItem",
    "Rectification",
    "RiskFrequencyRule",
    "RuleParameter",
    "Sample",
    "SampleDisposal",
    "ScoreRecord",
    "ScoringPolicy",
    "StudySession",
    "Training",
]
