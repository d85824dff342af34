"""What the ledgers' sheets share: operators, villages, cases, items and chefs looked up by name."""

import re
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils.functional import cached_property

from registry.ledgers.sheets import LedgerSheet
from registry.models import MobileChef, Operator
from registry.sheets import OperatorLookup, VillageLookupMixin

from ..models import Case, RapidTestItem


class OperatorLookupMixin:
    """Resolves 被检查单位 (+ optional 许可/登记证编号) to an operator of the import's township.

    The sheet's columns `operator_name` and `licence_no` name the operator; both are exported from
    the record's operator.
    """

    operator_header = "被检查单位"

    def prepare(self):
        return {"operators": OperatorLookup(self.township)}

    def value_of(self, record, column):
        if column.attr == "operator_name":
            return record.operator.name
        if column.attr == "licence_no":
            return record.operator.licence_no or None
        return super().value_of(record, column)

    def build(self, values, context):
        operator = context["operators"].take(values)
        record = self.new_record(values)
        record.operator = operator
        return record

    def extra_headers(self):
        return {"operator": self.operator_header, "township": self.operator_header}


NAMES_SEPARATOR = re.compile(r"[、,，;；\n]+")


class LookupSheet(VillageLookupMixin, LedgerSheet):
    """Lookups by name inside the import's township, loaded once per file in `prepare`."""

    lookups: tuple = ()  # of "operators", "villages", "cases", "items", "chefs"

    def prepare(self):
        context = {}
        if "operators" in self.lookups:
            context["operators"] = OperatorLookup(self.township)
        if "villages" in self.lookups:
            context["villages"] = self.villages()
        if "cases" in self.lookups:
            context["cases"] = {c.case_no: c for c in Case.objects.valid().filter(township=self.township)}
        if "items" in self.lookups:
            context["items"] = {item.name: item for item in RapidTestItem.objects.all()}
        if "chefs" in self.lookups:
            # A chef of the township first; a chef registered elsewhere in the county otherwise.
            chefs = defaultdict(list)
            county_chefs = MobileChef.objects.valid().filter(township__county_id=self.township.county_id)
            for chef in county_chefs.order_by("township_id", "pk"):
                chefs[chef.name].append(chef)
            context["chefs"] = chefs
        return context

    def operators(self, names, context, field):
        names = [name.strip() for name in NAMES_SEPARATOR.split(names or "") if name.strip()]
        return context["operators"].find_many(names, field)

    def case(self, case_no, context, field="case"):
        if not case_no:
            return None
        try:
            return context["cases"][case_no]
        except KeyError:
            raise ValidationError({field: f"{self.township}没有编号为“{case_no}”的案件（请先导入案件台账）"}) from None

    def operator_label(self, operator):
        """An operator as a list cell names it: with its licence where its township has another of its name."""
        if operator.licence_no and (operator.township_id, operator.name) in self.shared_names:
            return f"{operator.name}（{operator.licence_no}）"
        return operator.name

    @cached_property
    def shared_names(self):
        """(township, name) of the operators that share their name in their township: one query."""
        shared = Operator.objects.valid().values("township_id", "name").annotate(count=Count("pk")).filter(count__gt=1)
        if self.township is not None:
            shared = shared.filter(township=self.township)
        return {(row["township_id"], row["name"]) for row in shared}

    def value_of(self, record, column):
        related = {
            "operator_name": lambda r: r.operator.name if r.operator_id else None,
            "licence_no": lambda r: (r.operator.licence_no or None) if r.operator_id else None,
            "case_ref": lambda r: r.case.case_no if r.case_id else None,
            "operator_names": lambda r: "、".join(self.operator_label(o) for o in r.operators.all()) or None,
        }
        if column.attr in related:
            return related[column.attr](record)
        return super().value_of(record, column)
