"""Scoping: the one place that decides which rows a user may see."""

from django.db import models
from django.db.models import Q


class ScopedQuerySet(models.QuerySet):
    """A queryset whose rows belong to a township, reached through `Model.scope_field`."""

    def for_user(self, user):
        """Rows inside the user's jurisdiction; nothing for an anonymous user."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(**{f"{self.model.scope_field}__in": user.township_ids})

    def for_writer(self, user):
        """Rows the user may change or void: the rows they read, unless a model narrows them."""
        return self.for_user(user)

    def in_townships(self, townships):
        return self.filter(**{f"{self.model.scope_field}__in": townships})

    def valid(self):
        """Rows not voided (作废): every figure, list and export counts only these."""
        return self.filter(voided_at__isnull=True)


class OwnJurisdictionQuerySet(ScopedQuerySet):
    """Rows of a township, or of a whole county (township empty): county rows only for county users."""

    def for_user(self, user):
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        county_rows = Q(township__isnull=True, county_id=user.county_id) if user.county_id else Q(pk__in=[])
        return self.filter(Q(township_id__in=user.township_ids) | county_rows)
