"""import_articles: its output lines, exit status, dates, identity on re-import and editors' work kept."""

import dataclasses
import html
import re
import shutil
from datetime import date, datetime
from io import BytesIO, StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import DatabaseError
from django.utils.text import slugify
from PIL import Image

from articles.importers import writer
from articles.importers.records import ArticleRecord, BylineRecord, PhotoRecord
from articles.models import Article, Byline, Person, Photo, Section

from ..factories import ArticleFactory
from .expected import BROKEN, FIXTURES, JSON, SEOUL, TEXT

pytestmark = pytest.mark.django_db

SEED = FIXTURES / "seed-alibaba.txt"
SEED_URL = "/2014/08/28/president-meets-with-alibaba-ceo/"
DAY = date(2014, 8, 28)


def run(*args):
    """(exit status, stdout lines, stderr lines) of one run of the command."""
    out, err, status = StringIO(), StringIO(), 0
    try:
        call_command("import_articles", *map(str, args), stdout=out, stderr=err)
    except SystemExit as exc:
        status = exc.code
    return status, out.getvalue().splitlines(), err.getvalue().splitlines()


def stored(article):
    """The story as the database holds it, in the shape of the record it came from."""
    return ArticleRecord(
        headline=article.headline,
        sections=[section.name for section in article.section.ancestry()],
        paragraphs=[html.unescape(p) for p in re.findall(r"<p>(.*?)</p>", article.body, re.S)],
        bylines=[
            BylineRecord(b.person.name, b.person.email, b.person.is_agency)
            for b in article.bylines.select_related("person")
        ],
        photos=[PhotoRecord(p.caption, p.credit, p.alt_text) for p in article.photos.all()],
        published_at=article.published_at,
        legacy_id=article.legacy_id,
        dek=article.dek,
        kind=article.kind,
    )


def as_imported(record, published=DAY):
    """What a record becomes with --published: the printed date wins; the kind defaults to news."""
    return dataclasses.replace(
        record,
        published_at=record.published_at or datetime(published.year, published.month, published.day, tzinfo=SEOUL),
        kind=record.kind or "news",
    )


def url_of(record, published=DAY):
    day = record.published_at.astimezone(SEOUL).date() if record.published_at else published
    return f"/{day:%Y/%m/%d}/{slugify(record.headline)}/"


def counts():
    return {model.__name__: model.objects.count() for model in (Article, Person, Section, Photo, Byline)}


def copy(name, tmp_path):
    target = tmp_path / name
    shutil.copyfile(FIXTURES / name, target)
    return target


def test_seed(client):
    """The seed with --published 2014-08-28 becomes the original story, without the page's chrome."""
    assert run("--published", "2014-08-28", SEED) == (0, [f"created {SEED_URL} {SEED}"], [])
    article = Article.objects.get()
    assert (article.headline, article.get_absolute_url(), str(article.section)) == (
        "President meets with Alibaba CEO",
        SEED_URL,
        "National › Politics",
    )
    assert (article.status, article.published_at) == (Article.Status.PUBLISHED, datetime(2014, 8, 28, tzinfo=SEOUL))
    assert article.body.count("<p>") == 10
    assert article.updated_at == article.published_at  # importing is not an update a reader should see
    [photo] = article.photos.all()
    assert photo.caption.endswith("...at the Blue House."[3:]) and photo.credit == "NEWSIS"
    assert not photo.image
    assert [(p.name, p.email) for p in article.byline_people] == [("Seo Ji-eun", "spring@joongang.co.kr")]
    assert (article.source_file, len(article.import_digest)) == (str(SEED.resolve()), 64)

    page = client.get(SEED_URL).content.decode()
    assert "at the Blue House." in page and "NEWSIS" in page and "Seo Ji-eun" in page
    story = " ".join([article.headline, article.body, photo.caption, photo.credit])
    for noise in ["테스트", "print dictionary print", "help-image", "lock icon", "log in", "(0/250자)", "Standards"]:
        assert noise not in story
        assert noise not in page[page.index("<h1") : page.index("</article>")]


@pytest.mark.parametrize("name", sorted(TEXT))
def test_text_variant_stored(name):
    """Every field of each saved-page variant reaches the database, at the URL of its date."""
    record = TEXT[name]
    assert run("--published", DAY, FIXTURES / name) == (0, [f"created {url_of(record)} {FIXTURES / name}"], [])
    assert stored(Article.objects.get()) == as_imported(record)


