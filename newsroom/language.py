"""The interface language, chosen per request by Django's LocaleMiddleware, said in `Vary` in full."""

from django.middleware import locale
from django.utils.cache import patch_vary_headers


class LocaleMiddleware(locale.LocaleMiddleware):
    """Django's, and `Vary: Cookie` too: the language cookie chooses the language before Accept-Language does."""

    def process_response(self, request, response):
        response = super().process_response(request, response)
        patch_vary_headers(response, ("Cookie",))
        return response
