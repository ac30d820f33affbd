"""The PostgreSQL side of search: the weighted document, the triggers that keep it, and its indexes.

Triggers rather than save() hooks, because stories are written by many paths that skip save():
bulk_create (generate_articles), queryset.update(), the admin's inlines (bylines and photos are
saved after the story), a person renamed, raw SQL. Each of them leaves the document current.

Bulk loaders that insert bylines and photos *before* their stories (foreign keys are deferred to
the end of the transaction) get each story's document computed once, on its own insert.
"""

CREATE = r"""
CREATE OR REPLACE FUNCTION articles_search_summary(aid bigint, headline text, dek text)
RETURNS tsvector LANGUAGE sql STABLE AS $$
  SELECT setweight(to_tsvector('english', coalesce(headline, '')), 'A')
      || setweight(to_tsvector('english', coalesce(dek, '')), 'B')
      || setweight(to_tsvector('english', coalesce(
           (SELECT string_agg(p.name, ' ' ORDER BY b.position, b.id)
              FROM articles_byline b JOIN articles_person p ON p.id = b.person_id
             WHERE b.article_id = aid), '')), 'B')
      || setweight(to_tsvector('english', coalesce(
           (SELECT string_agg(concat_ws(' ', ph.caption, ph.credit), ' ' ORDER BY ph.position, ph.id)
              FROM articles_photo ph WHERE ph.article_id = aid), '')), 'C')
$$;

CREATE OR REPLACE FUNCTION articles_search_body(body text)
RETURNS tsvector LANGUAGE sql IMMUTABLE AS $$
  -- Tags and character references out of the stored HTML, so that "&amp;" does not index "amp".
  SELECT setweight(to_tsvector('english',
           regexp_replace(coalesce(body, ''), '<[^>]*>|&[#a-zA-Z0-9]+;', ' ', 'g')), 'C')
$$;

-- Django's save() writes every column, the search document too (NULL, or what it loaded): the
-- document is recomputed when the text changed, when a byline or photo trigger asks for it (a
-- nested trigger), or when it was never computed; otherwise the stored one is kept.
CREATE OR REPLACE FUNCTION articles_article_search_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A bulk loader that computed the body's part itself (generate_articles) says so for its
  -- transaction; the rest of the document is still computed here.
  IF TG_OP = 'INSERT' AND NEW.search_vector IS NOT NULL
     AND current_setting('articles.search_body_given', true) = 'on' THEN
    NEW.search_summary := articles_search_summary(NEW.id, NEW.headline, NEW.dek);
    NEW.search_vector := NEW.search_summary || setweight(NEW.search_vector, 'C');
  ELSIF TG_OP = 'INSERT' OR pg_trigger_depth() > 1 OR OLD.search_vector IS NULL
     OR OLD.headline IS DISTINCT FROM NEW.headline OR OLD.dek IS DISTINCT FROM NEW.dek
     OR OLD.body IS DISTINCT FROM NEW.body THEN
    NEW.search_summary := articles_search_summary(NEW.id, NEW.headline, NEW.dek);
    NEW.search_vector := NEW.search_summary || articles_search_body(NEW.body);
  ELSE
    NEW.search_summary := OLD.search_summary;
    NEW.search_vector := OLD.search_vector;
  END IF;
  RETURN NEW;
END $$;

-- Called from the byline, photo and person triggers: the nested article trigger recomputes.
CREATE OR REPLACE FUNCTION articles_refresh_search(aid bigint) RETURNS void LANGUAGE sql AS $$
  UPDATE articles_article SET search_vector = NULL WHERE id = aid;
$$;

CREATE OR REPLACE FUNCTION articles_child_search_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM articles_refresh_search(OLD.article_id);
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.article_id <> OLD.article_id) THEN
    PERFORM articles_refresh_search(NEW.article_id);
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION articles_person_search_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM articles_refresh_search(b.article_id) FROM articles_byline b WHERE b.person_id = NEW.id;
  RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS articles_article_search_insert ON articles_article;
CREATE TRIGGER articles_article_search_insert BEFORE INSERT ON articles_article
  FOR EACH ROW EXECUTE FUNCTION articles_article_search_trigger();

-- Django's save() writes every column: recompute only when the searchable text changed.
DROP TRIGGER IF EXISTS articles_article_search_update ON articles_article;
CREATE TRIGGER articles_article_search_update BEFORE UPDATE ON articles_article
  FOR EACH ROW EXECUTE FUNCTION articles_article_search_trigger();

DROP TRIGGER IF EXISTS articles_byline_search ON articles_byline;
CREATE TRIGGER articles_byline_search AFTER INSERT OR DELETE OR UPDATE OF person_id, article_id, position
  ON articles_byline FOR EACH ROW EXECUTE FUNCTION articles_child_search_trigger();

DROP TRIGGER IF EXISTS articles_photo_search ON articles_photo;
CREATE TRIGGER articles_photo_search AFTER INSERT OR DELETE OR UPDATE OF caption, credit, article_id, position
  ON articles_photo FOR EACH ROW EXECUTE FUNCTION articles_child_search_trigger();

DROP TRIGGER IF EXISTS articles_person_search ON articles_person;
CREATE TRIGGER articles_person_search AFTER UPDATE OF name ON articles_person
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
  EXECUTE FUNCTION articles_person_search_trigger();

CREATE INDEX IF NOT EXISTS article_search_vector ON articles_article USING gin (search_vector);
CREATE INDEX IF NOT EXISTS article_search_summary ON articles_article USING gin (search_summary);

-- Fill the documents of stories that existed before the triggers (the trigger computes them).
UPDATE articles_article SET search_vector = NULL WHERE search_vector IS NULL;
"""

