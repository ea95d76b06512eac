import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tsunagari.settings")
application = get_wsgi_application()

# Load the dictionary, the lexicon and the learned reader now, when the worker starts,
# so that the first person to ask does not wait for them.
from tsunagari.navigator.text import warm_up  # noqa: E402

warm_up()
