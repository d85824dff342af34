"""Generic views shared by every ledger: list, detail, create, edit, void, Excel in and out.

Each view checks the model permission first and reads through `Model.objects.for_user`,
so a record outside the user's jurisdiction is a 404 and never appears in a list or export.
"""

import contextlib
import datetime
import json
import uuid

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views import View
from django.views.generic import CreateView, DetailView, FormView, UpdateView
from django.views.generic.detail import SingleObjectMixin
from django_filters.views import FilterView

from audit.access import file_response

from .audit import HIDDEN_FIELDS, audit_trail, changes_since, display_value
from .forms import ImportConfirmForm, ImportUploadForm, StatusChangeForm, VoidForm
from .records import StaleRecordError
from .sheets import XLSX_CONTENT_TYPE, ImportResult
from .submissions import TOKEN_FIELD, submit_once, token_for_page
from .xlsx import MAX_UPLOAD_BYTES


def xlsx_response(request, content: bytes, filename: str) -> HttpResponse:
    """An .xlsx download, recorded in the access log (audit.access.file_response)."""
    return file_response(request, content, filename, XLSX_CONTENT_TYPE)


class ScopedMixin(LoginRequiredMixin, PermissionRequiredMixin):
    """Permission `<app>.<action>_<model>` first, then only rows of the user's jurisdiction."""

    model = None
    action = "view"
    select_related = ()

    def get_permission_required(self):
        opts = self.model._meta
        return [f"{opts.app_label}.{self.action}_{opts.model_name}"]

    def get_queryset(self):
        queryset = self.model.objects.for_user(self.request.user)
        return queryset.select_related(*self.select_related) if self.select_related else queryset

    def can(self, action):
        opts = self.model._meta
        return self.request.user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            opts=self.model._meta,
            can_add=self.can("add"),
            can_change=self.can("change"),
            urls=self.ledger_urls(),
        )
        return context

    def ledger_urls(self):
        """The ledger's collection pages by role (list, create, export, import, template).

        URL names follow `<app>:<model>_<role>`; a ledger without, say, an import has no entry.
        """
        opts = self.model._meta
        urls = {}
        for role in ("list", "create", "export", "import", "template"):
            with contextlib.suppress(NoReverseMatch):
                urls[role] = reverse(f"{opts.app_label}:{opts.model_name}_{role}")
        return urls


