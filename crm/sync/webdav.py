"""A small CardDAV client (RFC 6352, RFC 6578 sync-collection, RFC 6764 discovery).

A handful of requests on niquests (the HTTP client caldav itself uses): PROPFIND,
REPORT addressbook-multiget and sync-collection, PUT, DELETE, MKCOL. Every write is
conditional, so a stale copy never overwrites a newer one: create with
`If-None-Match: *`, update and delete with `If-Match`.
"""

from __future__ import annotations

import contextlib
import hashlib
import ipaddress
import ssl
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit
from xml.etree.ElementTree import Element

import niquests
from defusedxml import ElementTree

from crm.errors import SyncAuthError, SyncCertificateError, SyncError

DAV = "{DAV:}"
CARD = "{urn:ietf:params:xml:ns:carddav}"
CAL = "{urn:ietf:params:xml:ns:caldav}"
TIMEOUT = 30
MULTIGET_CHUNK = 100
MAX_REDIRECTS = 5
VCARD = "text/vcard; charset=utf-8"


class PreconditionFailed(SyncError):
    """412: the resource changed (or appeared) on the server since we last saw it."""


class TokenRefused(SyncError):
    """The server no longer accepts the sync token; list the collection instead."""


@dataclass(frozen=True)
class Collection:
    href: str  # absolute URL
    name: str


@dataclass(frozen=True)
class Delta:
    """What changed on the server: resources with their ETags, and removed hrefs."""

    changed: dict[str, str]
    removed: frozenset[str]
    token: str
    complete: bool  # a full listing (everything not listed is gone), not a delta


def _xml(body: str) -> bytes:
    return ('<?xml version="1.0" encoding="utf-8"?>' + body).encode()


def certificate_fingerprint(url: str) -> str:
    """SHA-256 of the certificate the server at `url` presents, as colon-separated hex."""
    parts = urlsplit(url)
    pem = ssl.get_server_certificate((parts.hostname or "", parts.port or 443), timeout=TIMEOUT)
    digest = hashlib.sha256(ssl.PEM_cert_to_DER_cert(pem)).hexdigest().upper()
    return ":".join(digest[i : i + 2] for i in range(0, len(digest), 2))


