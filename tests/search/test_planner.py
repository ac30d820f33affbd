import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from articles.search import planner
from articles.search.planner import Candidates, Costs, Planner, Scope, bounded
from articles.search.query import RESULT_CAP, matching
from tests.factories import ArticleFactory

from .conftest import SEOUL, results

pytestmark = pytest.mark.django_db


def test_result_cap_is_a_thousand():
    """Counts and pages stop at a thousand results."""
    assert RESULT_CAP == 1000


@pytest.mark.postgres
def test_headline_outranks_body(client, politics):
    """A word in the headline ranks its story above one that has it once in the body."""
    ArticleFactory(headline="Weather report", body="<p>" + "Rain. " * 3 + "Tariffs mentioned once.</p>")
    ArticleFactory(headline="Tariffs rise again", body="<p>Prices.</p>")
    assert results(client.get("/search/", {"q": "tariffs"}))[0] == "Tariffs rise again"


@pytest.mark.postgres
def test_counts_are_capped(client, politics, monkeypatch):
    """Beyond the cap, the count says "N+"."""
    monkeypatch.setattr("articles.search.planner.RESULT_CAP", 3)
    monkeypatch.setattr("articles.search.results.RESULT_CAP", 3)
    for i in range(5):
        ArticleFactory(headline=f"Summit {i}", section=politics)
    response = client.get("/search/", {"q": "summit"})
    assert response.context["results"].capped
    assert b"3+ stories" in response.content


@pytest.mark.postgres
def test_phrases_are_looked_for_among_a_bounded_pool(client, politics, monkeypatch):
    """A phrase is checked in the document of the newest stories that have all its words; beyond
    that pool the count says it is a lower bound (headline, dek, byline and caption matches are
    still found: their small document is searched whole)."""
    monkeypatch.setattr("articles.search.planner.PHRASE_POOL", 2)
    ArticleFactory(headline="New York bond sale", published_at=datetime.datetime(2020, 1, 1, tzinfo=SEOUL))
    ArticleFactory(headline="York has a new mayor", published_at=datetime.datetime(2021, 1, 1, tzinfo=SEOUL))
    ArticleFactory(headline="New York marathon", published_at=datetime.datetime(2022, 1, 1, tzinfo=SEOUL))
    response = client.get("/search/", {"q": '"new york"', "sort": "date"})
    assert results(response) == ["New York marathon"]
    assert b"1+ story" in response.content
    relevant = client.get("/search/", {"q": '"new york"'})
    assert results(relevant) == ["New York marathon", "New York bond sale"]
    monkeypatch.setattr("articles.search.planner.PHRASE_POOL", 10)
    response = client.get("/search/", {"q": '"new york"', "sort": "date"})
    assert results(response) == ["New York marathon", "New York bond sale"]
    assert b"2 stories" in response.content


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("path", "costs"),
    [
        ("walk", Costs(walk_row=0, gin_row=1000, date_entry=1000)),
        ("gin", Costs(walk_row=1000, gin_row=0.001, date_entry=1000)),
        ("window", Costs(walk_row=1000, gin_row=10, date_entry=0)),
    ],
)
def test_every_index_path_finds_the_same_newest_matches(politics, monkeypatch, path, costs):
    """Whichever path the cost model picks, the newest matches are the same; the window widens
    when the matches are older than an even spread would put them."""
    start = datetime.datetime(2001, 1, 1, tzinfo=SEOUL)
    for i in range(40):
        # The matches are the oldest stories: a window sized for an even spread holds none at first.
        ArticleFactory(
            headline=f"Tariff story {i}" if i < 12 else f"Weather report {i}",
            section=politics,
            published_at=start + datetime.timedelta(days=100 * i),
        )
    hits = Article.objects.published().filter(headline__startswith="Tariff")
    truth = list(hits.order_by("-published_at", "-pk").values_list("pk", flat=True)[:3])
    taken = []
    monkeypatch.setattr(planner, "take_path", taken.append)
    matches = matching(Article.objects.published(), "'tariff'")
    candidates = Candidates(matches, matches, estimate=24, postings=24, row_cost=costs.walk_row)
    with bounded():
        plan = Planner({}, "'tariff'", costs)
        plan.scope = Scope(40, start, start + datetime.timedelta(days=4000))
        with CaptureQueriesContext(connection) as queries:
            found, total = plan.newest(candidates, 3, count=True)
    assert found == truth
    assert total == (12 if path == "gin" else None)  # GIN's sort sees every match: counted on the way
    assert taken == ["gin" if path == "window" else path]
    tries = [q for q in queries.captured_queries if '"published_at" >=' in q["sql"]]
    # The first window (the newest quarter of the time) holds no match: it is widened once.
    assert len(tries) == (2 if path == "window" else 0)


@pytest.mark.postgres
def test_a_budget_spares_the_search_a_costly_path(politics):
    """With a budget below every path's cost, nothing is read."""
    matches = matching(Article.objects.published(), "'tariff'")
    candidates = Candidates(matches, matches, estimate=24, postings=24, row_cost=25)
    with bounded():
        plan = Planner({}, "'tariff'")
        with CaptureQueriesContext(connection) as queries:
            assert plan.newest(candidates, 3, budget=-1) == (None, None)
    assert len(queries) == 0


def test_the_cost_model_prefers_gin_for_rare_words_and_the_walk_for_common_ones():
    """A rare word is found through GIN; a word in most stories by walking the date index."""
    scope = Scope(1_000_000, None, None)
    rare = Candidates(None, None, estimate=50, postings=50, row_cost=25)
    common = Candidates(None, None, estimate=600_000, postings=600_000, row_cost=25)
    rare_costs, _ = Costs().paths(scope, rare, 40)
    common_costs, _ = Costs().paths(scope, common, 40)
    assert min(rare_costs, key=rare_costs.get) == "gin"
    assert min(common_costs, key=common_costs.get) == "walk"


@pytest.mark.postgres
def test_relevance_ranks_the_body_candidates_alone_when_the_small_part_costs_too_much(client, politics, monkeypatch):
    """Past the small part's budget, the newest matches of the whole document are ranked alone."""
    monkeypatch.setattr("articles.search.planner.SUMMARY_BUDGET", -1)  # every path costs more than this
    ArticleFactory(headline="Weather report", body="<p>Tariffs mentioned once.</p>")
    ArticleFactory(headline="Tariffs rise again", body="<p>Prices.</p>")
    response = client.get("/search/", {"q": "tariffs"})
    assert results(response) == ["Tariffs rise again", "Weather report"]
    assert response.context["results"].ranked_among == 2
