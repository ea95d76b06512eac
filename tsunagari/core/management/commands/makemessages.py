"""makemessages without fuzzy guesses (decision 0039).

msgmerge's fuzzy matching fills a new msgid with the translation of a similar old one
(「訳」 became "Total"). Such a guess is never compiled, but it misleads a translator and
hides the entry from a count of empty ones; a new message is left empty instead.
"""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
