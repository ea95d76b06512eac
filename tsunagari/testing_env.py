"""Loaded by pytest before Django (``-p tsunagari.testing_env`` in pyproject.toml).

DEBUG is off unless switched on (settings.py); the test run is a laptop run, so it
switches DEBUG on for the settings defaults (test database, console mail, no HTTPS
redirect). Django's test environment still runs the views with ``settings.DEBUG = False``.
"""

import os

os.environ.setdefault("DEBUG", "true")
