"""Media in an S3-compatible object store, linked at MEDIA_URL on the site's own host."""

from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage
from storages.utils import clean_name


class MediaStorage(S3Storage):
    """The bucket, with URLs under MEDIA_URL: the front server proxies that path to the store.

    The pages then keep one origin (the Content-Security-Policy allows images from 'self' only) and
    never name the store's host, which can move without a page changing.
    """

    def url(self, name, parameters=None, expire=None, http_method=None):
        return f"{settings.MEDIA_URL}{filepath_to_uri(self._normalize_name(clean_name(name)))}"
