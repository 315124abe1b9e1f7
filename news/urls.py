from django.urls import path

from centre.middleware import public_read

from . import feeds, views

app_name = "news"

urlpatterns = [
    path("", views.NewsListView.as_view(), name="list"),
    # Django's Feed answers any method: public_read makes the others a 405 with Allow.
    path("rss.xml", public_read(feeds.NewsRssFeed()), name="rss"),
    path("atom.xml", public_read(feeds.NewsAtomFeed()), name="atom"),
    path("events.ics", views.events_calendar, name="calendar-feed"),
    path("<slug:slug>/", views.NewsDetailView.as_view(), name="detail"),
    path("<slug:slug>/calendar.ics", views.EventCalendarView.as_view(), name="calendar"),
]
