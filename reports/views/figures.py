"""The figure catalogue for a scope and period, each number's drill-down, and their .xlsx files."""

from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.paginator import Paginator
from django.http import Http404
from django.views import View
from django.views.generic import TemplateView

from registry.ledgers.views import xlsx_response

from .. import exports
from .. import figures as catalogue
from ..figures.columns import table
from ..selection import period_for, scope_for


class ReadsSelection:
    """The scope and period of the query string, read once the login and permission are checked
    (so a user without the permission gets 403 whatever the query string names)."""

    def dispatch(self, request, *args, **kwargs):
        self.scope = scope_for(request.user, request.GET)
        self.period = period_for(request.GET)
        return super().dispatch(request, *args, **kwargs)


class SelectionMixin(LoginRequiredMixin, PermissionRequiredMixin, ReadsSelection):
    """Reads the scope and period of the query string; everyone who reads the registry may ask."""

    permission_required = "registry.view_operator"

    def selection_context(self):
        return {
            "scope": self.scope,
            "period": self.period,
            "query": catalogue.query_string(self.scope, self.period),
            "townships": self.request.user.visible_townships().order_by("pk"),
        }


class FigureListView(SelectionMixin, TemplateView):
    """Every figure of the catalogue, by section, each linked to its records."""

    template_name = "reports/figure_list.html"

    def get_context_data(self, **kwargs):
        values = catalogue.values(self.scope, self.period)
        sections = [
            (title, [value for value in values.values() if value.figure.section == number])
            for number, title in catalogue.SECTIONS.items()
        ]
        return super().get_context_data(sections=sections, **self.selection_context(), **kwargs)


class FigureMixin(SelectionMixin):
    def get_figure(self):
        figure = catalogue.FIGURES.get(self.kwargs["key"])
        if figure is None:
            raise Http404
        return figure


class FigureDetailView(FigureMixin, TemplateView):
    """The records behind one number, with its definition (and, for a ratio, both parts)."""

    template_name = "reports/figure_detail.html"
    paginate_by = 50

    def get_context_data(self, **kwargs):
        figure = self.get_figure()
        value = catalogue.values(self.scope, self.period, [figure.key])[figure.key]
        records = figure.records(self.scope, self.period)
        if not records.ordered:  # grouped querysets drop Meta.ordering
            records = records.order_by(*records.model._meta.ordering, "pk")
        page = Paginator(records, self.paginate_by).get_page(self.request.GET.get("page"))
        headers, rows = table(page.object_list)
        return super().get_context_data(
            figure=figure,
            value=value,
            page_obj=page,
            paginator=page.paginator,
            is_paginated=page.has_other_pages(),
            headers=headers,
            rows=rows,
            list_rows=[[row[key] for key, _ in figure.columns] for row in value.rows or ()],
            querystring=_without_page(self.request.GET),
            **self.selection_context(),
            **kwargs,
        )


def _without_page(query):
    query = query.copy()
    query.pop("page", None)
    return query.urlencode()


class FigureExportView(FigureMixin, View):
    """The drill-down list as .xlsx."""

    def get(self, request, key):
        figure = self.get_figure()
        content = exports.figure_records(figure, self.scope, self.period)
        return xlsx_response(request, content, f"{figure.label}_{self.scope.label}_{self.period.label}.xlsx")


class FiguresWorkbookView(SelectionMixin, View):
    """Every figure as .xlsx: section, label, value, unit, numerator, denominator, definition."""

    def get(self, request):
        content = exports.figures_workbook(self.scope, self.period)
        return xlsx_response(request, content, f"统计指标_{self.scope.label}_{self.period.label}.xlsx")
