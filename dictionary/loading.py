"""Loading the dictionary into the database: bulk inserts, in one transaction, skipped when unchanged."""

import time

from django.db import transaction

from . import wordnet
from .models import DictionarySource, Inflection, Word

BATCH = 5000


def load(path=wordnet.DEFAULT_PATH, *, force=False):
    """Load WordNet from `path`; returns (status, counts, seconds) with status "loaded" or "unchanged"."""
    started = time.monotonic()
    fingerprint = wordnet.fingerprint(path)
    current = DictionarySource.objects.filter(name=wordnet.NAME).first()
    if not force and current and current.fingerprint == fingerprint and Word.objects.exists():
        return "unchanged", {"words": current.words, "inflections": current.inflections}, time.monotonic() - started
    entries = wordnet.read_entries(path)
    zipf = wordnet.zipf_frequencies(entries)
    exceptions = [(form, lemma) for form, lemma in wordnet.read_exceptions(path) if lemma in entries]
    with transaction.atomic():
        # Replaced whole: nothing an editor writes points at these rows (see models.py).
        Inflection.objects.all().delete()
        Word.objects.all().delete()
        Word.objects.bulk_create(
            (
                Word(lemma=lemma, entries=senses, parts=wordnet.parts_of(senses), zipf=zipf[lemma])
                for lemma, senses in entries.items()
            ),
            batch_size=BATCH,
        )
        Inflection.objects.bulk_create(
            (Inflection(form=form, lemma=lemma) for form, lemma in exceptions), batch_size=BATCH
        )
        DictionarySource.objects.update_or_create(
            name=wordnet.NAME,
            defaults={
                "version": wordnet.VERSION,
                "fingerprint": fingerprint,
                "words": len(entries),
                "inflections": len(exceptions),
            },
        )
    return "loaded", {"words": len(entries), "inflections": len(exceptions)}, time.monotonic() - started
