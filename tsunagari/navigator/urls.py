app_name = "navigator"

urlpatterns: list = []
