from django.urls import path

from . import views

app_name = "pages"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    # Matches any path, so the root URLconf includes this app last.
    path("<path:url_path>/", views.PageView.as_view(), name="detail"),
]
