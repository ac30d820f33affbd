"""Fill the archive with synthetic, realistic stories for benchmarks.

Fast by construction: rows go in with bulk_create, in batches of one transaction each, while a
helper thread writes the next batch's text (the database driver releases the GIL while PostgreSQL
works), or, with --workers, from several processes that each make and store whole batches.
bulk_create skips Article.save(), so this command sets what save() would: the local publication
date, a unique slug, a body the sanitizer would leave as it is. The search document is
computed by the database's trigger; bylines and photos are inserted before their stories
(foreign keys are checked at commit), so each story's document is computed once, complete.
PostgreSQL's parser takes ~4 ms for a 900-word body on this machine (over an hour for a million),
so on PostgreSQL the body's part is built here from the words' lexemes, which PostgreSQL's own
english_stem dictionary gave once for the whole vocabulary: the same document, computed faster
(a test compares it with the trigger's).

Deterministic: the same --seed and --until give the same archive.
"""

import datetime
import multiprocessing
import random
import re
import time
from array import array
from bisect import bisect
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from itertools import accumulate, chain
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections, reset_queries, transaction
from django.utils import timezone
from django.utils.text import slugify

from articles.models import Article, Byline, Person, Photo, Section, Topic, local_date, start_of_day
from articles.search.sql import SEARCH_INDEXES

SECTIONS = {
    "National": ["Politics", "Social Affairs", "North Korea", "Defense"],
    "Business": ["Economy", "Industry", "Finance", "Tech"],
    "Opinion": ["Editorials", "Columns", "Letters"],
    "Culture": ["Entertainment", "Arts & Design", "Food & Travel"],
    "Sports": ["Baseball", "Football", "Golf"],
    "Foreign": [],
}
TOPICS = [
    "Alibaba", "Korea-China relations", "Korea-U.S. relations", "Samsung", "Hyundai", "Semiconductors",
    "Housing prices", "Interest rates", "Exports", "Inter-Korean relations", "Nuclear program",
    "Elections", "National Assembly", "Blue House", "Climate", "Fine dust", "K-pop", "Film", "Tourism",
    "Education", "Low birth rate", "Aging society", "Startups", "Artificial intelligence", "Baseball",
    "Olympics", "Labor unions", "Minimum wage", "Energy", "Trade talks", "Japan", "China", "Jeju",
    "Busan", "Public health", "Courts", "Prosecutors", "Chaebol reform", "Shipbuilding", "Webtoons",
]  # fmt: skip
FAMILY = ["Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Oh", "Seo", "Shin",
          "Kwon", "Hwang", "Ahn", "Song", "Jeon", "Hong", "Moon", "Bae", "Baek", "Yoo", "Nam"]  # fmt: skip
GIVEN = ["min", "ji", "seo", "hyun", "jun", "woo", "eun", "young", "soo", "jin", "ho", "hee", "sung", "kyung",
         "dong", "hye", "yeon", "jae", "sang", "won", "na", "ra", "bin", "yoon", "tae", "ha"]  # fmt: skip
AGENCIES = ["Yonhap", "NEWSIS", "AP", "Reuters", "AFP"]
# Korean names with the particles that attach to them in running text (search must find the stem).
KOREAN = ["삼성전자", "현대자동차", "서울", "부산", "청와대", "국회", "대한민국", "한국은행", "김치", "제주도"]
PARTICLES = ["가", "이", "는", "은", "를", "을", "의", "에서", "와", "도", ""]
KINDS = [("news", 75), ("analysis", 8), ("feature", 7), ("opinion", 6), ("editorial", 4)]
IMAGE_COLORS = [(70, 110, 150), (150, 90, 60), (60, 130, 90), (120, 120, 130)]
IMAGE_SIZE = (1200, 800)
YEARS = 20
WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
HEAD_SLOTS = 1 << 16


