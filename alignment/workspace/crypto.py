"""The workspace's keys and boxes (libsodium through PyNaCl).

- A key pair per workspace (Curve25519). Its public key is stored as it is: anyone who may add to a round seals
  the files to it (SealedBox), and nobody without the private key can open them again, the contributor included.
- The private key is stored twice, each time encrypted (SecretBox, XSalsa20-Poly1305): with a key derived from the
  passphrase by Argon2id, and with a random recovery key shown once at creation. Without either the data is gone.
- What the owner writes (the action plan, meeting notes, the publication history) is encrypted with a key derived
  from the private key, so only the owner can write or read it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from nacl import pwhash
from nacl.exceptions import CryptoError
from nacl.hash import blake2b
from nacl.public import PrivateKey, PublicKey, SealedBox
from nacl.secret import SecretBox
from nacl.utils import random as random_bytes

from ..errors import InputError

# libsodium's limits for interactive use: 64 MiB and about 0.1 s a try on one core; stored with each workspace
OPS_LIMIT = pwhash.argon2id.OPSLIMIT_INTERACTIVE
MEM_LIMIT = pwhash.argon2id.MEMLIMIT_INTERACTIVE
MIN_PASSPHRASE = 10  # characters
_OWNER_PERSON = b"alignment-owner"  # blake2b personalisation: the owner's data key, never the private key itself
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed by hand


class WrongKey(InputError):
    """A passphrase or recovery key that does not open the workspace."""


@dataclass(frozen=True)
class WrappedKey:
    """What the database stores of the keys: the public key and the private key twice encrypted."""

    public_key: bytes
    salt: bytes
    ops: int
    mem: int
    by_passphrase: bytes
    by_recovery: bytes


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise InputError(
            f"The passphrase is {len(passphrase)} characters long; it must have at least {MIN_PASSPHRASE}.",
            "Choose a longer one, e.g. four unrelated words.",
        )


def _passphrase_key(passphrase: str, salt: bytes, ops: int, mem: int) -> bytes:
    return pwhash.argon2id.kdf(SecretBox.KEY_SIZE, passphrase.encode(), salt, opslimit=ops, memlimit=mem)


def format_recovery_key(raw: bytes) -> str:
    text = base64.b32encode(raw).decode().rstrip("=")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def parse_recovery_key(text: str) -> bytes:
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    try:
        raw = base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))
    except ValueError:
        raw = b""
    if len(raw) != SecretBox.KEY_SIZE:
        raise WrongKey(
            "That is not a recovery key.", "A recovery key is 13 groups of 4 letters and digits, as shown at creation."
        )
    return raw


def new_keys(passphrase: str) -> tuple[WrappedKey, PrivateKey, str]:
    """A fresh key pair, its private key wrapped by the passphrase and by a new recovery key (returned as text)."""
    check_passphrase(passphrase)
    private = PrivateKey.generate()
    salt = random_bytes(pwhash.argon2id.SALTBYTES)
    recovery = random_bytes(SecretBox.KEY_SIZE)
    secret = bytes(private)
    wrapped = WrappedKey(
        bytes(private.public_key),
        salt,
        OPS_LIMIT,
        MEM_LIMIT,
        bytes(SecretBox(_passphrase_key(passphrase, salt, OPS_LIMIT, MEM_LIMIT)).encrypt(secret)),
        bytes(SecretBox(recovery).encrypt(secret)),
    )
    return wrapped, private, format_recovery_key(recovery)


def _unwrapped(box: SecretBox, blob: bytes, public_key: bytes) -> PrivateKey:
    private = PrivateKey(box.decrypt(blob))
    if bytes(private.public_key) != public_key:
        raise CryptoError("the key does not belong to this workspace")
    return private


def unlock_with_passphrase(wrapped: WrappedKey, passphrase: str) -> PrivateKey:
    try:
        return _unwrapped(
            SecretBox(_passphrase_key(passphrase, wrapped.salt, wrapped.ops, wrapped.mem)),
            wrapped.by_passphrase,
            wrapped.public_key,
        )
    except CryptoError:
        raise WrongKey(
            "Wrong passphrase: the workspace was not opened.", "Check the passphrase, or use the recovery key."
        ) from None


def unlock_with_recovery(wrapped: WrappedKey, recovery: str) -> PrivateKey:
    try:
        return _unwrapped(SecretBox(parse_recovery_key(recovery)), wrapped.by_recovery, wrapped.public_key)
    except CryptoError:
        raise WrongKey(
            "Wrong recovery key: the workspace was not opened.", "Check the key as it was shown at creation."
        ) from None


def rewrap(wrapped: WrappedKey, private: PrivateKey, passphrase: str) -> WrappedKey:
    """The same keys under a new passphrase (after opening with the recovery key); the recovery key stays."""
    check_passphrase(passphrase)
    salt = random_bytes(pwhash.argon2id.SALTBYTES)
    box = SecretBox(_passphrase_key(passphrase, salt, OPS_LIMIT, MEM_LIMIT))
    return WrappedKey(wrapped.public_key, salt, OPS_LIMIT, MEM_LIMIT, bytes(box.encrypt(bytes(private))), wrapped.by_recovery)


def seal(public_key: bytes, data: bytes) -> bytes:
    """Encrypted to the workspace: only its private key opens it."""
    return bytes(SealedBox(PublicKey(public_key)).encrypt(data))


def unseal(private: PrivateKey, blob: bytes, what: str) -> bytes:
    try:
        return SealedBox(private).decrypt(blob)
    except CryptoError:
        raise InputError(f"{what} cannot be decrypted: it is damaged, or it was not written for this workspace.") from None


def owner_box(private: PrivateKey) -> SecretBox:
    """The owner's own box, for what only the owner writes and reads."""
    key = blake2b(bytes(private), digest_size=SecretBox.KEY_SIZE, person=_OWNER_PERSON, encoder=_Raw)
    return SecretBox(key)


def owner_open(box: SecretBox, blob: bytes, what: str) -> bytes:
    try:
        return box.decrypt(blob)
    except CryptoError:
        raise InputError(f"{what} cannot be decrypted: it is damaged, or it was not written for this workspace.") from None


class _Raw:
    @staticmethod
    def encode(data: bytes) -> bytes:
        return data


def new_code() -> str:
    """A contribution code: 16 characters (80 bits) in 4 groups, easy to read out."""
    text = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(16))
    return "-".join(text[i : i + 4] for i in range(0, 16, 4))


def code_hash(code: str) -> str:
    cleaned = "".join(ch for ch in code.upper() if ch.isalnum())
    return hashlib.sha256(b"alignment-code:" + cleaned.encode()).hexdigest()


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(a, b)