class LedgerListView(ScopedMixin, FilterView):
    paginate_by = 25
    filterset_class = None

    def get_template_names(self):
        opts = self.model._meta
        return [f"{opts.app_label}/{opts.model_name}_list.html"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context["querystring"] = query.urlencode()
        return context


class LedgerDetailView(ScopedMixin, DetailView):
    """A record, its actions and its audit trail.

    Without a template of its own, `ledger/detail.html` lists `detail_fields` (default: every
    editable field) as label/value pairs.
    """

    detail_fields = None

    def get_template_names(self):
        opts = self.model._meta
        return [f"{opts.app_label}/{opts.model_name}_detail.html", "ledger/detail.html"]

    def field_rows(self):
        names = self.detail_fields or [
            f.name for f in self.model._meta.concrete_fields if f.editable and f.name not in HIDDEN_FIELDS
        ]
        rows = []
        for name in names:
            model_field = self.model._meta.get_field(name)
            value = getattr(self.object, name)
            rows.append((model_field.verbose_name, display_value(model_field, value)))
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # A record read here but written only by county users (a county-wide campaign) offers no edit.
        context["can_change"] = context["can_change"] and self.object.writable_by(self.request.user)
        context["audit_trail"] = audit_trail(self.object)
        context["record_urls"] = self.record_urls()
        context["field_rows"] = self.field_rows()
        return context

    def record_urls(self):
        """This record's action pages that the ledger has (update, void, status)."""
        opts = self.model._meta
        urls = {}
        for role in ("update", "void", "status"):
            with contextlib.suppress(NoReverseMatch):
                urls[role] = reverse(f"{opts.app_label}:{opts.model_name}_{role}", args=[self.object.pk])
        return urls


READ_ONLY_RECORD = "该记录由县级统一登记，乡镇用户只能查看和引用，不能修改或作废。"


def writable_object(view, obj):
    """The record a write view acts on: read scope gives 404, write scope 403."""
    if not obj.writable_by(view.request.user):
        raise PermissionDenied(READ_ONLY_RECORD)
    return obj


def warn_if_outside_operator_life(request, record):
    """Saved, but said: a record dated before its operator registered or after it was cancelled."""
    warning = record.operator_life_warning() if hasattr(record, "operator_life_warning") else ""
    if warning:
        messages.warning(request, f"已保存，但请核对：{warning}")


class LedgerFormMixin(ScopedMixin):
    template_name = "ledger/form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_success_url(self):
        return self.object.get_absolute_url()


class OneTimeSubmissionMixin:
    """A create page whose form is saved once however often it is posted (`submissions`).

    The template draws `includes/submission_token.html` inside its <form>. Put the mixin after
    `ScopedMixin` in the bases: login and permission are checked before a token is looked at.
    """

    def get_context_data(self, **kwargs):
        kwargs.setdefault(TOKEN_FIELD, token_for_page(self.request))
        return super().get_context_data(**kwargs)

    def dispatch(self, request, *args, **kwargs):
        handle = super().dispatch
        if request.method == "POST":
            return submit_once(request, lambda: handle(request, *args, **kwargs))
        return handle(request, *args, **kwargs)


class LedgerCreateView(LedgerFormMixin, OneTimeSubmissionMixin, CreateView):
    action = "add"

    def form_valid(self, form):
        form.instance.created_by = self.request.user
        response = super().form_valid(form)
        messages.success(self.request, f"已登记：{self.object}")
        warn_if_outside_operator_life(self.request, self.object)
        return response


VERSION_FIELD = "version"


class VersionedEditMixin:
    """An edit page that cannot lose someone else's update (see `records.VersionedModel`).

    The form carries the record's version in a hidden field; the save is refused if the record
    was saved since, and the page comes back with the user's input, what changed meanwhile (who,
    when, each field: the value they saw → the value now) and the current version, so that a
    second 保存 after checking overwrites on purpose.
    """

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        record = getattr(self, "object", None)
        if record is not None and record.pk is not None:
            # Text, not a number: whatever is posted, the save decides (`posted_version`).
            form.fields[VERSION_FIELD] = forms.CharField(
                widget=forms.HiddenInput, initial=record.version, required=False
            )
            helper = getattr(form, "helper", None)
            if helper is not None:
                # A crispy layout draws only the fields it names; the version goes with them.
                helper.render_hidden_fields = True
            if self.request.method == "POST":
                record.expected_version = posted_version(self.request.POST.get(form.add_prefix(VERSION_FIELD)))
        return form

    def post(self, request, *args, **kwargs):
        try:
            with transaction.atomic():
                return super().post(request, *args, **kwargs)
        except StaleRecordError as stale:
            return self.stale(stale)

    stale_save = False

    def get_context_data(self, **kwargs):
        # The stale-save lines stand for themselves: no “fields marked red” note beside them.
        return super().get_context_data(stale_save=self.stale_save, **kwargs)

    def stale(self, stale):
        self.stale_save = True
        self.object = self.get_object()
        form = self.get_form()
        # Shown again at the current version: saving once more, after checking, is deliberate.
        form.data = form.data.copy()
        form.data[form.add_prefix(VERSION_FIELD)] = str(self.object.version)
        self.object.expected_version = None
        form.is_valid()
        for line in stale_messages(self.object, stale.expected_version, set(form.fields)):
            form.add_error(None, line)
        return self.form_invalid(form)


def posted_version(value):
    """The version a form was drawn from; a form without one (or garbage) matches no version."""
    try:
        return max(int(str(value).strip()), 0)
    except (TypeError, ValueError, OverflowError):
        return 0


def stale_messages(record, version, field_names):
    last, changes = changes_since(record, version, field_names)
    when = f"{timezone.localtime(last.when):%Y-%m-%d %H:%M}" if last else ""
    by = f"已被{last.who}于{when}修改" if last else "已被他人修改"
    lines = [f"保存未执行：您打开此页后，这条记录{by}。您填写的内容仍保留在下面，请核对后再点“保存”。"]
    if changes:
        lines += [f"{c.label}：您打开时为“{c.old}”，现为“{c.new}”" for c in changes]
    else:
        lines.append("对方修改的不是本页的项目；如确认无误，可直接再点“保存”。")
    return lines


class LedgerUpdateView(VersionedEditMixin, LedgerFormMixin, UpdateView):
    action = "change"

    def get_queryset(self):
        # A voided record is evidence of a mistake and stays as it was.
        return super().get_queryset().valid()

    def get_object(self, queryset=None):
        return writable_object(self, super().get_object(queryset))

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, f"已保存：{self.object}")
        warn_if_outside_operator_life(self.request, self.object)
        return response


class RecordActionView(ScopedMixin, SingleObjectMixin, FormView):
    """A form that acts on one existing record (void, change status)."""

    action = "change"
    template_name = "ledger/action_form.html"
    heading = ""
    submit_class = "primary"

    def get_queryset(self):
        return super().get_queryset().valid()

    def get_object(self, queryset=None):
        return writable_object(self, super().get_object(queryset))

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading=self.heading, submit_class=self.submit_class, **kwargs)

    def get_success_url(self):
        return self.object.get_absolute_url()


