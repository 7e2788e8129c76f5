"""Who may write: bearer tokens for the API, a session cookie and CSRF tokens for the pages.

The session cookie holds a random nonce and its HMAC under the write token, so a forged
cookie is refused without a lookup and rotating the token logs everybody out. The HMAC
alone would let a copied cookie outlive a logout, so the server also keeps the nonces of
live sessions (:class:`crosscheck.web.server.Sessions`): logout removes it there.
Form posts carry a CSRF token bound to the session (an HMAC of the session nonce); the
login form, which has no session yet, uses a double-submit cookie instead.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

SESSION_COOKIE = "cc_session"
LOGIN_CSRF_COOKIE = "cc_login_csrf"


def _mac(token: str, message: str) -> str:
    return hmac.new(token.encode("utf-8"), message.encode("utf-8"), hashlib.sha256).hexdigest()


def token_matches(expected: str, given: str | None) -> bool:
    """Constant-time comparison of a presented token with the one in force."""
    if not given:
        return False
    return hmac.compare_digest(expected.encode("utf-8"), given.encode("utf-8"))


def new_session(token: str) -> str:
    """A fresh session cookie value, valid while ``token`` stays the write token."""
    nonce = secrets.token_urlsafe(18)
    return f"{nonce}.{_mac(token, 'session:' + nonce)}"


def session_valid(token: str, value: str | None) -> bool:
    """True when ``value`` is a session cookie issued under ``token``."""
    if not value or "." not in value:
        return False
    nonce, _, mac = value.partition(".")
    return hmac.compare_digest(_mac(token, "session:" + nonce), mac)


def session_nonce(value: str) -> str:
    """The random part of a session cookie: what the server's session table is keyed by."""
    return value.partition(".")[0]


def csrf_token(token: str, session: str) -> str:
    """The CSRF token that form posts of ``session`` must carry."""
    nonce = session.partition(".")[0]
    return _mac(token, "csrf:" + nonce)


def csrf_valid(token: str, session: str | None, given: str | None) -> bool:
    """True when ``given`` is the CSRF token of a valid ``session``."""
    if not session or not given or not session_valid(token, session):
        return False
    return hmac.compare_digest(csrf_token(token, session), given)


def new_login_csrf() -> str:
    """A random value for the login form's double-submit cookie."""
    return secrets.token_urlsafe(18)


def login_csrf_valid(cookie: str | None, given: str | None) -> bool:
    """The login form's hidden field must repeat the cookie the server set with the form."""
    if not cookie or not given:
        return False
    return hmac.compare_digest(cookie.encode("utf-8"), given.encode("utf-8"))


__all__ = [
    "LOGIN_CSRF_COOKIE",
    "SESSION_COOKIE",
    "csrf_token",
    "csrf_valid",
    "login_csrf_valid",
    "new_login_csrf",
    "new_session",
    "session_nonce",
    "session_valid",
    "token_matches",
]