@pytest.mark.parametrize("name", sorted(JSON))
def test_json_variant_stored(name):
    """Every field of each JSON story reaches the database; a list gives a line per story."""
    status, out, err = run("--published", DAY, FIXTURES / name)
    assert (status, err) == (0, [])
    assert out == [f"created {url_of(record)} {FIXTURES / name}" for record in JSON[name]]
    assert [stored(a) for a in Article.objects.order_by("pk")] == [as_imported(r) for r in JSON[name]]


def test_folder_with_good_and_broken_files():
    """A folder is read recursively; each broken file is named with its reason, exit 1, the rest imported."""
    status, out, err = run("--published", DAY, FIXTURES)
    records = {**{n: [r] for n, r in TEXT.items()}, **JSON, "seed-alibaba.txt": [None]}
    expected_out = [
        f"created {SEED_URL if r is None else url_of(r)} {FIXTURES / name}"
        for name in sorted(records)
        for r in records[name]
    ]
    assert status == 1
    assert out == expected_out
    assert err == [f"{FIXTURES / 'broken' / name}: {reason}" for name, reason in sorted(BROKEN.items())]
    # Same email, same person: Seo Ji-eun (seed, JSON in capitals); Kim Min-ji by name; one Yonhap.
    assert counts() == {"Article": 12, "Person": 12, "Section": 15, "Photo": 8, "Byline": 16}
    assert Person.objects.get(email__iexact="spring@joongang.co.kr").articles.count() == 2
    assert Person.objects.get(name="Kim Min-ji").articles.count() == 2
    assert Person.objects.get(name="Yonhap", is_agency=True).articles.count() == 3


def test_second_run_changes_nothing():
    """Importing the same files again says unchanged for each story and makes nothing new."""
    run("--published", DAY, FIXTURES)
    before = counts()
    stamps = list(Article.objects.order_by("pk").values_list("updated_at", flat=True))
    status, out, err = run("--published", DAY, FIXTURES)
    assert status == 1  # the broken files are still broken
    assert len(out) == 12 and all(line.startswith("unchanged /") for line in out)
    assert len(err) == len(BROKEN)
    assert counts() == before
    assert list(Article.objects.order_by("pk").values_list("updated_at", flat=True)) == stamps


def test_changed_file_updates_the_story(tmp_path):
    """A file changed since its import updates the same story: fields replaced, nothing duplicated."""
    path = copy("chipmakers-three-bylines.txt", tmp_path)
    run("--published", DAY, path)
    article = Article.objects.get()
    before = counts()
    text = path.read_text().replace("nearly a fifth", "a quarter").replace(", LEE SANG-HOON", "")
    path.write_text(text.replace(", lee.sanghoon@joongang.co.kr", ""))
    assert run("--published", DAY, path) == (0, [f"updated {article.get_absolute_url()} {path}"], [])
    article.refresh_from_db()
    assert "a quarter" in article.body and "nearly a fifth" not in article.body
    assert [p.name for p in article.byline_people] == ["Kim Min-ji", "John O'Brien"]
    assert counts() == {**before, "Byline": before["Byline"] - 1}
    # Untouched by an editor since, so the next import is unchanged.
    assert run("--published", DAY, path)[1] == [f"unchanged {article.get_absolute_url()} {path}"]


def test_saving_without_changes_is_not_an_edit(tmp_path):
    """A save in the admin that changes nothing does not stop the next import from updating."""
    path = copy("marathon-no-photo-no-subsection.txt", tmp_path)
    run("--published", DAY, path)
    Article.objects.get().save()
    path.write_text(path.read_text().replace("20,000", "21,000"))
    assert run("--published", DAY, path)[1][0].startswith("updated /")


def upload_image(photo):
    buffer = BytesIO()
    Image.new("RGB", (40, 30), "gray").save(buffer, "PNG")
    photo.image.save("found.png", ContentFile(buffer.getvalue()))


def edit(**values):
    """An editor's change to a story's own fields, saved as the admin saves it."""

    def apply(article):
        for name, value in values.items():
            setattr(article, name, value)
        article.save()

    return apply


