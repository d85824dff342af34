"""Who may open which page: every URL pattern of the project × every role × where the record lies.

The expectations are declared in three tables, nowhere else:
- GRANTS: what each role may do (read, export, record, configure, finalise, audit, the admin site);
- CAST: the users, each a role working in one township (甲镇) or in the whole county;
- URLS: every URL pattern by name, with what it needs and which record (or scope) it is about.
A record lies in 甲镇 (the township users' own), in 乙镇 (another township of the same county), is
county-wide (no township: county campaigns, the county leading group, county summaries), or lies in
another county (他县: its county-wide row where the kind has them, else one of its townships).
From these, each cell's answer is: 302 to the login for a visitor, 403 without the grant, 404 for a
record outside the jurisdiction (403 for one read there but written only by county users), else
the page (or its file, or its redirect).

A URL pattern with no entry in URLS fails `test_every_url_pattern_has_an_entry`, naming it: a new
view is added here together with its page. Each pattern is one test, its cells subtests.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib import admin
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import TestCase
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from inspections.models import InspectionAttachment, NegativeListEntry, ScoreRecord
from registry import roles
from registry.models import LeadingGroupMember
from reports import figures as catalogue
from reports.models import Report
from tests.factories import (
    CountyFactory,
    FoodTruckFactory,
    MobileChefFactory,
    OperatorFactory,
    TownshipFactory,
    UserFactory,
    VillageCoordinatorFactory,
    VillageFactory,
    WholesaleVehicleFactory,
)
from tests.inspections import factories as f

# --- what a page needs --------------------------------------------------------------------------

PUBLIC = "public"  # no login (health check, the login page)
SIGNED_IN = "signed in"  # any user (home page, own password, logout)
READ = "read"  # the ledgers, registries, figures and summaries
EXPORT = "export"  # .xlsx exports, PDFs and summary files
RECORD = "record"  # add and change ledger and registry records, imports, void
CONFIGURE = "configure"  # jurisdictions and settings (villages)
FINALISE = "finalise"  # 定稿 of a summary
AUDIT = "audit"  # the audit trail of access and changes
STAFF = "staff"  # the admin site

GRANTS = {
    roles.INSPECTOR: {READ, EXPORT, RECORD},
    roles.OFFICE_HEAD: {READ, EXPORT, RECORD, FINALISE},
    roles.LEADER: {READ, EXPORT},
    roles.ADMIN: {READ, EXPORT, RECORD, CONFIGURE, FINALISE, STAFF},
}
GRANTS[roles.AUDITOR] = {AUDIT}

# --- the cast: role and where each user works -----------------------------------------------------

TOWNSHIP, COUNTY = "township", "county"


@dataclass(frozen=True)
class Member:
    role: str | None  # None: a visitor who has not logged in
    works_in: str | None = None  # TOWNSHIP (甲镇) or COUNTY (the whole county)


CAST = {
    "visitor": Member(None),
    "inspector_a": Member(roles.INSPECTOR, TOWNSHIP),
    "head_a": Member(roles.OFFICE_HEAD, TOWNSHIP),
    "leader_a": Member(roles.LEADER, TOWNSHIP),
    "admin_a": Member(roles.ADMIN, TOWNSHIP),
    "county_inspector": Member(roles.INSPECTOR, COUNTY),
    "county_leader": Member(roles.LEADER, COUNTY),
    "county_admin": Member(roles.ADMIN, COUNTY),
}
CAST["auditor"] = Member(roles.AUDITOR, COUNTY)

# --- where a record lies, and who sees it ---------------------------------------------------------

OWN, OTHER, COUNTY_WIDE, OTHER_COUNTY = "甲镇", "乙镇", "全县", "他县"
# County-wide rows a township user reads (but never writes): the county's campaigns. Other
# county-wide rows (summaries, the county leading group) are for county users only.
SHARED, COUNTY_ONLY = "shared", "county only"


@dataclass(frozen=True)
class Page:
    needs: str
    kind: str | None = None  # the record the URL's pk names, or the records a list shows
    record: bool = False  # the URL names one record (pk) of `kind`
    listing: bool = False  # the page lists records of `kind` (context object_list)
    scope: bool = False  # the page reads ?township= / ?county= (figures)
    method: str = "GET"
    ok: int = 200  # the answer when allowed
    file: str | None = None  # content type prefix of a download
    args: tuple = ()  # URL arguments after the pk (or instead of it)
    county_rows: str | None = None  # SHARED / COUNTY_ONLY: the kind has county-wide rows
    where: tuple = field(default=(OWN,))
    ok_for: dict = field(default_factory=dict)  # a role whose allowed answer differs from `ok`

    def __post_init__(self):
        if self.record or self.scope:
            where = (OWN, OTHER, COUNTY_WIDE, OTHER_COUNTY) if self.county_rows else (OWN, OTHER, OTHER_COUNTY)
            object.__setattr__(self, "where", where)

    @property
    def writes(self):
        return self.needs in (RECORD, CONFIGURE, FINALISE)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"


def ledger(app, kind, *, sheet=True, status=False, county_rows=None):
    """The pages of a `LedgerViewSet`: list, detail, new, edit, void (status; export, import, template)."""
    pages = {
        "list": Page(READ, kind, listing=True, county_rows=county_rows),
        "detail": Page(READ, kind, record=True, county_rows=county_rows),
        "create": Page(RECORD),
        "update": Page(RECORD, kind, record=True, county_rows=county_rows),
        "void": Page(RECORD, kind, record=True, county_rows=county_rows),
    }
    if status:
        pages["status"] = Page(RECORD, kind, record=True)
    if sheet:
        pages["export"] = Page(EXPORT, file=XLSX)
        pages["import"] = Page(RECORD)
        pages["template"] = Page(RECORD, file=XLSX)
    return {f"{app}:{kind}_{role}": page for role, page in pages.items()}


FIGURE_KEY = next(iter(catalogue.FIGURES))

URLS = {
    # the project's own pages
    # the 审计员's first page is the audit page: home redirects there
    "home": Page(SIGNED_IN, ok_for={roles.AUDITOR: 302}),
    "login": Page(PUBLIC),
    "logout": Page(SIGNED_IN, method="POST", ok=302),
    "password_change": Page(SIGNED_IN),
    "healthz": Page(PUBLIC),
    # 登记 (registry)
    **ledger("registry", "operator", status=True),
    **ledger("registry", "mobilechef", status=True),
    **ledger("registry", "foodtruck", status=True),
    **ledger("registry", "wholesalevehicle", status=True),
    **ledger("registry", "villagecoordinator"),
    **ledger("registry", "leadinggroupmember", sheet=False, county_rows=COUNTY_ONLY),
    "registry:village_list": Page(READ, "village", listing=True),
    "registry:village_create": Page(CONFIGURE),
    "registry:village_update": Page(CONFIGURE, "village", record=True),
    # 台账 (ledgers)
    "inspections:inspection_create": Page(RECORD),
    "inspections:inspection_pdf": Page(EXPORT, "inspection", record=True, file=PDF),
    # uploads: downloaded by who reads the record (MEDIA_ROOT has no URL)
    "inspections:inspectionattachment_download": Page(READ, "inspectionattachment", record=True, file="image/png"),
    "inspections:rectification_evidence": Page(READ, "rectification", record=True, file=PDF),
    "inspections:inspection_plan": Page(READ),
    **ledger("inspections", "inspection"),
    "inspections:rectification_report": Page(RECORD, "rectification", record=True),
    "inspections:rectification_close": Page(RECORD, "rectification", record=True),
    **ledger("inspections", "rectification"),
    **ledger("inspections", "campaign", sheet=False, county_rows=SHARED),
    "inspections:score_ledger": Page(READ),
    "inspections:scorerecord_pdf": Page(EXPORT, "scorerecord", record=True, file=PDF),
    **ledger("inspections", "scorerecord"),
    "inspections:negativelistentry_print": Page(READ),
    **ledger("inspections", "negativelistentry"),
    "inspections:operator_level": Page(RECORD, "operator", record=True),
    "inspections:sampledisposal_update": Page(RECORD, "sample", record=True),
    **ledger("inspections", "sample"),
    "inspections:rapidtest_batch": Page(RECORD),
    **ledger("inspections", "rapidtest"),
    **ledger("inspections", "case"),
    **ledger("inspections", "complaint"),
    **ledger("inspections", "banquet"),
    **ledger("inspections", "training"),
    **ledger("inspections", "interview"),
    **ledger("inspections", "publicityevent"),
    **ledger("inspections", "lecture"),
    **ledger("inspections", "manualdistribution"),
    **ledger("inspections", "studysession"),
    **ledger("inspections", "majorevent"),
    # 统计 (dashboard, figures): the scope is the query string's township or county
    "reports:dashboard": Page(READ, scope=True, county_rows=COUNTY_ONLY),
    "reports:figure_list": Page(READ, scope=True, county_rows=COUNTY_ONLY),
    "reports:figures_xlsx": Page(EXPORT, scope=True, county_rows=COUNTY_ONLY, file=XLSX),
    "reports:figure": Page(READ, scope=True, county_rows=COUNTY_ONLY, args=(FIGURE_KEY,)),
    "reports:figure_export": Page(EXPORT, scope=True, county_rows=COUNTY_ONLY, args=(FIGURE_KEY,), file=XLSX),
    # 工作总结 (summaries); the drafts have no text yet, so 定稿 is refused with a message (302)
    "reports:report_list": Page(READ, "report", listing=True, county_rows=COUNTY_ONLY),
    "reports:report_create": Page(RECORD),
    "reports:report_detail": Page(READ, "report", record=True, county_rows=COUNTY_ONLY),
    "reports:report_update": Page(RECORD, "report", record=True, county_rows=COUNTY_ONLY),
    "reports:report_finalise": Page(FINALISE, "report", record=True, county_rows=COUNTY_ONLY, method="POST", ok=302),
    "reports:report_redraft": Page(RECORD, "report", record=True, county_rows=COUNTY_ONLY, method="POST", ok=302),
    "reports:report_void": Page(RECORD, "report", record=True, county_rows=COUNTY_ONLY),
    "reports:report_download": Page(EXPORT, "report", record=True, county_rows=COUNTY_ONLY, args=("xlsx",), file=XLSX),
    # 审计 (the audit trail): the 审计员 only
    "audit:access_list": Page(AUDIT),
    "audit:access_export": Page(AUDIT, file=XLSX),
    "audit:change_list": Page(AUDIT),
}
# The admin site is one entry: its pages are made for each registered model. Who may see and change
# what inside it is tested in tests/test_admin.py; here, that only staff get past its login.
ADMIN_SITE = Page(STAFF)

# Cells where the code is known to be wrong today: (url name, where) → the issue that fixes it.
# Such a cell asserts the hole is still there, so the fix fails here until the entry is removed.
HOLES: dict[tuple[str, str], str] = {}

# --- the records ----------------------------------------------------------------------------------

D = datetime.date(2026, 4, 1)


def records_of(township, village):
    """One record of each kind in `township`."""

    def operator():
        return OperatorFactory(township=township, village=village)

    return {
        "operator": operator(),
        "mobilechef": MobileChefFactory(township=township),
        "foodtruck": FoodTruckFactory(township=township),
        "wholesalevehicle": WholesaleVehicleFactory(township=township),
        "villagecoordinator": VillageCoordinatorFactory(village=village),
        "leadinggroupmember": leading_group_member(township.county, township),
        "village": village,
        "inspection": (inspection := f.InspectionFactory(operator=operator())),
        # File names only: the bytes are written per test (`setUp`), in the test's MEDIA_ROOT.
        "inspectionattachment": InspectionAttachment.objects.create(
            inspection=inspection, file=f"inspections/matrix/{township.code}.png"
        ),
        "rectification": f.RectificationFactory(
            operator=operator(), evidence=f"rectifications/matrix/{township.code}.pdf"
        ),
        "campaign": f.CampaignFactory(county=township.county, township=township),
        "scorerecord": ScoreRecord.objects.create(
            township=township, operator=operator(), scored_on=D, points=2, reason="未公示许可证"
        ),
        "negativelistentry": NegativeListEntry.objects.create(
            township=township, operator=operator(), listed_on=D, reason="一年内记分满12分"
        ),
        "sample": f.SampleFactory(operator=operator(), failed=True),
        "rapidtest": f.RapidTestFactory(operator=operator()),
        "case": f.CaseFactory(township=township),
        "complaint": f.ComplaintFactory(township=township),
        "banquet": f.BanquetFactory(village=village),
        "training": f.TrainingFactory(township=township),
        "interview": f.InterviewFactory(township=township),
        "publicityevent": f.PublicityEventFactory(township=township),
        "lecture": f.LectureFactory(township=township),
        "manualdistribution": f.ManualDistributionFactory(township=township),
        "studysession": f.StudySessionFactory(township=township),
        "majorevent": f.MajorEventFactory(township=township),
        "report": draft_report(township.county, township),
    }


def county_records_of(county):
    return {
        "campaign": f.CampaignFactory(county=county, township=None),
        "leadinggroupmember": leading_group_member(county, None),
        "report": draft_report(county, None),
    }


def leading_group_member(county, township):
    return LeadingGroupMember.objects.create(county=county, township=township, name="张三", position="镇长")


def draft_report(county, township):
    """A draft whose 存在的问题 and 下一步打算 are not written yet (定稿 refuses it, cheaply)."""
    report = Report(county=county, township=township, kind=Report.Kind.ANNUAL, year=2025)
    report.set_period()
    report.title = report.default_title()
    report.save()
    return report


# --- the URL conf ---------------------------------------------------------------------------------


def url_patterns(resolver=None, namespace="", prefix=""):
    """(name, route) of every URL pattern outside the admin site, names as reverse() takes them."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from url_patterns(entry, inner, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield (f"{namespace}{entry.name}" if entry.name else None), prefix + str(entry.pattern)


