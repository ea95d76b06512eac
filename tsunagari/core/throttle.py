"""Counting requests in Django's cache (set REDIS_URL to share it between workers).

Keys are keyed hashes of what they count (an address, an e-mail, a question), so the cache
never holds what a person wrote or who they are in plain text.
"""

from django.core.cache import cache
from django.utils.crypto import salted_hmac


def _key(scope: str, parts: tuple[str, ...]) -> str:
    return (
        f"throttle:{scope}:"
        + salted_hmac(f"tsunagari.throttle.{scope}", "\x1f".join(parts)).hexdigest()
    )


def allow(scope: str, *parts: str, limit: int, seconds: int) -> bool:
    """Count one more; True while the count in the window is at most ``limit``."""
    key = _key(scope, parts)
    if cache.add(key, 1, timeout=seconds):
        return limit >= 1
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds)
        count = 1
    return count <= limit


def first_time(scope: str, *parts: str, seconds: int) -> bool:
    """True the first time these parts are seen within ``seconds``, False on every repeat."""
    return bool(cache.add(_key(scope, parts), 1, timeout=seconds))
