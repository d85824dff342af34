from django.contrib import admin

from registry.admin import AuditedAdmin, NoDeleteAdmin
from registry.ledgers.admin import EvidenceInline, ScopedAdminMixin

from .models import (
    Banquet,
    Campaign,
    Case,
    ChecklistItem,
    ChecklistTemplate,
    Complaint,
    ConfiscatedGoods,
    Inspection,
    InspectionAttachment,
    InspectionDocument,
    InspectionItemResult,
    Interview,
    Lecture,
    LevelChange,
    MajorEvent,
    ManualDistribution,
    NegativeListEntry,
    PublicityEvent,
    RapidTest,
    RapidTestItem,
    Rectification,
    RiskFrequencyRule,
    RuleParameter,
    Sample,
    SampleDisposal,
    ScoreRecord,
    ScoringPolicy,
    StudySession,
    Training,
)


class ChecklistItemInline(admin.TabularInline):
    model = ChecklistItem
    extra = 0
    fields = ("order", "number", "section", "text", "is_key", "points")


@admin.register(ChecklistTemplate)
class ChecklistTemplateAdmin(AuditedAdmin):
    list_display = (
        "name",
        "category",
        "effective_from",
        "is_active",
        "max_key_failures_for_basic",
        "min_general_pass_rate",
    )
    list_filter = ("category", "is_active")
    inlines = [ChecklistItemInline]

    def has_delete_permission(self, request, obj=None):
        # Inspections point at their template's items; retire a template with is_active instead.
        return False


@admin.register(ChecklistItem)
class ChecklistItemAdmin(AuditedAdmin):
    list_display = ("number", "text", "template", "section", "is_key", "points")
    list_filter = ("template", "section", "is_key")
    search_fields = ("text",)


@admin.register(ScoringPolicy)
class ScoringPolicyAdmin(AuditedAdmin):
    list_display = ("__str__", "credit_b_from", "credit_c_from", "risk_raise_from", "negative_list_from")


@admin.register(RiskFrequencyRule)
class RiskFrequencyRuleAdmin(admin.ModelAdmin):
    list_display = ("risk_level", "min_per_year", "max_per_year", "effective_from")


class DocumentInline(EvidenceInline):
    model = InspectionDocument
    evidence_fields = ("kind", "number", "issued_on")


class ItemResultInline(EvidenceInline):
    model = InspectionItemResult
    raw_id_fields = ("item",)
    evidence_fields = ("item", "outcome", "corrected_on_site")


@admin.register(Inspection)
class InspectionAdmin(NoDeleteAdmin):
    list_display = ("inspected_on", "operator", "kind", "result", "points_deducted", "township", "voided_at")
    list_filter = ("township", "kind", "result")
    search_fields = ("operator__name",)
    raw_id_fields = ("operator", "follows", "campaign")
    inlines = [DocumentInline, ItemResultInline]
    date_hierarchy = "inspected_on"
    # What was found, by whom and what it cost: recorded through the app's rules, not rewritten here.
    evidence_fields = (
        "township",
        "operator",
        "inspected_on",
        "kind",
        "follows",
        "officers",
        "other_officers",
        "checklist",
        "result",
        "suggested_result",
        "points_deducted",
    )


@admin.register(InspectionDocument)
class InspectionDocumentAdmin(NoDeleteAdmin):
    list_display = ("number", "kind", "issued_on", "inspection")
    list_filter = ("kind",)
    search_fields = ("number",)
    raw_id_fields = ("inspection",)
    scope_field = "inspection__township"
    evidence_fields = ("inspection", "kind", "number", "issued_on")


@admin.register(InspectionAttachment)
class InspectionAttachmentAdmin(NoDeleteAdmin):
    list_display = ("__str__", "inspection", "uploaded_at", "uploaded_by")
    raw_id_fields = ("inspection",)
    scope_field = "inspection__township"
    evidence_fields = ("inspection", "file", "uploaded_by")


@admin.register(InspectionItemResult)
class InspectionItemResultAdmin(NoDeleteAdmin):
    list_display = ("inspection", "item", "outcome", "corrected_on_site")
    raw_id_fields = ("inspection", "item")
    scope_field = "inspection__township"
    evidence_fields = ("inspection", "item", "outcome", "corrected_on_site")


@admin.register(Campaign)
class CampaignAdmin(NoDeleteAdmin):
    list_display = ("name", "theme", "county", "township", "start_date", "end_date")
    list_filter = ("theme", "county")


@admin.register(Rectification)
class RectificationAdmin(NoDeleteAdmin):
    list_display = ("operator", "description", "deadline", "status", "closed_on", "township")
    list_filter = ("township", "status", "source")
    raw_id_fields = ("operator", "inspection", "item_result", "verified_by")
    evidence_fields = (
        "township",
        "operator",
        "source",
        "inspection",
        "item_result",
        "status",
        "closed_on",
        "verified_by",
    )


