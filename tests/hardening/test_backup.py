"""Backups: bin/backup then bin/restore into a fresh database gives the same archive (PostgreSQL)."""

import os
import subprocess
from pathlib import Path

import psycopg2
import pytest
from django.db import connection

from tests.factories import ArticleFactory, PhotoFactory

ROOT = Path(__file__).resolve().parents[2]
TABLES = ["articles_article", "articles_section", "articles_person", "articles_byline", "articles_photo", "auth_user"]
DIGEST = """
    SELECT md5(string_agg(concat_ws('|', id, headline, slug, body, status, published_at), '/' ORDER BY id))
    FROM articles_article
"""

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def url(name):
    settings = connection.settings_dict
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    return (
        f"postgres://{settings['USER']}{password}@{settings['HOST'] or 'localhost'}:{settings['PORT'] or 5432}/{name}"
    )


def measure(cursor):
    counts = {}
    for table in TABLES:
        cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 - the names are ours
        counts[table] = cursor.fetchone()[0]
    cursor.execute(DIGEST)
    return counts, cursor.fetchone()[0]


@pytest.fixture
def fresh_database():
    name = f"{connection.settings_dict['NAME']}_restore_{os.getpid()}"
    admin = psycopg2.connect(url("postgres"))
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield name
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def run(script, *args, env):
    result = subprocess.run([str(ROOT / "bin" / script), *map(str, args)], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_a_backup_restores_into_a_fresh_database_with_the_same_counts_and_stories(fresh_database, settings, tmp_path):
    """Counts of every table and a digest of every story match after backup and restore; so do the media."""
    for n in range(5):
        ArticleFactory(headline=f"Story {n} of the backup", body=f"<p>Body {n}, 한국어 and all.</p>")
    ArticleFactory(draft=True, headline="A draft in the backup")
    photo = PhotoFactory()
    with connection.cursor() as cursor:
        before = measure(cursor)

    env = {**os.environ, "DATABASE_URL": url(connection.settings_dict["NAME"]), "MEDIA_ROOT": str(settings.MEDIA_ROOT)}
    dump, tarball = run("backup", tmp_path / "backups", env=env)
    restored_media = tmp_path / "restored-media"
    run("restore", dump, tarball, env={**env, "DATABASE_URL": url(fresh_database), "MEDIA_ROOT": str(restored_media)})

    restored = psycopg2.connect(url(fresh_database))
    try:
        with restored.cursor() as cursor:
            assert measure(cursor) == before
    finally:
        restored.close()
    assert before[0]["articles_article"] == 7
    original = Path(settings.MEDIA_ROOT) / photo.image.name
    assert (restored_media / photo.image.name).read_bytes() == original.read_bytes()
