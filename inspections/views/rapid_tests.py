"""Pages of the rapid-test ledger, with the batch entry of a market morning."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.generic import TemplateView

from registry.ledgers.views import LedgerViewSet, OneTimeSubmissionMixin, ScopedMixin, warn_if_outside_operator_life

from ..filters.rapid_tests import RapidTestFilter
from ..forms.rapid_tests import RapidTestBatchForm, RapidTestForm, RapidTestRowFormSet
from ..models import RapidTest
from ..services.rapid_tests import record_rapid_tests
from ..sheets.rapid_tests import RapidTestSheet


class RapidTestBatchView(ScopedMixin, OneTimeSubmissionMixin, TemplateView):
    """A market morning on one page: day, place and tester once, then a row per test.

    All rows or none: a row with a mistake is shown with its reason and nothing is saved.
    """

    model = RapidTest
    action = "add"
    template_name = "inspections/rapidtest_batch.html"
    prefix = "rows"

    def get(self, request, *args, **kwargs):
        header = RapidTestBatchForm(user=request.user, initial={"tested_on": timezone.localdate()})
        rows = RapidTestRowFormSet(queryset=RapidTest.objects.none(), prefix=self.prefix)
        return self.render_to_response(self.get_context_data(header=header, rows=rows))

    def post(self, request, *args, **kwargs):
        header = RapidTestBatchForm(request.POST, user=request.user)
        rows = RapidTestRowFormSet(request.POST, queryset=RapidTest.objects.none(), prefix=self.prefix)
        header_ok, rows_ok = header.is_valid(), rows.is_valid()
        tests = []
        if header_ok and rows_ok:
            for form in rows.forms:
                if not form.has_changed():
                    continue
                test = form.save(commit=False)
                test.operator = header.cleaned_data["operator"]
                test.township_id = test.operator.township_id
                test.tested_on = header.cleaned_data["tested_on"]
                test.tester = header.cleaned_data["tester"]
                try:
                    test.full_clean()
                except ValidationError as exc:
                    add_row_errors(form, exc)
                tests.append(test)
        row_errors = [(number, form) for number, form in enumerate(rows.forms, start=1) if form.errors]
        if not (header_ok and rows_ok) or row_errors:
            context = self.get_context_data(header=header, rows=rows, row_errors=row_errors)
            return self.render_to_response(context)
        record_rapid_tests(
            operator=header.cleaned_data["operator"],
            tested_on=header.cleaned_data["tested_on"],
            tester=header.cleaned_data["tester"],
            rows=tests,
            by=request.user,
        )
        failed = sum(test.is_failed for test in tests)
        messages.success(
            request,
            f"已录入 {len(tests)} 条快检记录（{header.cleaned_data['operator']}，"
            f"{header.cleaned_data['tested_on']:%Y-%m-%d}），其中不合格 {failed} 条。",
        )
        if tests:
            warn_if_outside_operator_life(request, tests[0])
        day = f"{header.cleaned_data['tested_on']:%Y-%m-%d}"
        query = urlencode({"date_from": day, "date_to": day, "q": header.cleaned_data["operator"].name})
        return redirect(f"{reverse('inspections:rapidtest_list')}?{query}")


def add_row_errors(form, exc):
    """Attach a model's errors to a row form: to its field where the row has one, else to the row."""
    for name, errors in exc.update_error_dict({}).items():
        for error in errors:
            form.add_error(name if name in form.fields else None, error)


rapid_tests = LedgerViewSet(
    RapidTest,
    form_class=RapidTestForm,
    filterset_class=RapidTestFilter,
    sheet_class=RapidTestSheet,
    select_related=("township", "operator", "item"),
)
