"""Account rules: password policy and the shape of invitation codes.

Sources: OWASP ASVS 4.0 V2.1 (at least 8, we ask 10; at most 128; no composition
rules) and NIST SP 800-63B 5.1.1.2. Invitation codes use Crockford's base32 so
that a code read aloud over the phone survives O/0 and I/L/1 mix-ups.
"""
from __future__ import annotations

PASSWORD_MIN = 10
PASSWORD_MAX = 128
INVITE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32, no I L O U
INVITE_LENGTH = 12
_READ_ALIKES = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


def password_problems(password: str, *, email: str | None = None) -> list[str]:
    """Why a password is refused; an empty list means it is acceptable."""
    problems = []
    if len(password) < PASSWORD_MIN:
        problems.append(f"Use at least {PASSWORD_MIN} characters.")
    if len(password) > PASSWORD_MAX:
        problems.append(f"Use at most {PASSWORD_MAX} characters.")
    if password and len(set(password)) < 4:
        problems.append("Use more than three different characters.")
    if email and password.strip().lower() == email.strip().lower():
        problems.append("The password must not be your e-mail address.")
    return problems


def format_invite_code(raw: str) -> str:
    """Group a raw code in fours for reading: ABCD-EFGH-JKMN."""
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def normalise_invite_code(typed: str) -> str | None:
    """The canonical code from what a person typed, or None if it cannot be one."""
    cleaned = "".join(ch for ch in typed.upper() if ch not in " -").translate(_READ_ALIKES)
    if len(cleaned) != INVITE_LENGTH or any(ch not in INVITE_ALPHABET for ch in cleaned):
        return None
    return cleaned


def normalise_email(email: str) -> str:
    return email.strip().lower()
