"""Importers: saved article pages (.txt) and JSON files (.json) into the archive.

`read_file` turns a file into ArticleRecords (or raises ImportFileError with the reason);
`writer.write` stores one record. The `import_articles` command ties them together.
"""

from pathlib import Path

from .jsonfile import parse_json
from .records import ArticleRecord, ImportFileError
from .text import parse_text

READERS = {".txt": lambda data: [parse_text(data)], ".json": parse_json}


def read_file(path: Path) -> list[ArticleRecord]:
    reader = READERS.get(path.suffix.casefold())
    if reader is None:
        kind = f"extension {path.suffix!r}" if path.suffix else "no extension"
        raise ImportFileError(f"unknown file type ({kind}); expected .txt (a saved page) or .json")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(f"cannot be read: {exc.strerror}") from None
    return reader(data)