class LedgerVoidView(RecordActionView):
    form_class = VoidForm
    heading = "作废记录"
    submit_class = "danger"

    def form_valid(self, form):
        try:
            self.object.void(by=self.request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.warning(self.request, f"已作废：{self.object}。该记录保留备查，不再计入任何统计。")
        return super().form_valid(form)


class RegistryStatusView(RecordActionView):
    form_class = StatusChangeForm
    heading = "变更状态"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "record": self.object}

    def form_valid(self, form):
        try:
            self.object.change_status(
                status=form.cleaned_data["status"], day=form.cleaned_data["day"], reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, f"{self.object}：已变更为{self.object.get_status_display()}")
        return super().form_valid(form)


class LedgerExportView(ScopedMixin, View):
    """The list's filters, as an .xlsx file."""

    filterset_class = None
    sheet_class = None

    def get(self, request):
        filterset = self.filterset_class(request.GET, queryset=self.get_queryset(), request=request)
        records = filterset.qs if filterset.is_valid() else self.get_queryset().none()
        records = records.prefetch_related(*self.sheet_class.prefetch)
        township = filterset.form.cleaned_data.get("township") if filterset.is_valid() else None
        sheet = self.sheet_class(township=township, user=request.user)
        subtitle = f"（{township or '全部'}，导出于{timezone.localdate():%Y-%m-%d}）"
        return xlsx_response(
            request, sheet.export(records, subtitle), f"{sheet.title}_{timezone.localdate():%Y%m%d}.xlsx"
        )


class ImportTemplateView(ScopedMixin, View):
    sheet_class = None
    action = "add"

    def get(self, request):
        sheet = self.sheet_class(township=None)
        return xlsx_response(request, sheet.template(), f"{sheet.title}_导入模板.xlsx")


# The form's other fields and the multipart framing around the file.
UPLOAD_FORM_OVERHEAD = 64 * 1024
# A preview not confirmed within a day is abandoned: its parse is deleted by the next upload.
IMPORT_PARSE_LIFETIME = datetime.timedelta(days=1)


def discard_abandoned_imports(lifetime=IMPORT_PARSE_LIFETIME):
    """Delete previews not confirmed within `lifetime` (also `manage.py clean_uploads`); returns how many."""
    try:
        names = default_storage.listdir("imports")[1]
    except FileNotFoundError:
        return 0
    cutoff = timezone.now() - lifetime
    deleted = 0
    for name in names:
        path = f"imports/{name}"
        with contextlib.suppress(FileNotFoundError):
            if default_storage.get_modified_time(path) < cutoff:
                default_storage.delete(path)
                deleted += 1
    return deleted


class LedgerImportView(ScopedMixin, FormView):
    """Upload → preview with every row error → confirm; nothing is saved before the confirm.

    The preview's parse (the rows' cell values, not the workbook) is kept as JSON in the default
    storage under imports/, named by a random token that only this user's session knows. The
    confirm validates those rows against the database again, so a licence number taken since the
    preview still stops the import, but never reads the workbook a second time.
    """

    action = "add"
    sheet_class = None
    template_name = "ledger/import.html"
    form_class = ImportUploadForm
    session_key = "ledger_imports"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sheet_title"] = self.sheet_class.title
        return context

    def post(self, request, *args, **kwargs):
        # Refused before Django reads (and spools to disk) the body of an oversized upload.
        if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_UPLOAD_BYTES + UPLOAD_FORM_OVERHEAD:
            messages.error(request, f"文件过大（超过{MAX_UPLOAD_BYTES // (1024 * 1024)} MB），请分批导入。")
            return redirect(request.path)
        if "token" in request.POST:
            return self.confirm(request)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        township = form.cleaned_data["township"]
        upload = form.cleaned_data["file"]
        discard_abandoned_imports()
        sheet = self.sheet_class(township=township, user=self.request.user)
        result = sheet.read(upload)
        token = None
        if result.ok:
            token = uuid.uuid4().hex
            content = json.dumps(result.to_json(sheet), ensure_ascii=False).encode()
            path = default_storage.save(self.parse_path(token), ContentFile(content))
            pending = self.request.session.get(self.session_key, {})
            pending[token] = {"path": path, "township": township.pk, "name": upload.name}
            self.request.session[self.session_key] = pending
        return self.preview(result, township, token, form=form)

    def preview(self, result, township, token, form=None):
        confirm_form = None
        if token:
            confirm_form = ImportConfirmForm(initial={"token": token}, ignored_columns=result.ignored_columns)
        return self.render_to_response(
            self.get_context_data(
                form=form or self.form_class(user=self.request.user, initial={"township": township.pk}),
                result=result,
                township=township,
                confirm_form=confirm_form,
                preview_headers=[c.header for c in self.sheet_class.columns],
            )
        )

    def confirm(self, request):
        form = ImportConfirmForm(request.POST)
        pending = request.session.get(self.session_key, {})
        if not form.is_valid() or form.cleaned_data["token"] not in pending:
            messages.error(request, "导入已失效，请重新上传文件。")
            return redirect(request.path)
        token = form.cleaned_data["token"]
        entry = pending[token]
        township = request.user.visible_townships().filter(pk=entry["township"]).first()
        if township is None:
            raise Http404
        sheet = self.sheet_class(township=township, user=request.user)
        try:
            with default_storage.open(entry["path"], "rb") as handle:
                result = ImportResult.from_json(json.load(handle), sheet)
        except (OSError, ValueError, KeyError, TypeError):
            self.discard(token)
            messages.error(request, "导入已失效，请重新上传文件。")
            return redirect(request.path)
        if result.ignored_columns and not form.cleaned_data["accept_ignored"]:
            messages.error(
                request, "请勾选“我已核对：以上列的内容不导入”后再确认导入，或在 Excel 中改正表头后重新上传。"
            )
            return self.preview(result, township, token)
        sheet.validate(result)
        self.discard(token)
        if not result.ok:
            # The registry changed since the preview (e.g. a licence number was taken meanwhile).
            messages.error(request, "数据在预览后发生了变化，导入未执行。请核对以下错误后重新上传。")
            return self.preview(result, township, None)
        sheet.save(result)
        messages.success(request, f"已从“{entry['name']}”导入 {len(result.records)} 条记录到{township}。")
        if result.warnings:
            lines = "；".join(str(line) for line in result.warning_lines[:5])
            count = len(result.warnings)
            messages.warning(request, f"其中 {count} 条记录的日期不在单位登记的经营期内，请核对：{lines}")
        return redirect(f"{self.ledger_urls()['list']}?township={township.pk}")

    @staticmethod
    def parse_path(token):
        return f"imports/{token}.json"

    def discard(self, token):
        pending = self.request.session.get(self.session_key, {})
        entry = pending.pop(token, None)
        self.request.session[self.session_key] = pending
        if entry:
            default_storage.delete(entry["path"])


