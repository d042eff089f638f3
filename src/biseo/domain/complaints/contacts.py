"""민원인 연락처: kept apart from the complaint text, shown masked to everyone but the 담당자.

``complainant_key`` names a complainant across cases (법 §23 반복 민원) without storing anything
that can be read back: an HMAC of the normalised phone number or e-mail under an installation secret
(a bare hash of a phone number could be reversed by trying all 10⁸ numbers).
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass, replace

_DIGITS = re.compile(r"\D")


@dataclass(frozen=True, slots=True)
class Contact:
    name: str | None = None
    phone: str | None = None
    email: str | None = None
    address: str | None = None

    @property
    def empty(self) -> bool:
        return not any((self.name, self.phone, self.email, self.address))


def complainant_key(contact: Contact, secret: bytes) -> str | None:
    """The same person gives the same key: phone digits first, else the lower-cased e-mail."""
    digits = _DIGITS.sub("", contact.phone or "")
    if len(digits) >= 8:
        basis = "tel:" + digits
    elif contact.email and "@" in contact.email:
        basis = "mail:" + contact.email.strip().lower()
    else:
        return None
    return hmac.new(secret, basis.encode(), hashlib.sha256).hexdigest()[:32]


def mask_name(name: str) -> str:
    """홍길동 → 홍*동, 남궁민수 → 남**수, 김수 → 김*."""
    name = name.strip()
    if len(name) <= 1:
        return "*" if name else ""
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def mask_phone(phone: str) -> str:
    """010-1234-5678 → 010-****-5678 (the last four digits stay, as on 정부24 receipts)."""
    digits = _DIGITS.sub("", phone)
    if len(digits) < 7:
        return "*" * len(digits)
    return f"{digits[:3]}-****-{digits[-4:]}"


def mask_email(email: str) -> str:
    local, _, domain = email.strip().partition("@")
    return (local[:2] + "***@" + domain) if domain else "***"


def mask_address(address: str) -> str:
    """Keep 시·도 and 시·군·구 (enough to route), hide the rest."""
    words = address.split()
    kept = [w for w in words[:3] if w.endswith(("시", "도", "군", "구"))]
    return " ".join([*kept, "***"]) if words else ""


def masked(contact: Contact) -> Contact:
    return replace(
        contact,
        name=mask_name(contact.name) if contact.name else None,
        phone=mask_phone(contact.phone) if contact.phone else None,
        email=mask_email(contact.email) if contact.email else None,
        address=mask_address(contact.address) if contact.address else None,
    )