def project_url_names():
    return {name for name, _ in url_patterns() if name}


# --- the test -------------------------------------------------------------------------------------


class PermissionMatrix(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.county = CountyFactory()
        cls.township_a = TownshipFactory(county=cls.county, code="town-a", name="甲镇")
        cls.township_b = TownshipFactory(county=cls.county, code="town-b", name="乙镇")
        cls.records = {
            OWN: records_of(cls.township_a, VillageFactory(township=cls.township_a, name="甲一村")),
            OTHER: records_of(cls.township_b, VillageFactory(township=cls.township_b, name="乙一村")),
            COUNTY_WIDE: county_records_of(cls.county),
        }
        # Nobody of the cast works in the other county: its rows are a 404 for everyone.
        other_county = CountyFactory(code="baishui", name="白水县")
        township_c = TownshipFactory(county=other_county, code="town-c", name="丙镇")
        cls.records[OTHER_COUNTY] = {
            **records_of(township_c, VillageFactory(township=township_c, name="丙一村")),
            **county_records_of(other_county),
        }
        cls.other_county = other_county
        cls.users = {}
        for name, member in CAST.items():
            if member.role is None:
                continue
            place = {"townships": [cls.township_a]} if member.works_in == TOWNSHIP else {"county": cls.county}
            staff = STAFF in GRANTS[member.role]
            cls.users[name] = UserFactory(username=name, role=member.role, is_staff=staff, **place)

    def setUp(self):
        for where in (OWN, OTHER):
            for name in (
                self.records[where]["inspectionattachment"].file.name,
                self.records[where]["rectification"].evidence.name,
            ):
                default_storage.save(
                    name, ContentFile(b"\x89PNG\r\n\x1a\n" if name.endswith(".png") else b"%PDF-1.7\n")
                )

    # -- what the tables say ------------------------------------------------------------------------

    def expected(self, page, who, where):
        """The status code the tables give for `who` opening `page` about a record lying `where`."""
        member = CAST[who]
        if page.needs == PUBLIC:
            return 302 if (page is URLS["login"] and member.role) else 200
        if member.role is None:
            return 302
        if page.needs != SIGNED_IN and page.needs not in GRANTS[member.role]:
            return 403
        if page.record or page.scope:
            if not self.readable(page, member, where):
                return 404
            if page.writes and not self.writable(member, where):
                return 403  # seen, so no secret: refused, as a county-wide campaign's edit is
        return page.ok_for.get(member.role, page.ok)

    @staticmethod
    def readable(page, member, where):
        """A county user reads the whole county; a township user their own, and the shared county rows."""
        if where == OTHER_COUNTY:
            return False
        if member.works_in == COUNTY or where == OWN:
            return True
        return where == COUNTY_WIDE and page.county_rows == SHARED

    @staticmethod
    def writable(member, where):
        """A county-wide row is written by county users only."""
        return member.works_in == COUNTY or where == OWN

    # -- asking the app -----------------------------------------------------------------------------

    def url(self, name, page, where):
        if page.record:
            url = reverse(name, args=[self.records[where][page.kind].pk, *page.args])
        else:
            url = reverse(name, args=page.args)
        if page.scope:
            query = {
                OWN: f"township={self.township_a.pk}",
                OTHER: f"township={self.township_b.pk}",
                COUNTY_WIDE: f"county={self.county.pk}",
                OTHER_COUNTY: f"county={self.other_county.pk}",
            }[where]
            url += f"?{query}"
        return url

    def ask(self, who, method, url):
        if getattr(self, "signed_in_as", None) != who:
            # One login per user and test, not per cell: the cells of a user follow each other.
            self.client.logout()
            if CAST[who].role is not None:
                self.client.force_login(self.users[who])
            self.signed_in_as = who
        response = self.client.get(url) if method == "GET" else self.client.post(url, {})
        session = response.cookies.get(settings.SESSION_COOKIE_NAME)
        if session is not None and not session.value:
            self.signed_in_as = None  # the page ended the session (logout)
        return response

    def check(self, name):
        page = URLS[name]
        for who in CAST:
            places = (OWN,) if CAST[who].role is None else page.where
            for where in places:
                with self.subTest(who=who, where=where):
                    self.check_cell(name, page, who, where)

    def check_cell(self, name, page, who, where):
        url = self.url(name, page, where)
        expected = self.expected(page, who, where)
        response = self.ask(who, page.method, url)
        hole = HOLES.get((name, where))
        if hole and expected in (403, 404) and GRANTS[CAST[who].role] >= {page.needs}:
            self.assertEqual(
                response.status_code,
                page.ok,
                f"{name} {who} {where}: fixed ({hole}), remove it from HOLES",
            )
            return
        self.assertEqual(response.status_code, expected, f"{page.method} {url} as {who}")
        if expected == 302 and CAST[who].role is None:
            self.assertTrue(response["Location"].startswith(reverse("login")), response["Location"])
        if expected == 200 and page.file:
            self.assertTrue(response["Content-Type"].startswith(page.file), response["Content-Type"])
        if expected == 200 and page.listing:
            self.check_listing(response, page, CAST[who])
        if page.writes and page.method == "GET" and expected in (302, 403, 404):
            # Refused to read the form, refused to post it.
            posted = self.ask(who, "POST", url)
            self.assertEqual(posted.status_code, expected, f"POST {url} as {who}")

    def check_listing(self, response, page, member):
        mine = {where: self.records[where].get(page.kind) for where in (OWN, OTHER, COUNTY_WIDE, OTHER_COUNTY)}
        listed = {obj.pk for obj in response.context["object_list"]}
        shown = {where for where, record in mine.items() if record is not None and record.pk in listed}
        wanted = {where for where, record in mine.items() if record is not None and self.readable(page, member, where)}
        self.assertEqual(shown, wanted)

    # -- the admin site -----------------------------------------------------------------------------

    def test_only_staff_get_past_the_admin_login(self):
        """Non-staff are sent to the admin's login from every page; staff open every domain model's list."""
        domain = [model for model in admin.site._registry if model._meta.app_label in roles.DOMAIN_APPS]
        lists = [reverse(f"admin:{m._meta.app_label}_{m._meta.model_name}_changelist") for m in domain]
        for who, member in CAST.items():
            staff = member.role is not None and ADMIN_SITE.needs in GRANTS[member.role]
            # The admin site's own check runs before any page's: one list stands for all of them.
            for url in [reverse("admin:index"), *(lists if staff else lists[:1])]:
                with self.subTest(who=who, url=url):
                    response = self.ask(who, "GET", url)
                    if staff:
                        self.assertEqual(response.status_code, 200)
                    else:
                        self.assertRedirects(response, f"{reverse('admin:login')}?next={url}")

    # -- the table covers the URL conf --------------------------------------------------------------

    def test_every_url_pattern_has_an_entry(self):
        unnamed = [pattern for name, pattern in url_patterns() if name is None]
        self.assertEqual(unnamed, [], "URL patterns without a name cannot be in the permission matrix")
        missing = sorted(project_url_names() - set(URLS))
        self.assertEqual(
            missing, [], f"add these URL patterns to URLS in {__name__} (who may open them, about which record)"
        )

    def test_every_entry_is_a_url_pattern(self):
        self.assertEqual(sorted(set(URLS) - project_url_names()), [], "entries of URLS no URL pattern has")


def _test_of(name):
    def test(self):
        self.check(name)

    test.__doc__ = f"{name}: every role × jurisdiction"
    return test


for _name in URLS:
    setattr(PermissionMatrix, "test_" + _name.replace(":", "__"), _test_of(_name))