class LedgerViewSet:
    """The pages of one ledger, wired under one URL prefix.

    `<prefix>/` list, `new/`, `<pk>/`, `<pk>/edit/`, `<pk>/void/`, `<pk>/status/` (registries),
    `export.xlsx`, `import/`, `template.xlsx`; named `<model>_<role>` in the app's namespace.
    Pass a subclass (e.g. `detail_view=`) where one page needs more than the generic one.
    """

    def __init__(
        self,
        model,
        *,
        form_class,
        filterset_class,
        sheet_class=None,
        select_related=(),
        with_status=False,
        list_view=LedgerListView,
        detail_view=LedgerDetailView,
        create_view=LedgerCreateView,
        update_view=LedgerUpdateView,
    ):
        self.model = model
        self.name = model._meta.model_name
        self.attrs = {"model": model, "select_related": select_related}
        self.form_class = form_class
        self.filterset_class = filterset_class
        self.sheet_class = sheet_class
        self.with_status = with_status
        self.views = {
            "list": (list_view, {"filterset_class": filterset_class}),
            "detail": (detail_view, {}),
            "create": (create_view, {"form_class": form_class}),
            "update": (update_view, {"form_class": form_class}),
            "void": (LedgerVoidView, {}),
        }
        if with_status:
            self.views["status"] = (RegistryStatusView, {})
        if sheet_class:
            self.views["export"] = (LedgerExportView, {"filterset_class": filterset_class, "sheet_class": sheet_class})
            self.views["import"] = (LedgerImportView, {"sheet_class": sheet_class})
            self.views["template"] = (ImportTemplateView, {"sheet_class": sheet_class})

    def view(self, role):
        base, extra = self.views[role]
        # A custom base's own settings (e.g. a wider select_related) win over the set's.
        attrs = {k: v for k, v in {**self.attrs, **extra}.items() if base.__dict__.get(k) is None}
        attrs["__module__"] = base.__module__
        return type(f"{self.model.__name__}{role.title()}View", (base,), attrs).as_view()

    def urls(self, prefix):
        from django.urls import path

        routes = {
            "list": f"{prefix}/",
            "create": f"{prefix}/new/",
            "detail": f"{prefix}/<int:pk>/",
            "update": f"{prefix}/<int:pk>/edit/",
            "void": f"{prefix}/<int:pk>/void/",
            "status": f"{prefix}/<int:pk>/status/",
            "export": f"{prefix}/export.xlsx",
            "import": f"{prefix}/import/",
            "template": f"{prefix}/template.xlsx",
        }
        return [path(routes[role], self.view(role), name=f"{self.name}_{role}") for role in self.views]
