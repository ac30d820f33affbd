"""The editorial desk is articles.desk; importing it here lets the admin's autodiscovery register it."""

from .desk import admins  # noqa: F401
from .desk.stories import ArticleAdmin  # noqa: F401 - the dictionary extends it