@admin.register(ScoreRecord)
class ScoreRecordAdmin(NoDeleteAdmin):
    list_display = ("scored_on", "operator", "points", "township")
    raw_id_fields = ("operator", "inspection")
    evidence_fields = ("township", "operator", "inspection", "scored_on", "points")


@admin.register(LevelChange)
class LevelChangeAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("changed_on", "operator", "level", "old", "new", "cause")
    raw_id_fields = ("operator", "score")
    evidence_fields = ("operator", "level", "changed_on", "old", "new", "cause", "score", "created_by")

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(NegativeListEntry)
class NegativeListEntryAdmin(NoDeleteAdmin):
    list_display = ("operator", "listed_on", "removed_on", "township")
    raw_id_fields = ("operator",)
    evidence_fields = ("township", "operator", "listed_on")


# --- sampling, rapid tests, cases and the activity ledgers ---


@admin.register(RapidTestItem)
class RapidTestItemAdmin(AuditedAdmin):
    list_display = ("name", "description", "unit", "limit", "active", "order")
    list_editable = ("active", "order")
    search_fields = ("name", "description")

    def has_delete_permission(self, request, obj=None):
        # An item with tests stays (PROTECT); switch it off instead.
        return obj is None or not obj.tests.exists()


@admin.register(RuleParameter)
class RuleParameterAdmin(AuditedAdmin):
    list_display = ("key", "value", "effective_from", "note")
    list_filter = ("key",)


@admin.register(ConfiscatedGoods)
class ConfiscatedGoodsAdmin(NoDeleteAdmin):
    list_display = ("case", "kind", "quantity", "unit")
    raw_id_fields = ("case",)
    evidence_fields = ("case",)


class ConfiscatedGoodsInline(admin.TabularInline):
    model = ConfiscatedGoods
    extra = 0
    can_delete = False


@admin.register(Sample)
class SampleAdmin(NoDeleteAdmin):
    list_display = ("batch_no", "sample_name", "operator", "township", "sampled_on", "result", "voided_at")
    list_filter = ("township", "result", "food_category")
    search_fields = ("batch_no", "sample_name")
    raw_id_fields = ("operator", "campaign")
    evidence_fields = (
        "township",
        "operator",
        "batch_no",
        "sampled_on",
        "result",
        "failing_item",
        "standard_value",
        "measured_value",
        "report_no",
        "report_date",
    )


@admin.register(SampleDisposal)
class SampleDisposalAdmin(NoDeleteAdmin):
    list_display = ("sample", "township", "withdrawn_on", "case", "completed_on")
    raw_id_fields = ("sample", "case")
    evidence_fields = ("sample", "township")


@admin.register(RapidTest)
class RapidTestAdmin(NoDeleteAdmin):
    list_display = ("tested_on", "operator", "sample_name", "item", "result", "township", "voided_at")
    list_filter = ("township", "item", "result")
    raw_id_fields = ("operator",)
    evidence_fields = ("township", "operator", "tested_on", "item", "result")


@admin.register(Case)
class CaseAdmin(NoDeleteAdmin):
    list_display = ("case_no", "party", "operator", "township", "filed_on", "decided_on", "closed_on", "voided_at")
    list_filter = ("township", "domain", "source")
    search_fields = ("case_no", "party", "cause")
    raw_id_fields = ("operator", "inspection")
    inlines = [ConfiscatedGoodsInline]
    evidence_fields = ("township", "case_no", "filed_on")


@admin.register(Complaint)
class ComplaintAdmin(NoDeleteAdmin):
    list_display = ("received_on", "kind", "channel", "subject", "township", "deadline", "closed_on", "voided_at")
    list_filter = ("township", "kind", "channel", "outcome")
    raw_id_fields = ("operator", "case")


@admin.register(Banquet)
class BanquetAdmin(NoDeleteAdmin):
    list_display = ("held_on", "village", "host", "occasion", "guests", "chef", "inspected", "voided_at")
    list_filter = ("township", "occasion", "inspected")
    raw_id_fields = ("chef",)


@admin.register(MajorEvent)
class MajorEventAdmin(NoDeleteAdmin):
    list_display = ("name", "township", "start_date", "end_date", "voided_at")
    list_filter = ("township",)
    filter_horizontal = ("operators",)


@admin.register(Interview)
class InterviewAdmin(NoDeleteAdmin):
    list_display = ("held_on", "topic", "kind", "interviewees", "township", "voided_at")
    list_filter = ("township", "kind")
    filter_horizontal = ("operators",)


for model in (Training, PublicityEvent, Lecture, ManualDistribution, StudySession):
    admin.site.register(model, NoDeleteAdmin, list_display=("__str__", "township", "held_on", "voided_at"))