DROP = """
DROP TRIGGER IF EXISTS articles_person_search ON articles_person;
DROP TRIGGER IF EXISTS articles_photo_search ON articles_photo;
DROP TRIGGER IF EXISTS articles_byline_search ON articles_byline;
DROP TRIGGER IF EXISTS articles_article_search_update ON articles_article;
DROP TRIGGER IF EXISTS articles_article_search_insert ON articles_article;
DROP FUNCTION IF EXISTS articles_person_search_trigger();
DROP FUNCTION IF EXISTS articles_child_search_trigger();
DROP FUNCTION IF EXISTS articles_refresh_search(bigint);
DROP FUNCTION IF EXISTS articles_article_search_trigger();
DROP FUNCTION IF EXISTS articles_search_body(text);
DROP FUNCTION IF EXISTS articles_search_summary(bigint, text, text);
DROP INDEX IF EXISTS article_search_summary;
DROP INDEX IF EXISTS article_search_vector;
"""


# The GIN indexes, by name: a bulk load may drop them and build them again afterwards, which is
# an order of magnitude cheaper per story than keeping them up to date row by row.
SEARCH_INDEXES = {
    "article_search_vector": (
        "CREATE INDEX IF NOT EXISTS article_search_vector ON articles_article USING gin (search_vector)"
    ),
    "article_search_summary": (
        "CREATE INDEX IF NOT EXISTS article_search_summary ON articles_article USING gin (search_summary)"
    ),
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


# The planner's statistics keep the commonest lexemes of each document column: by default 1,000,
# all of them in more than ~5% of stories at a million, so every other word was estimated at a
# fixed 0.5% ("korea", in 4.5%, was taken for ten times rarer than it is). Search chooses its
# index path from these estimates. 10,000 keeps ~30,000 lexemes, down to ~0.05% of stories;
# ANALYZE then reads every row of a million-story archive (about a minute here).
STATISTICS = """
ALTER TABLE articles_article
  ALTER COLUMN search_vector SET STATISTICS 10000,
  ALTER COLUMN search_summary SET STATISTICS 10000;
"""
STATISTICS_DEFAULT = """
ALTER TABLE articles_article
  ALTER COLUMN search_vector SET STATISTICS -1,
  ALTER COLUMN search_summary SET STATISTICS -1;
"""


def finer_statistics(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(STATISTICS)


def default_statistics(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(STATISTICS_DEFAULT)
