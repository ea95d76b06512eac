"""State machines across the apps (membership, gatherings, listing review) share one error."""


class InvalidTransition(ValueError):
    """A state change the workflow does not allow; nothing was changed."""
