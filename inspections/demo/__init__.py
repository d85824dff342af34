"""Demo data of the ledgers, one module per ledger as in `inspections/models/`.

seed_demo runs SEEDERS in this order after the registry. Each seeder is `seeder(rng, cast, today)`,
draws only from the shared random generator `rng` and dates everything between 2026-01-01 and
`today`, so the same seed gives the same ledgers (keep the order: the draws follow it). Records
are created by an inspector of their township, as if entered through the app (with an audit trail
entry each). Failed samples come with and without completed disposal (one per township is left
overdue), cases are open and closed, and some complaints are overdue.
"""

from .activities import seed_activities
from .banquets import seed_banquets
from .campaigns import seed_campaigns
from .cases import seed_cases
from .complaints import seed_complaints
from .inspections import seed_inspections
from .rapid_tests import seed_rapid_tests
from .sampling import seed_samples

SEEDERS = [
    seed_campaigns,
    seed_inspections,
    seed_samples,
    seed_cases,
    seed_rapid_tests,
    seed_complaints,
    seed_banquets,
    seed_activities,
]
