from django.urls import path

from . import views

app_name = "registry"

urlpatterns = [
    *views.operators.urls("operators"),
    *views.chefs.urls("chefs"),
    *views.trucks.urls("trucks"),
    *views.vehicles.urls("vehicles"),
    *views.coordinators.urls("coordinators"),
    *views.leading_group.urls("leading-group"),
    path("villages/", views.VillageList.as_view(), name="village_list"),
    path("villages/new/", views.VillageCreate.as_view(), name="village_create"),
    path("villages/<int:pk>/edit/", views.VillageUpdate.as_view(), name="village_update"),
]
