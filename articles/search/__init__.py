"""Full-text search of the public archive.

On PostgreSQL: the weighted document kept by triggers (migration 0004) and its GIN indexes; the
reader's words in websearch syntax ("quoted phrase", -without, or); Korean words matched as
prefixes, so that 삼성전자 finds 삼성전자가 (particles attach to the noun). Relevance ranks a bounded
candidate set: the most recent matches of the whole document and of its small part (headline,
dek, bylines, captions), never every hit of a common word. Counts stop at RESULT_CAP ("1,000+").
Snippets: a window of each result's text around its first match, highlighted by ts_headline,
only for the page's results.

On SQLite (development): every word must appear in the headline, dek or body; newest first.

- `query`: the form, the filters, the words as a tsquery;
- `planner`: which index path finds the newest matches, and the page they make;
- `snippets`: the window of text and its marks;
- `results`: one page of results; `views`: the page; `sql`: the SQL beside the ORM.
"""

from .query import SearchForm, admin_search
from .results import Results, search
from .views import search_view

__all__ = ["Results", "SearchForm", "admin_search", "search", "search_view"]
