from django.urls import path

from . import feeds, views

app_name = "news"

urlpatterns = [
    path("", views.NewsListView.as_view(), name="list"),
    path("rss.xml", feeds.NewsRssFeed(), name="rss"),
    path("atom.xml", feeds.NewsAtomFeed(), name="atom"),
    path("events.ics", views.events_calendar, name="calendar-feed"),
    path("<slug:slug>/", views.NewsDetailView.as_view(), name="detail"),
    path("<slug:slug>/calendar.ics", views.EventCalendarView.as_view(), name="calendar"),
]
