"""The date archive: /YYYY/, /YYYY/MM/, /YYYY/MM/DD/.

Django's generic date views, under one mixin that carries the policy: public stories only, dated
by `pub_date` (the story's calendar date in the newsroom's zone, kept on save), so a story
published at 00:30 Seoul time on 1 September is on 1 September's page, whatever the server's zone.
"""

import datetime
from functools import cached_property

from django.conf import settings
from django.db.models import Count, DateField
from django.db.models.functions import Trunc
from django.http import Http404
from django.views.generic.dates import DayArchiveView, MonthArchiveView, YearArchiveView

from . import levels
from .cards import shape_cards
from .models import Article, start_of_day


class ArchiveMixin:
    model = Article
    date_field = "pub_date"
    allow_future = False
    allow_empty = False
    year_format, month_format, day_format = "%Y", "%m", "%d"
    ordering = ("-published_at", "-pk")

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except OverflowError as exc:
            # At a level, the neighbours are the calendar's: year 1 has no previous one to link.
            raise Http404("Date out of range.") from exc

    @cached_property
    def level_band(self):
        return levels.band_from(self.request.GET.get("level"))

    def get_queryset(self):
        return Article.objects.published().at_level(self.level_band)

    def get_allow_empty(self):
        # A period with no story at the reader's level is an empty list at that level, not a missing page.
        return self.level_band is not None or super().get_allow_empty()

    def get_paginate_by(self, queryset):
        # Read per request, not when the module is imported: settings may change (tests, override_settings).
        return settings.NEWSROOM["PAGE_SIZE"] * 2

    # The URL converters give numbers; the generic views parse strings with the formats above.
    def get_year(self):
        return f"{self.kwargs['year']:04d}"

    def get_month(self):
        return f"{self.kwargs['month']:02d}"

    def get_day(self):
        return f"{self.kwargs['day']:02d}"

    def get_dated_queryset(self, **lookup):
        """The period's stories, bounded by publication time as well as by pub_date: the list is
        ordered by time, and only bounds on the time let the date index start at the period's
        end (without them, January 2023 read every story published since, at a million).

        Django's own version, which this replaces, tells an empty period by loading the whole
        queryset when a view is not paginated (the year): 50,000 stories, to say "not empty"."""
        # pub_date is the day of published_at in the newsroom's zone (kept on every save), so the
        # period's bounds as times select the same stories. Only the times are used: given both,
        # the planner multiplies their selectivities, expects 18 stories in a month of 4,364, and
        # sorts them all instead of walking the index.
        day = lookup.pop(self.date_field, None)  # the day's page asks for one date
        first = lookup.pop(f"{self.date_field}__gte", day)
        try:
            # The calendar's last day has no next one, nor its first a start in UTC: no story is on either.
            after = lookup.pop(f"{self.date_field}__lt", day + datetime.timedelta(days=1) if day else None)
            queryset = self.get_queryset().filter(**lookup)
            if first:
                queryset = queryset.filter(published_at__gte=start_of_day(first))
            if after:
                queryset = queryset.filter(published_at__lt=start_of_day(after))
            if not self.get_allow_empty() and not queryset.exists():
                raise Http404("No stories on those dates.")
        except OverflowError as exc:
            raise Http404("Date out of range.") from exc
        return queryset.card_rows()

    def get_date_list(self, queryset, date_type=None, ordering="ASC"):
        """The periods that have stories, counting them in the same query (kept in self.counts)."""
        date_type = date_type or self.get_date_list_period()
        rows = (
            queryset.prefetch_related(None)
            .order_by()
            # The day, month or year of published_at in the newsroom's zone: pub_date's, but read
            # from the date index alone (no story row is fetched to count it).
            .annotate(period=Trunc("published_at", date_type, output_field=DateField()))
            .values("period")
            .annotate(stories=Count("pk"))
            .order_by("period")
        )
        self.counts = [(row["period"], row["stories"]) for row in rows]
        if not self.counts and not self.get_allow_empty():
            raise Http404("No stories on those dates.")
        return [period for period, _ in self.counts]

    def get_paginator(self, queryset, per_page, **kwargs):
        """The paginator, told the number of stories the period's counts already summed (the
        same stories): no second count of the month."""
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        if hasattr(self, "counts"):
            paginator.count = sum(n for _, n in self.counts)  # a cached property, set ahead
        return paginator

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if context.get("page_obj") is not None:
            page = context["page_obj"]
            page.object_list = shape_cards(list(page.object_list), self.request)
        context["counts"] = getattr(self, "counts", [])
        context["total"] = sum(n for _, n in context["counts"])
        context["level_band"], context["level_bands"] = self.level_band, levels.BANDS
        return context


class YearArchive(ArchiveMixin, YearArchiveView):
    make_object_list = False  # a year is its months and their counts

    def get_paginate_by(self, queryset):
        return None


class MonthArchive(ArchiveMixin, MonthArchiveView):
    pass


class DayArchive(ArchiveMixin, DayArchiveView):
    pass
