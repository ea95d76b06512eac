"""Open data: the HSDS 3.1 API under /api/hsds/ and the Atom feeds under /feeds/."""

from django.urls import path

from tsunagari.opendata import feeds, views

app_name = "opendata"

urlpatterns = [
    path("api/hsds/", views.root, name="root"),
    path("api/hsds/openapi.json", views.openapi, name="openapi"),
    path("api/hsds/schemas/<path:name>", views.schema, name="schema"),
    path("api/hsds/services", views.services, name="services"),
    path("api/hsds/services/<str:pk>", views.service, name="service"),
    path("api/hsds/organizations", views.organizations, name="organizations"),
    path("api/hsds/organizations/<str:pk>", views.organization, name="organization"),
    path("api/hsds/taxonomies", views.taxonomies, name="taxonomies"),
    path("api/hsds/taxonomy_terms", views.taxonomy_terms, name="taxonomy_terms"),
    path("api/hsds/service_at_locations", views.service_at_locations, name="service_at_locations"),
    path("feeds/services.atom", feeds.services_feed, name="services_feed"),
    path("feeds/services-new.atom", feeds.new_services_feed, name="new_services_feed"),
]
