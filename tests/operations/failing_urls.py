"""A URL that fails, for the test of the 500 page."""

from django.urls import include, path


def boom(request):
    raise RuntimeError("boom")


urlpatterns = [path("boom/", boom), path("", include("foodsafe.urls"))]
