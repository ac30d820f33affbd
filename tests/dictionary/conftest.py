from .fixtures import seed_story, starter_glosses, wordnet_loaded  # noqa: F401
