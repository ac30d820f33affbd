import pytest

from articles.models import Topic

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_topic_page_lists_its_public_stories(client):
    topic = Topic.objects.create(name="Korea-China relations")
    assert topic.slug == "korea-china-relations"
    story = ArticleFactory(headline="Xi visits Seoul")
    story.topics.add(topic)
    ArticleFactory(headline="Off topic")
    hidden = ArticleFactory(headline="Draft on topic", draft=True)
    hidden.topics.add(topic)
    response = client.get("/topics/korea-china-relations/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Xi visits Seoul" in html and "Off topic" not in html and "Draft on topic" not in html
    assert 'href="/topics/korea-china-relations/rss/"' in html
    assert b"Korea-China relations" in client.get("/topics/").content


def test_unknown_topic_is_404(client):
    assert client.get("/topics/nothing/").status_code == 404


def test_topics_are_editable_in_the_admin(staff_client):
    response = staff_client.post("/admin/articles/topic/add/", {"name": "Alibaba", "slug": "alibaba"})
    assert response.status_code == 302
    assert Topic.objects.get().name == "Alibaba"
    assert staff_client.get("/admin/articles/topic/").status_code == 200