class Vocabulary:
    """English words drawn with their real frequencies (wordfreq), fast.

    A table of 65,536 slots gives each word floor(p * 65536) slots, so most draws are one lookup
    of two random bytes; the leftover mass of every word (all of a rare word's) is drawn from a
    second, weighted list. The mixture is exactly the words' distribution.
    """

    def __init__(self, size=50_000):
        from wordfreq import top_n_list, word_frequency

        words = [w for w in top_n_list("en", int(size * 1.3)) if WORD.fullmatch(w)][:size]
        freqs = [word_frequency(w, "en") for w in words]
        total = sum(freqs)
        table, tail, tail_mass = [], [], []
        for word, freq in zip(words, freqs, strict=True):
            share = freq / total * HEAD_SLOTS
            slots = int(share)
            table.extend([word] * slots)
            tail.append(word)
            tail_mass.append(share - slots)
        table.extend([None] * (HEAD_SLOTS - len(table)))
        self.table = table
        self.tail = tail
        self.tail_cum = list(accumulate(tail_mass))
        self.getter = table.__getitem__
        # Headlines use words with some content: not the commonest hundred, not the rarest.
        self.headline_words = [w for w in words[100:15_000] if len(w) > 3]
        self.lexemes = None

    def load_lexemes(self, cursor):
        """Each word's tokens' lexemes as PostgreSQL's 'english' configuration makes them (None: stop word)."""
        forms = set(self.tail) | {k + p for k in KOREAN for p in PARTICLES}
        parts = {part for form in forms for part in form.split("'")}
        cursor.execute("SELECT w, ts_lexize('english_stem', w) FROM unnest(%s::text[]) AS w", [sorted(parts)])
        lexeme = {w: (lex[0] if lex else None) for w, lex in cursor.fetchall()}
        self.lexemes = {form.lower(): tuple(lexeme[p] for p in form.split("'")) for form in forms}

    def body_vector(self, words):
        """The tsvector (text form, no weights) of words in order, as to_tsvector('english') makes it."""
        # One token per lexeme slot (a word with an apostrophe is two tokens; a stop word is None):
        # a token's position is its place in this list.
        tokens = chain.from_iterable(map(self.lexemes.__getitem__, words))
        positions = {}
        for pos, lex in enumerate(tokens, 1):
            if lex is not None:
                if lex in positions:
                    positions[lex].append(pos)
                else:
                    positions[lex] = [pos]
        return " ".join([f"'{lex}':{','.join(map(str, ps))}" for lex, ps in positions.items()])

    def draw(self, rng, k):
        idx = array("H")
        idx.frombytes(rng.randbytes(2 * k))
        drawn = list(map(self.getter, idx))
        missing = drawn.count(None)
        if missing:
            fills = iter(rng.choices(self.tail, cum_weights=self.tail_cum, k=missing))
            drawn = [w if w is not None else next(fills) for w in drawn]
        return drawn


