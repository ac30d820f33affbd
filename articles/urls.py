from django.urls import path, re_path

from newsroom.converters import ARTICLE

from . import archives, audio, bilingual, corrections, feeds, legacy, search, sitemaps, topics, views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("section/<str:slug>/", views.section_detail, name="section"),
    path("people/<str:slug>/", views.person_detail, name="person"),
    path("preview/<int:pk>/", views.article_preview, name="preview"),
    path(ARTICLE, views.article_detail, name="article"),
    path(ARTICLE + "print/", views.article_print, name="article_print"),
    path("a/<int:pk>/", views.article_short, name="short"),
    path("corrections/", corrections.corrections_page, name="corrections"),
    path("corrections/feed/", corrections.CorrectionsFeed(), name="corrections_feed"),
    path("bilingual/", bilingual.bilingual_list, name="bilingual"),
    path("bilingual/feed/", bilingual.BilingualFeed(), name="bilingual_feed"),
]

# Findability: the date archive, search, topics, feeds, sitemaps and the old site's addresses.
urlpatterns += [
    path("<yyyy:year>/", archives.YearArchive.as_view(), name="archive_year"),
    path("<yyyy:year>/<dd:month>/", archives.MonthArchive.as_view(), name="archive_month"),
    path("<yyyy:year>/<dd:month>/<dd:day>/", archives.DayArchive.as_view(), name="archive_day"),
    path("search/", search.search_view, name="search"),
    path("topics/", topics.topic_list, name="topics"),
    path("topics/<str:slug>/", topics.topic_detail, name="topic"),
    path("feeds/rss/", feeds.LatestFeed(), name="feed"),
    path("feeds/atom/", feeds.LatestAtomFeed(), name="atom"),
    path("feeds/audio/", audio.AudioFeed(), name="audio_feed"),
    path("section/<str:slug>/rss/", feeds.SectionFeed(), name="section_feed"),
    path("section/<str:slug>/atom/", feeds.SectionAtomFeed(), name="section_atom"),
    path("people/<str:slug>/rss/", feeds.PersonFeed(), name="person_feed"),
    path("people/<str:slug>/atom/", feeds.PersonAtomFeed(), name="person_atom"),
    path("topics/<str:slug>/rss/", feeds.TopicFeed(), name="topic_feed"),
    path("topics/<str:slug>/atom/", feeds.TopicAtomFeed(), name="topic_atom"),
    path("sitemap.xml", sitemaps.index, name="sitemap"),
    path("sitemap-<str:section>.xml", sitemaps.section, name="sitemap_section"),
    path("robots.txt", sitemaps.robots, name="robots"),
    re_path(r"^[Nn]ews/[Aa]rticle/[A-Za-z_]+\.[Aa][Ss][Pp][Xx]$", legacy.legacy_article, name="legacy_article"),
]
