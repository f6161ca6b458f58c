"""The client's address and scheme behind a reverse proxy, believed only from configured proxies."""

from __future__ import annotations

from collections.abc import Iterable
from ipaddress import IPv4Network, IPv6Network, ip_address


class TrustedProxies:
    """WSGI middleware: when the peer is a trusted proxy, X-Forwarded-For gives the client's address
    (the right-most entry that is not itself a trusted proxy) and X-Forwarded-Proto the scheme.
    From anyone else both headers are ignored: a client cannot choose its rate-limit bucket, nor
    pretend the connection was encrypted."""

    def __init__(self, app, networks: Iterable[IPv4Network | IPv6Network]) -> None:
        self.app = app
        self.networks = tuple(networks)

    def trusted(self, address: str) -> bool:
        try:
            parsed = ip_address(address.strip())
        except ValueError:
            return False
        return any(parsed in network for network in self.networks)

    def __call__(self, environ, start_response):
        peer = environ.get("REMOTE_ADDR", "")
        if self.networks and self.trusted(peer):
            hops = [h.strip() for h in environ.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
            while hops and self.trusted(hops[-1]):
                hops.pop()
            if hops:
                try:
                    environ["REMOTE_ADDR"] = str(ip_address(hops[-1]))
                except ValueError:  # garbage in the header: the proxy itself is the client
                    pass
            proto = environ.get("HTTP_X_FORWARDED_PROTO", "").split(",")[0].strip().lower()
            if proto in ("http", "https"):
                environ["wsgi.url_scheme"] = proto
        return self.app(environ, start_response)
