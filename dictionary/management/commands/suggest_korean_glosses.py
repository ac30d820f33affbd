from django.core.management.base import BaseCommand
from django.db import transaction

from dictionary import wordnet
from dictionary.korean import POS_LETTERS, suggested_gloss, wordnet_synonyms
from dictionary.models import KoreanGloss, Word

Status = KoreanGloss.Status


class Command(BaseCommand):
    help = (
        "Suggest Korean glosses, from the National Institute of Korean Language's Basic Korean Dictionary "
        "(CC BY-SA 2.0 KR, as the namehint package ships it), for the loaded dictionary's words and parts of "
        "speech that have no reviewed gloss. Suggestions are stored as such, shown with their source, and "
        "replaced on each run; reviewed and rejected glosses are never touched."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--min-zipf", type=float, default=1.0, help="Skip words rarer than this (default 1: unknown to wordfreq)."
        )

    def handle(self, *args, min_zipf, **options):
        taken = set()  # (term, pos) an editor has decided, or that a gloss for any use covers
        any_pos = set()
        for term, pos, status in KoreanGloss.objects.exclude(
            status__in=[Status.SUGGESTED, Status.MISSING]
        ).values_list("term", "pos", "status"):
            taken.add((term, pos))
            if not pos and status == Status.REVIEWED:
                any_pos.add(term)
        synonyms = wordnet_synonyms(wordnet.DEFAULT_PATH) if wordnet.DEFAULT_PATH.is_dir() else {}
        suggested = []
        for lemma, parts in Word.objects.filter(zipf__gte=min_zipf).values_list("lemma", "parts").iterator():
            if lemma in any_pos:
                continue
            for letter in parts:
                pos = POS_LETTERS[letter]
                if (lemma, pos) in taken or (lemma, "") in taken:
                    continue
                gloss = suggested_gloss(lemma, pos, synonyms)
                if gloss is not None:
                    suggested.append(gloss)
        with transaction.atomic():
            needs = dict(KoreanGloss.objects.filter(need__gt=0).values_list("term", "need"))
            removed, _ = KoreanGloss.objects.filter(status=Status.SUGGESTED).delete()
            for gloss in suggested:
                gloss.need = needs.get(gloss.term, 0)
            KoreanGloss.objects.bulk_create(suggested, batch_size=2000)
            # A queued missing word that now has a suggestion waits in the queue as that suggestion.
            KoreanGloss.objects.settle_missing(g.term for g in suggested)
        self.stdout.write(f"{len(suggested)} suggested glosses stored ({removed} earlier suggestions replaced).")