def sentences(rng, words):
    out, pos, total = [], 0, len(words)
    while pos < total:
        n = 6 + int(rng.random() * 22)
        chunk = words[pos : pos + n]
        pos += n
        chunk[0] = chunk[0].capitalize()
        if len(chunk) > 14:
            chunk[len(chunk) // 2 - 1] += ","
        out.append(" ".join(chunk) + ".")
    return out


class Generator:
    def __init__(self, seed, until, sections, opinion_sections, people, agencies, topics, images):
        self.seed = seed
        self.until = until
        self.span = YEARS * 365.2425 * 86400
        self.sections = sections
        self.opinion_sections = opinion_sections
        self.people = people
        self.agencies = agencies
        self.topics = topics
        self.images = images
        self.vocabulary = Vocabulary()
        kinds, weights = zip(*KINDS, strict=True)
        self.kinds, self.kind_cum = kinds, list(accumulate(weights))

    def batch(self, index, ids):
        """Rows for one batch: (articles, bylines, photos, topic links), from the batch's own seed."""
        rng = random.Random(f"{self.seed}:{index}")
        vocab = self.vocabulary
        articles, bylines, photos, links = [], [], [], []
        for pk in ids:
            kind = self.kinds[bisect(self.kind_cum, rng.random() * self.kind_cum[-1])]
            section = rng.choice(self.opinion_sections if kind in ("opinion", "editorial") else self.sections)
            headline_words = rng.sample(vocab.headline_words, rng.randint(5, 10))
            headline = " ".join(headline_words).capitalize()
            dek = sentences(rng, vocab.draw(rng, rng.randint(12, 25)))[0] if rng.random() < 0.7 else ""
            body_words = vocab.draw(rng, rng.randint(300, 1500))
            if rng.random() < 0.05:
                at = rng.randrange(len(body_words))
                body_words[at] = rng.choice(KOREAN) + rng.choice(PARTICLES)
            paras, text = [], sentences(rng, body_words)
            while text:
                n = rng.randint(1, 4)
                paras.append(" ".join(text[:n]))
                text = text[n:]
            # Only words, commas and full stops in <p>: what the sanitizer would give back unchanged
            # (a test checks), so it is not run on a million bodies.
            body = "\n".join(f"<p>{p}</p>" for p in paras)
            vector = vocab.body_vector(body_words) if vocab.lexemes is not None else None
            draft = rng.random() < 0.01
            when = self.until - datetime.timedelta(seconds=rng.random() * self.span)
            when = when.replace(microsecond=0)
            articles.append(
                Article(
                    pk=pk,
                    headline=headline,
                    slug=f"{slugify(headline)[:70].rstrip('-')}-{pk:x}",
                    section_id=section,
                    dek=dek,
                    kind=kind,
                    body=body,
                    status=Article.Status.DRAFT if draft else Article.Status.PUBLISHED,
                    published_at=None if draft else when,
                    pub_date=None if draft else local_date(when),
                    search_vector=vector,
                    created_at=when,
                    updated_at=when,
                )
            )
            # bulk_create skips save(), which gives a story its reading level.
            articles[-1].set_level()
            if rng.random() < 0.12:
                people = [rng.choice(self.agencies)]
            else:
                people = rng.sample(self.people, 1 if rng.random() < 0.8 else 2)
            bylines.extend(Byline(article_id=pk, person_id=p, position=i) for i, p in enumerate(people))
            for position in range(rng.choice((0, 1, 1, 1, 2))):
                caption = sentences(rng, vocab.draw(rng, rng.randint(8, 20)))[0]
                name, width, height = rng.choice(self.images)
                photos.append(
                    Photo(
                        article_id=pk,
                        image=name,
                        width=width,
                        height=height,
                        caption=caption,
                        credit=rng.choice(AGENCIES).upper(),
                        alt_text=caption[:120],
                        position=position,
                    )
                )
            if rng.random() < 0.4:
                for topic in rng.sample(self.topics, rng.randint(1, 2)):
                    links.append(Article.topics.through(article_id=pk, topic_id=topic))
        return articles, bylines, photos, links


# What the processes of --workers share: set before they are forked, read in each of them.
_work = {}


def _forget_parent_connections():
    """In a new process: never use the parent's database sockets (forked, still open in the
    parent when Django could not close them, inside a transaction). Each connection opens anew
    when first used, with its own state."""
    for conn in connections.all(initialized_only=True):
        conn.connection = None


def _make_and_write(index):
    size, ids = _work["batch_size"], _work["ids"]
    return _work["command"].write(_work["generator"].batch(index, ids[index * size : (index + 1) * size]))


@contextmanager
def archive_timestamps():
    """Let bulk_create keep the stories' own created/updated times (their publication time) instead
    of now: otherwise every generated story would read as updated today, in pages and sitemaps."""
    fields = [Article._meta.get_field(name) for name in ("created_at", "updated_at")]
    saved = [(f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, (auto_now, auto_now_add) in zip(fields, saved, strict=True):
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


class Command(BaseCommand):
    help = "Fill the archive with N synthetic, realistic stories for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, help="How many stories to create.")
        parser.add_argument("--seed", type=int, default=1, help="The same seed gives the same stories.")
        parser.add_argument(
            "--until",
            type=datetime.date.fromisoformat,
            help="The archive's last day, YYYY-MM-DD (default: yesterday, in the newsroom's zone).",
        )
        parser.add_argument("--batch-size", type=int, default=1000)
        parser.add_argument(
            "--workers",
            type=int,
            default=1,
            help="PostgreSQL: write batches from this many processes at once (one per core is about right).",
        )
        parser.add_argument(
            "--rebuild-search-indexes",
            action="store_true",
            help="PostgreSQL: drop the two GIN search indexes during the load and build them again after "
            "(about 3x faster for large loads; search is slow meanwhile: not for a live site).",
        )

    def handle(self, *args, rebuild_search_indexes=False, **options):
        rebuild = rebuild_search_indexes and connection.vendor == "postgresql"
        if rebuild:
            with connection.cursor() as cursor:
                for name in SEARCH_INDEXES:
                    cursor.execute(f"DROP INDEX IF EXISTS {name}")
        try:
            self.generate(**options)
        finally:
            if rebuild:
                started = time.monotonic()
                with connection.cursor() as cursor:
                    cursor.execute("SET maintenance_work_mem = '512MB'")
                    for sql in SEARCH_INDEXES.values():
                        cursor.execute(sql)
                self.stdout.write(f"Built the search indexes again in {time.monotonic() - started:.1f} s.")

    def generate(self, *, count, seed, until, batch_size, workers=1, verbosity=1, **options):
        if count < 1:
            raise CommandError("N must be a positive number of stories.")
        if batch_size < 1:
            raise CommandError("--batch-size must be positive.")
        if workers < 1:
            raise CommandError("--workers must be positive.")
        if workers > 1 and connection.vendor != "postgresql":
            raise CommandError("--workers needs PostgreSQL: other databases take one writer at a time.")
        today = timezone.localdate()
        last_day = until or today - datetime.timedelta(days=1)
        if last_day > today:
            raise CommandError("--until cannot be in the future: generated stories are published.")
        # The end of the last day, or now when that is today: no story in the future.
        end = min(
            start_of_day(last_day + datetime.timedelta(days=1)),
            timezone.now(),
        )
        started = time.monotonic()
        generator = Generator(seed, end, *self.setup(seed))
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                generator.vocabulary.load_lexemes(cursor)
        batches = range((count + batch_size - 1) // batch_size)

        def progress(index, done):
            if verbosity > 1 or (verbosity and index and index % 50 == 0):
                self.stderr.write(f"{done} stories ({done / (time.monotonic() - started):.0f}/s)")

        if workers > 1:
            done = self.write_in_processes(generator, count, batch_size, workers, batches, progress)
        else:
            done = self.write_pipelined(generator, count, batch_size, batches, progress)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # VACUUM as well marks the new rows visible to all, so that counts read the date
                # index alone (a year's archive: 50,000 story rows fetched otherwise). It cannot
                # run inside a transaction (a test's): there, statistics only.
                verb = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
                cursor.execute(f"{verb} articles_article, articles_byline, articles_photo, articles_article_topics")
        elapsed = time.monotonic() - started
        self.stdout.write(f"Created {done} stories in {elapsed:.1f} s ({done / elapsed:.0f} stories/s).")

    def write_pipelined(self, generator, count, batch_size, batches, progress):
        """One process: a helper thread makes the next batch while the database stores the last."""
        done = 0
        with ThreadPoolExecutor(max_workers=1) as pool:
            pending = None
            for index in batches:
                ids = self.reserve_ids(min(batch_size, count - index * batch_size))
                future = pool.submit(generator.batch, index, ids)
                if pending is not None:
                    done += self.write(pending.result())
                pending = future
                progress(index, done)
            if pending is not None:
                done += self.write(pending.result())
        return done

    def write_in_processes(self, generator, count, batch_size, workers, batches, progress):
        """Several processes, each making and storing whole batches over its own connection.

        The numbers are reserved in one block first, so that batch i gets the same stories and
        numbers whichever process makes it: the archive stays the same for the same seed.
        """
        _work.update(command=self, generator=generator, ids=self.reserve_ids(count), batch_size=batch_size)
        connections.close_all()  # a forked process must not share its parent's connection
        done = 0
        try:
            # A process that dies (out of memory, killed) breaks the pool: the command stops with
            # an error instead of waiting for its batch for ever.
            with ProcessPoolExecutor(
                workers, mp_context=multiprocessing.get_context("fork"), initializer=_forget_parent_connections
            ) as pool:
                for index, written in enumerate(pool.map(_make_and_write, batches)):
                    done += written
                    progress(index, done)
        except BrokenProcessPool as error:
            raise CommandError(f"A writing process died after {done} stories: {error}") from error
        finally:
            _work.clear()
        return done

    def reserve_ids(self, n):
        """Primary keys for the next stories, so that their bylines and photos can go in first."""
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence('articles_article', 'id')) FROM generate_series(1, %s)",
                    [n],
                )
                return [row[0] for row in cursor.fetchall()]
        # Elsewhere one writer at a time: the next free numbers (remembered across batches).
        start = getattr(self, "_next_id", None)
        if start is None:
            start = (Article.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        self._next_id = start + n
        return list(range(start, start + n))

    def write(self, rows):
        articles, bylines, photos, links = rows
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    # A crash may lose the last batches of a benchmark load, never corrupt it:
                    # not waiting for each commit to reach the disk is safe here.
                    cursor.execute(
                        "SELECT set_config('articles.search_body_given', 'on', true),"
                        " set_config('synchronous_commit', 'off', true)"
                    )
            Byline.objects.bulk_create(bylines, batch_size=2000)
            Photo.objects.bulk_create(photos, batch_size=2000)
            Article.topics.through.objects.bulk_create(links, batch_size=2000)
            with archive_timestamps():
                Article.objects.bulk_create(articles, batch_size=250)
        # With DEBUG on, Django keeps the text of the last 9,000 statements: a million stories'
        # INSERTs would fill the memory.
        reset_queries()
        return len(articles)

    def setup(self, seed):
        """Sections, people, agencies, topics and a few shared image files (reused when present)."""
        rng = random.Random(f"{seed}:setup")
        sections, opinion = [], []
        for position, (name, children) in enumerate(SECTIONS.items()):
            top, _ = Section.objects.get_or_create(name=name, parent=None, defaults={"position": position})
            group = opinion if name == "Opinion" else sections
            group.append(top.pk)
            for child_position, child in enumerate(children):
                sub, _ = Section.objects.get_or_create(name=child, parent=top, defaults={"position": child_position})
                group.append(sub.pk)
        people = []
        for _ in range(150):
            family = rng.choice(FAMILY)
            given = f"{rng.choice(GIVEN).capitalize()}-{rng.choice(GIVEN)}"
            email = f"{given.replace('-', '').lower()}.{family.lower()}@newsroom.example"
            person, _ = Person.objects.get_or_create(email=email, defaults={"name": f"{family} {given}"})
            people.append(person.pk)
        agencies = [
            Person.objects.get_or_create(name=name, is_agency=True, defaults={"email": ""})[0].pk for name in AGENCIES
        ]
        topics = [Topic.objects.get_or_create(name=name)[0].pk for name in TOPICS]
        return sections, opinion, sorted(set(people)), agencies, topics, self.images()

    def images(self):
        from PIL import Image

        folder = Path(settings.MEDIA_ROOT) / "photos" / "generated"
        folder.mkdir(parents=True, exist_ok=True)
        names = []
        for n, color in enumerate(IMAGE_COLORS, start=1):
            path = folder / f"generated-{n}.jpg"
            if not path.exists():
                Image.new("RGB", IMAGE_SIZE, color).save(path, "JPEG", quality=70)
            names.append((f"photos/generated/{path.name}", *IMAGE_SIZE))
        return names