class CardDavClient:
    """One server session. `trusted_certificate` pins a self-signed certificate the user
    accepted; otherwise certificates are checked as usual."""

    def __init__(
        self, url: str, username: str, password: str, *, trusted_certificate: str = ""
    ) -> None:
        self.url = url if "://" in url else f"https://{url}"
        self.session = niquests.Session()
        self.session.auth = (username, password) if username else None
        self.session.headers["User-Agent"] = "Rapport"
        self.requests = 0  # sent so far, for progress and the benchmark
        if trusted_certificate and self.url.startswith("https:"):
            seen = certificate_fingerprint(self.url)
            if seen != trusted_certificate:
                raise SyncCertificateError(
                    "The server's certificate changed since you trusted it. Check it before "
                    f"trusting it again (SHA-256 {seen}).",
                    seen,
                )
            self.session.verify = False

    def close(self) -> None:
        self.session.close()

    # -- transport -----------------------------------------------------------------

    def request(
        self, method: str, url: str, *, body: bytes | str | None = None, **headers: str
    ) -> niquests.Response:
        head = {k.replace("_", "-"): v for k, v in headers.items()}
        try:
            # Redirects are followed here, not by niquests: it would drop the body of a
            # PROPFIND on a 301 (RFC 6764's /.well-known/carddav answers with one).
            for _ in range(MAX_REDIRECTS):
                self.requests += 1
                response = self.session.request(
                    method, url, data=body, headers=head, timeout=TIMEOUT, allow_redirects=False
                )
                location = response.headers.get("Location")
                if response.status_code not in (301, 302, 307, 308) or not location:
                    break
                url = urljoin(url, str(location))
        except niquests.exceptions.SSLError as exc:
            fingerprint = ""
            with contextlib.suppress(OSError, ValueError):
                fingerprint = certificate_fingerprint(url)
            raise SyncCertificateError(
                f"The server's certificate is not trusted ({urlsplit(url).hostname}). If it "
                f"is your own server with a self-signed certificate, compare its SHA-256 "
                f"fingerprint {fingerprint or '(unknown)'} and trust it explicitly.",
                fingerprint,
            ) from exc
        except (niquests.exceptions.ConnectionError, niquests.exceptions.Timeout) as exc:
            raise SyncError(
                f"The server {urlsplit(url).netloc} cannot be reached. Check the address "
                "and your connection."
            ) from exc
        if response.status_code in (401, 403) and method != "REPORT":
            raise SyncAuthError("The server refused the user name or password.")
        return response

    def _multistatus(self, response: niquests.Response, what: str) -> Element:
        if response.status_code != 207:
            raise SyncError(f"The server could not {what} (HTTP {response.status_code}).")
        try:
            return ElementTree.fromstring(response.content or b"")
        except ElementTree.ParseError as exc:
            raise SyncError(f"The server's answer to {what} was not readable.") from exc

    def propfind(self, url: str, props: str, depth: str = "0") -> Element:
        body = _xml(
            f'<d:propfind xmlns:d="DAV:" xmlns:c="{CARD[1:-1]}"><d:prop>{props}'
            "</d:prop></d:propfind>"
        )
        response = self.request(
            "PROPFIND", url, body=body, Depth=depth, Content_Type="application/xml; charset=utf-8"
        )
        return self._multistatus(response, "list its folders")

    def absolute(self, href: str) -> str:
        return urljoin(self.url, href)

    # -- discovery -----------------------------------------------------------------

    def _href_prop(self, url: str, prop: str) -> str | None:
        root = self.propfind(url, prop)
        found = root.find(f".//{DAV}propstat/{DAV}prop/*/{DAV}href")
        return self.absolute(found.text.strip()) if found is not None and found.text else None

    def _is_addressbook(self, url: str) -> Collection | None:
        root = self.propfind(url, "<d:resourcetype/><d:displayname/>")
        for response in root.iter(f"{DAV}response"):
            if response.find(f".//{DAV}resourcetype/{CARD}addressbook") is not None:
                name = response.findtext(f".//{DAV}displayname") or ""
                return Collection(url, name.strip() or "Contacts")
        return None

    def _start_urls(self) -> list[str]:
        parts = urlsplit(self.url)
        urls = [self.url]
        if parts.path in ("", "/"):
            urls.insert(0, f"{parts.scheme}://{parts.netloc}/.well-known/carddav")
            urls.extend(self._srv_urls(parts.hostname or ""))
        return urls

    @staticmethod
    def _srv_urls(host: str) -> list[str]:
        """RFC 6764: the `_carddavs._tcp` SRV record of a bare domain, when DNS answers."""
        if not host or host == "localhost" or _is_address(host):
            return []  # an address or a local name has no SRV record to ask for
        try:
            import dns.resolver
        except ImportError:
            return []
        try:
            answers = dns.resolver.resolve(f"_carddavs._tcp.{host}", "SRV", lifetime=5)
        except Exception:  # no record (or no DNS): the other ways remain
            return []
        return [f"https://{str(a.target).rstrip('.')}:{a.port}/" for a in answers]

    def addressbooks(self) -> list[Collection]:
        """Address books reachable from the URL the user gave (a domain, a principal,
        an address-book home or one address book)."""
        errors: list[SyncError] = []
        starts = self._start_urls()
        for start in starts:
            try:
                if (book := self._is_addressbook(start)) is not None:
                    return [book]
                principal = self._href_prop(start, "<d:current-user-principal/>") or start
                home = self._href_prop(principal, "<c:addressbook-home-set/>") or principal
                if books := self._books_in(home):
                    return books
            except SyncAuthError:
                raise
            except SyncError as exc:
                errors.append(exc)
        if errors and len(errors) == len(starts):
            raise errors[-1]
        return []

    def _books_in(self, home: str) -> list[Collection]:
        root = self.propfind(home, "<d:resourcetype/><d:displayname/>", depth="1")
        books = []
        for response in root.iter(f"{DAV}response"):
            if response.find(f".//{DAV}resourcetype/{CARD}addressbook") is None:
                continue
            href = response.findtext(f"{DAV}href") or ""
            name = (response.findtext(f".//{DAV}displayname") or "").strip()
            books.append(Collection(self.absolute(href.strip()), name or "Contacts"))
        return books

    def home(self) -> str:
        principal = self._href_prop(self.url, "<d:current-user-principal/>") or self.url
        return self._href_prop(principal, "<c:addressbook-home-set/>") or principal

    def create_addressbook(self, name: str) -> Collection:
        slug = "".join(ch for ch in name.lower() if ch.isalnum()) or "contacts"
        url = urljoin(self.home().rstrip("/") + "/", quote(slug) + "/")
        body = _xml(
            f'<d:mkcol xmlns:d="DAV:" xmlns:c="{CARD[1:-1]}"><d:set><d:prop>'
            "<d:resourcetype><d:collection/><c:addressbook/></d:resourcetype>"
            f"<d:displayname>{_escape(name)}</d:displayname></d:prop></d:set></d:mkcol>"
        )
        response = self.request("MKCOL", url, body=body, Content_Type="application/xml")
        if response.status_code not in (200, 201):
            raise SyncError(
                f"The server could not create the address book ({response.status_code})."
            )
        return Collection(url, name)

    def supports_vcard4(self, book: str) -> bool:
        root = self.propfind(book, "<c:supported-address-data/>")
        return any(el.get("version") == "4.0" for el in root.iter(f"{CARD}address-data-type"))

    # -- reading -------------------------------------------------------------------

    def list_etags(self, book: str) -> Delta:
        """Every card in the address book with its ETag (the fallback to a delta)."""
        root = self.propfind(book, "<d:getetag/><d:sync-token/>", depth="1")
        changed: dict[str, str] = {}
        token = ""
        for response in root.iter(f"{DAV}response"):
            href = self.absolute((response.findtext(f"{DAV}href") or "").strip())
            if href.rstrip("/") == book.rstrip("/"):
                token = (response.findtext(f".//{DAV}sync-token") or "").strip()
                continue
            etag = response.findtext(f".//{DAV}getetag")
            if etag is not None:
                changed[href] = etag.strip()
        return Delta(changed, frozenset(), token, complete=True)

    def changes_since(self, book: str, token: str) -> Delta:
        """RFC 6578 sync-collection from `token`; raises TokenRefused when it is stale."""
        body = _xml(
            '<d:sync-collection xmlns:d="DAV:"><d:sync-token>'
            f"{_escape(token)}</d:sync-token><d:sync-level>1</d:sync-level>"
            "<d:prop><d:getetag/></d:prop></d:sync-collection>"
        )
        response = self.request(
            "REPORT", book, body=body, Depth="1", Content_Type="application/xml; charset=utf-8"
        )
        if response.status_code in (400, 403, 409, 412, 501):
            raise TokenRefused("The server refused the sync token.")
        root = self._multistatus(response, "list what changed")
        changed: dict[str, str] = {}
        removed: set[str] = set()
        for resp in root.iter(f"{DAV}response"):
            href = self.absolute((resp.findtext(f"{DAV}href") or "").strip())
            status = resp.findtext(f"{DAV}status") or ""
            etag = resp.findtext(f".//{DAV}getetag")
            if " 404" in status:
                removed.add(href)
            elif etag is not None:
                changed[href] = etag.strip()
        new_token = (root.findtext(f"{DAV}sync-token") or "").strip()
        return Delta(changed, frozenset(removed), new_token, complete=False)

    def fetch(
        self, book: str, hrefs: Iterable[str], kind: str = "addressbook"
    ) -> dict[str, tuple[str, str]]:
        """{href: (etag, text)} of `hrefs` by addressbook-multiget (vCards) or
        calendar-multiget (iCalendar objects), as `kind` says."""
        ns, data_tag = (CARD, "address-data") if kind == "addressbook" else (CAL, "calendar-data")
        wanted = list(hrefs)
        out: dict[str, tuple[str, str]] = {}
        for start in range(0, len(wanted), MULTIGET_CHUNK):
            chunk = wanted[start : start + MULTIGET_CHUNK]
            refs = "".join(f"<d:href>{_escape(urlsplit(h).path)}</d:href>" for h in chunk)
            body = _xml(
                f'<c:{kind}-multiget xmlns:d="DAV:" xmlns:c="{ns[1:-1]}">'
                f"<d:prop><d:getetag/><c:{data_tag}/></d:prop>{refs}</c:{kind}-multiget>"
            )
            response = self.request(
                "REPORT",
                book,
                body=body,
                Depth="1",
                Content_Type="application/xml; charset=utf-8",
            )
            root = self._multistatus(response, "send what changed")
            for resp in root.iter(f"{DAV}response"):
                href = self.absolute((resp.findtext(f"{DAV}href") or "").strip())
                data = resp.findtext(f".//{ns}{data_tag}")
                if data is not None:
                    out[href] = ((resp.findtext(f".//{DAV}getetag") or "").strip(), data)
        return out

    def get(self, href: str) -> tuple[str, str] | None:
        response = self.request("GET", href)
        if response.status_code == 404:
            return None
        if response.status_code != 200:
            raise SyncError(f"The server could not send a contact ({response.status_code}).")
        return response.headers.get("ETag", "") or "", response.text or ""

    # -- writing -------------------------------------------------------------------

    def put(
        self,
        href: str,
        text: str,
        etag: str | None,
        content_type: str = "text/vcard; charset=utf-8",
    ) -> str:
        """Create (`etag` None) or update a card; returns its new ETag.

        Some servers send no ETag after a PUT (they changed the card on the way in):
        then it is fetched again, so the next sync compares against what was stored.
        """
        condition = {"If_None_Match": "*"} if etag is None else {"If_Match": etag}
        response = self.request(
            "PUT",
            href,
            body=text.encode("utf-8"),
            Content_Type=content_type,
            **condition,
        )
        if response.status_code == 412:
            raise PreconditionFailed("The item changed on the server meanwhile.")
        if response.status_code not in (200, 201, 204):
            raise SyncError(f"The server refused an item (HTTP {response.status_code}).")
        new_etag = response.headers.get("ETag")
        if new_etag:
            return str(new_etag)
        fetched = self.get(href)
        return fetched[0] if fetched else ""

    def delete(self, href: str, etag: str) -> None:
        response = self.request("DELETE", href, If_Match=etag)
        if response.status_code == 412:
            raise PreconditionFailed("The contact changed on the server meanwhile.")
        if response.status_code not in (200, 204, 404):
            raise SyncError(f"The server could not delete a contact ({response.status_code}).")


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
