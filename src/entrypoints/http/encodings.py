"""Content codings (RFC 9110 §8.4): which one a client takes, compressing a body, and what it does to an ETag.

Shared by the compression middleware (answers made per request, compressed fast) and the public catalog's fast
path (each catalog version compressed once, as hard as the codec goes). Brotli is Google's `brotli` binding.
"""

from __future__ import annotations

import functools
import gzip

import brotli

BROTLI = "br"
GZIP = "gzip"
PREFERENCE = (BROTLI, GZIP)  # brotli is ~15-20 % smaller on our JSON at similar cost; gzip is everywhere
MIN_SIZE = 1024  # below about 1 kB, compression saves less than the headers and CPU it costs
_SUFFIX = {BROTLI: "-br", GZIP: "-gzip"}


@functools.lru_cache(maxsize=256)  # clients send a handful of distinct values; parsing each costs more than a send
def preferred_encoding(accept_encoding: str | None) -> str | None:
    """The coding to answer with: the client's highest q-value among ours (ties: brotli first); None = identity.

    `q=0` refuses a coding; `*` stands for every coding not named."""
    if not accept_encoding:
        return None
    weights: dict[str, float] = {}
    for item in accept_encoding.split(","):
        name, _, params = item.strip().partition(";")
        weight = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        weights[name.strip().lower()] = weight
    wildcard = weights.get("*", 0.0)
    ranked = [(weights.get(coding, wildcard), -rank, coding) for rank, coding in enumerate(PREFERENCE)]
    weight, _, coding = max(ranked)
    return coding if weight > 0 else None


def compress(body: bytes, coding: str, *, once_per_version: bool = False) -> bytes:
    """`once_per_version`: the body is compressed once and sent many times (the catalog), so spend on ratio."""
    if coding == BROTLI:
        return brotli.compress(body, mode=brotli.MODE_TEXT, quality=11 if once_per_version else 4)
    if coding == GZIP:
        return gzip.compress(body, compresslevel=9 if once_per_version else 6, mtime=0)
    raise ValueError(coding)


def encoded_etag(etag: str, coding: str | None) -> str:
    """A strong ETag names one representation: the compressed one gets its own (`"abc"` → `"abc-br"`)."""
    if coding is None or not etag.endswith('"'):
        return etag
    return etag[:-1] + _SUFFIX[coding] + '"'


def identity_etag(etag: str) -> str:
    """The tag of the representation before any coding (and without W/, which a compressing proxy may add)."""
    tag = etag.strip().removeprefix("W/")
    for suffix in _SUFFIX.values():
        if tag.endswith(suffix + '"'):
            return tag[: -len(suffix) - 1] + '"'
    return tag
