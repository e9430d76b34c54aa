"""HTTPS through the guard: we connect to the checked address, yet the certificate is verified
for the name in the URL (SNI and host name check), against a CA this test makes."""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from factcheck.fetching import FetchFailed, FetchSettings, fetch

LOOPBACK = ipaddress.ip_address("127.0.0.1")


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])


def _certificates(tmp_path, host: str):
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder()
        .subject_name(_name("Test CA"))
        .issuer_name(_name("Test CA"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(hours=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    leaf = (
        x509.CertificateBuilder()
        .subject_name(_name(host))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(hours=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(host)]), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    pem = serialization.Encoding.PEM
    (tmp_path / "ca.pem").write_bytes(ca.public_bytes(pem))
    (tmp_path / "leaf.pem").write_bytes(leaf.public_bytes(pem))
    (tmp_path / "leaf.key").write_bytes(
        key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return tmp_path / "ca.pem", tmp_path / "leaf.pem", tmp_path / "leaf.key"


class _Page(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        body = f"<p>host {self.headers['Host']} sni {self.server.sni}</p>".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def tls_server(tmp_path):
    ca, cert, key = _certificates(tmp_path, "news.test")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    server.sni = None

    def remember(sock, name, ctx):
        server.sni = name

    context.sni_callback = remember
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], str(ca)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_https_connects_to_the_checked_address_and_verifies_the_name(tls_server):
    port, ca = tls_server
    settings = FetchSettings(policy=lambda a: a == LOOPBACK, ca_bundle=ca)
    page = fetch(f"https://news.test:{port}/", settings, resolve=lambda h, p: ["127.0.0.1"])
    assert page.text() == f"<p>host news.test:{port} sni news.test</p>"
    assert page.exchange.address == "127.0.0.1"


def test_a_certificate_for_another_name_is_refused(tls_server):
    port, ca = tls_server
    settings = FetchSettings(policy=lambda a: a == LOOPBACK, ca_bundle=ca)
    with pytest.raises(FetchFailed, match="certificate"):
        fetch(f"https://other.test:{port}/", settings, resolve=lambda h, p: ["127.0.0.1"])


def test_an_unknown_certificate_authority_is_refused(tls_server):
    port, _ = tls_server
    settings = FetchSettings(policy=lambda a: a == LOOPBACK)
    with pytest.raises(FetchFailed, match="certificate"):
        fetch(f"https://news.test:{port}/", settings, resolve=lambda h, p: ["127.0.0.1"])