EDITS = {
    "headline": edit(headline="President and Alibaba chief discuss e-commerce"),
    "body": lambda a: edit(body=a.body + "<p>Editor’s note: corrected.</p>")(a),
    "section": lambda a: edit(section=Section.objects.create(name="Economy"))(a),
    "unpublished": edit(status=Article.Status.DRAFT),
    "kind": edit(kind=Article.Kind.ANALYSIS),
    "byline added": lambda a: a.bylines.create(person=Person.objects.create(name="Lee Ho-jin"), position=1),
    "byline removed": lambda a: a.bylines.all().delete(),
    "photo caption": lambda a: a.photos.update(caption="The two men at the Blue House."),
    "photo image": lambda a: upload_image(a.photos.get()),
    "photo added": lambda a: a.photos.create(caption="Ma arrives.", credit="YONHAP", position=1),
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_editors_work_is_left_alone(edit, tmp_path):
    """A story changed by an editor since its import is left alone, and the command says so."""
    path = copy("seed-alibaba.txt", tmp_path)
    run("--published", DAY, path)
    article = Article.objects.get()
    EDITS[edit](article)
    article.refresh_from_db()
    state = (stored(article), article.get_absolute_url(), article.status, article.photos.first().image.name)
    path.write_text(path.read_text().replace("Blue House", "presidential office"))

    status, out, err = run("--published", DAY, path)
    assert (status, out) == (0, [f"unchanged {article.get_absolute_url()} {path}"])
    assert err == [f"{path}: left alone: an editor has changed the story since its import"]
    article.refresh_from_db()
    assert (stored(article), article.get_absolute_url(), article.status, article.photos.first().image.name) == state
    assert Article.objects.count() == 1


def test_legacy_id_finds_the_story_under_a_new_headline(tmp_path):
    """With a legacy id, a changed headline updates the same story; its URL stays as it was."""
    path = copy("hanok-bom-legacy-id.txt", tmp_path)
    run(path)
    article = Article.objects.get()
    path.write_bytes(path.read_bytes().replace(b"draw a new kind of", b"win over"))
    assert run(path) == (0, [f"updated {article.get_absolute_url()} {path}"], [])
    article.refresh_from_db()
    assert (article.headline, article.legacy_id, Article.objects.count()) == (
        "Hanok stays win over tourist",
        "3012345",
        1,
    )
    assert article.get_absolute_url() == "/2015/12/01/hanok-stays-draw-a-new-kind-of-tourist/"


def test_headline_is_matched_loosely(tmp_path):
    """Case, quotes and spacing in the headline do not make a second story."""
    path = copy("marathon-no-photo-no-subsection.txt", tmp_path)
    run("--published", DAY, path)
    path.write_text(path.read_text().replace("Runners brave the cold", "RUNNERS  brave the cold"))
    assert run("--published", DAY, path)[1][0].startswith("updated /2014/08/28/runners-brave-the-cold")
    assert Article.objects.count() == 1


def test_same_headline_on_another_day_is_another_story():
    """Identity is headline and date: the same page with another --published is a second story."""
    run("--published", DAY, SEED)
    _, out, _ = run("--published", "2015-01-02", SEED)
    assert out == [f"created /2015/01/02/president-meets-with-alibaba-ceo/ {SEED}"]
    assert Article.objects.count() == 2 and Person.objects.count() == 1 and Section.objects.count() == 2


def test_no_date_makes_a_draft_and_says_so():
    """With no printed date and no --published, the story is a draft shown by its preview path."""
    status, out, err = run(SEED)
    article = Article.objects.get()
    assert (status, out) == (0, [f"draft /preview/{article.pk}/ {SEED}"])
    assert err == [f"{SEED}: no date on the page and no --published: imported as a draft"]
    assert (article.status, article.published_at) == (Article.Status.DRAFT, None)
    assert not Article.objects.published().exists()
    # A later run with a date publishes that same draft.
    assert run("--published", DAY, SEED) == (0, [f"updated {SEED_URL} {SEED}"], [])
    assert Article.objects.get().status == Article.Status.PUBLISHED
    # And a run without a date keeps the date it was given.
    assert run(SEED) == (0, [f"unchanged {SEED_URL} {SEED}"], [])


def test_a_dated_draft_takes_a_free_slug_on_its_day():
    """An undated draft given a date whose stories already use its slug gets one of its own."""
    run(SEED)
    other = ArticleFactory(headline="Alibaba chief in Seoul", slug="president-meets-with-alibaba-ceo")
    Article.objects.filter(pk=other.pk).update(published_at=datetime(2014, 8, 28, 9, tzinfo=SEOUL), pub_date=DAY)
    assert run("--published", DAY, SEED) == (0, [f"updated {SEED_URL[:-1]}-2/ {SEED}"], [])


def test_draft_flag_with_a_printed_date():
    """--draft imports a draft even when the page prints its date; the date is kept for its URL."""
    path = FIXTURES / "subway-fares-wire.txt"
    assert run("--draft", path) == (0, [f"draft /2015/11/03/subway-fares-to-rise-150-won-in-april/ {path}"], [])
    article = Article.objects.get()
    assert (article.status, article.published_at) == (
        Article.Status.DRAFT,
        datetime(2015, 11, 3, 19, 21, tzinfo=SEOUL),
    )
    assert not Article.objects.published().exists()


def test_printed_date_wins_over_published():
    """The page's own date beats --published."""
    path = FIXTURES / "kimjang-korean-words.txt"
    assert run("--published", "2020-01-01", path)[1] == [
        f"created /2016/11/12/kimjang-season-brings-neighbors-together/ {path}"
    ]


def test_same_email_is_the_same_person():
    """An existing person with the byline's email (in any case) is reused as they are."""
    person = Person.objects.create(name="Seo Jieun", email="Spring@JoongAng.co.kr")
    run("--published", DAY, SEED)
    assert Article.objects.get().byline_people == [person]
    assert Person.objects.get().name == "Seo Jieun"


def test_a_person_of_that_name_without_email_gets_it():
    """A person known by name only is the byline's person, and gains the email."""
    person = Person.objects.create(name="Seo Ji-eun")
    run("--published", DAY, SEED)
    person.refresh_from_db()
    assert (Article.objects.get().byline_people, person.email) == ([person], "spring@joongang.co.kr")


def test_existing_sections_are_reused(politics):
    """The breadcrumb finds the sections that exist (case aside) before making any."""
    Section.objects.filter(pk=politics.parent_id).update(name="NATIONAL")
    run("--published", DAY, SEED)
    assert Article.objects.get().section == politics
    assert Section.objects.count() == 2


def test_a_bad_story_in_a_json_list_stops_the_whole_file(tmp_path):
    """A file is imported whole or not at all."""
    path = tmp_path / "list.json"
    path.write_text('[{"headline": "Fine", "section": "Local", "body": ["Text."]}, {"headline": "No body"}]')
    assert run("--published", DAY, path) == (
        1,
        [],
        [f"{path}: article 2: no 'section' (required: headline, section, body)"],
    )
    assert counts()["Article"] == 0


def test_a_database_failure_rolls_back_the_file_and_the_run_goes_on(monkeypatch):
    """A failure while writing leaves nothing of that file, says why, and the next file is imported."""
    real = writer.write_photos

    def failing(article, records):
        if article.headline.startswith("Cabinet"):
            raise DatabaseError("disk full")
        real(article, records)

    monkeypatch.setattr(writer, "write_photos", failing)
    status, out, err = run("--published", DAY, FIXTURES / "briefs-list.json", SEED)
    assert (status, out) == (1, [f"created {SEED_URL} {SEED}"])
    assert err == [f"{FIXTURES / 'briefs-list.json'}: could not be saved: disk full"]
    assert list(Article.objects.values_list("headline", flat=True)) == ["President meets with Alibaba CEO"]
    assert not Person.objects.filter(name="Kim Min-ji").exists()


def test_missing_path_is_a_problem_and_the_rest_imports(tmp_path):
    missing = tmp_path / "nowhere"
    status, out, err = run("--published", DAY, missing, SEED)
    assert (status, out, err) == (1, [f"created {SEED_URL} {SEED}"], [f"{missing}: no such file or folder"])


def test_bad_published_value_is_refused():
    """--published takes a real date in the form YYYY-MM-DD."""
    with pytest.raises(CommandError, match="'2014-02-30' is not a date in the form YYYY-MM-DD"):
        call_command("import_articles", "--published", "2014-02-30", str(SEED), stdout=StringIO())


def test_nested_folders_hidden_files_and_repeats(tmp_path):
    """Folders are read recursively, hidden files skipped, and a file named twice imported once."""
    nested = tmp_path / "2014" / "08"
    nested.mkdir(parents=True)
    shutil.copyfile(SEED, nested / "story.TXT")
    (nested / ".story.txt.swp").write_bytes(b"\x00\x01")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main")
    status, out, err = run("--published", DAY, tmp_path, nested / "story.TXT")
    assert (status, out, err) == (0, [f"created {SEED_URL} {nested / 'story.TXT'}"], [])


def test_a_retitled_page_is_the_same_story(tmp_path):
    """The one story of a file on its date is found by its file when its headline has changed."""
    path = copy("pension-byline-first.txt", tmp_path)
    run("--published", DAY, path)
    article = Article.objects.get()
    path.write_text(path.read_text().replace("posts record return", "posts its best return"))
    assert run("--published", DAY, path) == (0, [f"updated {article.get_absolute_url()} {path}"], [])
    assert Article.objects.get().headline == "Pension fund posts its best return"
