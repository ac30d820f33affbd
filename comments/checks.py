from django.core.checks import Error, register

from . import conf
from .text import BODY_CEILING, MAX_CODE_POINTS_PER_CHARACTER


@register()
def check_comment_settings(app_configs, **kwargs):
    """COMMENTS_MAX_LENGTH must fit under the database's ceiling; the rate limit must be positive."""
    errors = []
    limit = conf.max_length()
    if not isinstance(limit, int) or not 1 <= limit <= BODY_CEILING // MAX_CODE_POINTS_PER_CHARACTER:
        errors.append(
            Error(
                f"COMMENTS_MAX_LENGTH must be between 1 and {BODY_CEILING // MAX_CODE_POINTS_PER_CHARACTER}.",
                id="comments.E001",
            )
        )
    count, window = conf.rate_limit()
    if count < 1 or window < 1:
        errors.append(Error("COMMENTS_RATE_LIMIT and COMMENTS_RATE_WINDOW must be at least 1.", id="comments.E002"))
    return errors
