"""The SQL that search runs beside the ORM, and the names of what migration 0004 installs.

The weighted document is kept by triggers (defined, frozen, in migration 0004; the Korean part
added in 0008): `search_vector` holds the headline (A), dek and bylines (B), captions and credits
and the body (C), and the Korean headline (B), dek and body (C) in the 'simple' configuration;
`search_summary` holds the English headline, dek, bylines and captions. Both have a GIN index.
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

TSQUERY = "SELECT websearch_to_tsquery('english', %s)::text"

# The number of stories and the commonest lexemes of the document with the share of stories that
# hold each (ANALYZE's statistics), and the oldest public story's time.
ARCHIVE_STATS = (
    "SELECT c.reltuples, s.most_common_elems::text::text[], s.most_common_elem_freqs,"
    " (SELECT min(published_at) FROM articles_article WHERE status = %s)"
    " FROM pg_class c LEFT JOIN pg_stats s ON s.tablename = c.relname AND s.attname = 'search_vector'"
    " WHERE c.relname = 'articles_article'"
)

# One statement for every snippet of a page, in the page's order.
HEADLINES = (
    "SELECT ts_headline('english', w, %s::tsquery, %s) FROM unnest(%s::text[]) WITH ORDINALITY AS t(w, n) ORDER BY n"
)


def set_config(count):
    """A statement that sets `count` settings for the rest of the transaction."""
    return "SELECT " + ", ".join(["set_config(%s, %s, true)"] * count)


def swap_config(count):
    """A statement that reads `count` settings, then sets them for the rest of the transaction."""
    return "SELECT " + ", ".join(["current_setting(%s)"] * count + ["set_config(%s, %s, true)"] * count)
