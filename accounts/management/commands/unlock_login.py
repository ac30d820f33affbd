"""Lift the desk's login lock of an account or an address (see accounts/throttle.py)."""

from django.core.management.base import BaseCommand, CommandError

from accounts import throttle


class Command(BaseCommand):
    help = "Lift the desk login lock of a username and/or a client address, and forget their failures."

    def add_arguments(self, parser):
        parser.add_argument("--user", help="the username locked out")
        parser.add_argument("--address", help="the client address locked out")

    def handle(self, *args, user=None, address=None, **options):
        if not user and not address:
            raise CommandError("Name a --user, an --address, or both.")
        throttle.lift(username=user, address=address)
        self.stdout.write(f"Lifted: {', '.join(filter(None, [user, address]))}")
