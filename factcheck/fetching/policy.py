"""Which IP addresses an outbound fetch may connect to.

A policy is a plain predicate on an address, so a test can allow exactly its own server and
nothing else; production uses `public_only`.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
AddressPolicy = Callable[[IPAddress], bool]

# Cloud metadata services that live on ordinary-looking addresses (the link-local ones,
# 169.254.169.254 and fd00:ec2::254, are refused as link-local and private already).
_METADATA = {
    ipaddress.ip_address("100.100.100.200"),  # Alibaba Cloud
}
# Carrier-grade NAT (shared address space): not global, not flagged private by every Python.
_SHARED = ipaddress.ip_network("100.64.0.0/10")


def _unwrapped(address: IPAddress) -> IPAddress:
    """The IPv4 address inside an IPv4-mapped or 6to4/NAT64-style IPv6 address, if any."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return address.ipv4_mapped
        if address.sixtofour is not None:
            return address.sixtofour
        if address in ipaddress.ip_network("64:ff9b::/96"):
            return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return address


def public_only(address: IPAddress) -> bool:
    """True only for a global unicast address outside every special-purpose range."""
    inner = _unwrapped(address)
    for candidate in {address, inner}:
        if (
            not candidate.is_global
            or candidate.is_private
            or candidate.is_loopback
            or candidate.is_link_local
            or candidate.is_multicast
            or candidate.is_reserved
            or candidate.is_unspecified
            or candidate in _METADATA
            or (isinstance(candidate, ipaddress.IPv4Address) and candidate in _SHARED)
        ):
            return False
    return True


def public_or_loopback(address: IPAddress) -> bool:
    """`public_only` plus loopback: for tests that fetch from a server on 127.0.0.1."""
    return _unwrapped(address).is_loopback or public_only(address)
