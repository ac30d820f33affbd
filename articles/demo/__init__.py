"""The project's own demo content (stories.json) and the code that loads it: see `manage.py load_demo`."""
