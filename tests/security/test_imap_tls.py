"""High 3: over TLS, the mailbox password only goes to a server whose certificate is valid for the
host name asked. A fake IMAP server on 127.0.0.1 records whether a LOGIN ever reached it."""

from __future__ import annotations

import datetime
import ipaddress
import socket
import ssl
import threading
from pathlib import Path

import pytest

from tests.conftest import run_guichet
from worker.entry.mailbox import ImapConfig, ImapTlsError, connect


def make_pki(folder: Path, name: str) -> tuple[Path, Path]:
    """A private CA, and a server certificate it signed for `name` (a DNS name or an IP address).
    Returns (ca.pem, server.pem with its key)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = datetime.datetime.now(datetime.timezone.utc)

    def certificate(subject: str, key, issuer_name, issuer_key, *, ca: bool, san=None):
        builder = (x509.CertificateBuilder().subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)]))
                   .issuer_name(issuer_name).public_key(key.public_key()).serial_number(x509.random_serial_number())
                   .not_valid_before(now - datetime.timedelta(hours=1)).not_valid_after(now + datetime.timedelta(days=1))
                   .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
        if ca:
            builder = builder.add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False),
                                            critical=True)
            builder = builder.add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        else:
            builder = builder.add_extension(x509.SubjectAlternativeName([san]), critical=False)
            builder = builder.add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()), critical=False)
        return builder.sign(issuer_key, hashes.SHA256())

    ca_key, server_key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Autorite de test")])
    ca_cert = certificate("Autorite de test", ca_key, ca_name, ca_key, ca=True)
    try:
        san = x509.IPAddress(ipaddress.ip_address(name))
    except ValueError:
        san = x509.DNSName(name)
    server_cert = certificate(name, server_key, ca_name, ca_key, ca=False, san=san)
    pem = serialization.Encoding.PEM
    (folder / "ca.pem").write_bytes(ca_cert.public_bytes(pem))
    (folder / "server.pem").write_bytes(
        server_key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        + server_cert.public_bytes(pem) + ca_cert.public_bytes(pem))
    return folder / "ca.pem", folder / "server.pem"


class FakeImap:
    """IMAPS (or IMAP with STARTTLS) on a loopback port; answers OK to everything, keeps every line."""

    def __init__(self, server_pem: Path, starttls: bool = False) -> None:
        self.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.context.load_cert_chain(server_pem)
        self.starttls = starttls
        self.lines: list[bytes] = []
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    @property
    def logins(self) -> list[bytes]:
        return [line for line in self.lines if b" LOGIN " in line.upper() or b" AUTHENTICATE " in line.upper()]

    def _serve(self) -> None:
        self.listener.settimeout(30)
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            try:
                self._session(conn if self.starttls else self.context.wrap_socket(conn, server_side=True))
            except (OSError, ssl.SSLError):  # the client hung up on our certificate
                pass
            finally:
                conn.close()

    def _session(self, conn) -> None:
        conn.settimeout(10)
        conn.sendall(b"* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN" + (b" STARTTLS" if self.starttls else b"") + b"] prets\r\n")
        reader = conn.makefile("rb")
        while line := reader.readline():
            self.lines.append(line)
            tag, _, command = line.decode("ascii", "replace").strip().partition(" ")
            verb = command.split(" ")[0].upper()
            if verb == "CAPABILITY":
                conn.sendall(b"* CAPABILITY IMAP4rev1 AUTH=PLAIN STARTTLS\r\n" + f"{tag} OK fait\r\n".encode())
            elif verb == "STARTTLS":
                conn.sendall(f"{tag} OK go\r\n".encode())
                conn = self.context.wrap_socket(conn, server_side=True)
                reader = conn.makefile("rb")
            elif verb == "LOGOUT":
                conn.sendall(b"* BYE\r\n" + f"{tag} OK fait\r\n".encode())
                return
            else:
                conn.sendall(f"{tag} OK fait\r\n".encode())

    def close(self) -> None:
        self.listener.close()


@pytest.fixture
def pki(tmp_path: Path):
    """(ca.pem, a server certificate for another name, one for 127.0.0.1), all from the same private CA."""
    other = tmp_path / "autre"
    local = tmp_path / "local"
    other.mkdir(), local.mkdir()
    ca, other_pem = make_pki(other, "imap.autre.example")
    local_ca, local_pem = make_pki(local, "127.0.0.1")
    return ca, other_pem, local_ca, local_pem


def config(port: int, tls: str = "ssl", ca_file: str = "") -> ImapConfig:
    return ImapConfig(host="127.0.0.1", port=port, user="guichet", password="secret-de-la-boite", tls=tls,
                      ca_file=ca_file, timeout=10)


@pytest.mark.parametrize("tls", ["ssl", "starttls"])
def test_an_untrusted_certificate_gets_no_login(pki, tls):
    """The reported attack: a certificate nobody vouches for (here, of an unknown CA)."""
    _ca, other_pem, _local_ca, local_pem = pki
    server = FakeImap(local_pem, starttls=tls == "starttls")
    try:
        with pytest.raises(ImapTlsError, match="certificat du serveur IMAP 127.0.0.1 refusé"):
            connect(config(server.port, tls))
        assert server.logins == []
        assert not any(b"secret-de-la-boite" in line for line in server.lines)
    finally:
        server.close()


@pytest.mark.parametrize("tls", ["ssl", "starttls"])
def test_a_trusted_certificate_for_another_name_gets_no_login(pki, tls):
    """Even signed by the configured CA, a certificate for another host is refused."""
    ca, other_pem, _local_ca, _local_pem = pki
    server = FakeImap(other_pem, starttls=tls == "starttls")
    try:
        with pytest.raises(ImapTlsError, match="refusé"):
            connect(config(server.port, tls, ca_file=str(ca)))
        assert server.logins == []
    finally:
        server.close()


def test_the_private_ca_setting_lets_the_right_server_in(pki):
    _ca, _other, local_ca, local_pem = pki
    server = FakeImap(local_pem)
    try:
        box = connect(config(server.port, ca_file=str(local_ca)))
        box.logout()
        assert len(server.logins) == 1 and b"guichet" in server.logins[0]
    finally:
        server.close()


def test_fetch_mail_says_why_it_did_not_log_in(pki, tmp_path: Path):
    _ca, other_pem, _local_ca, _local_pem = pki
    server = FakeImap(other_pem)
    try:
        done = run_guichet("fetch-mail", data_dir=tmp_path / "var", timeout=120, env={
            "GUICHET_IMAP_HOST": "127.0.0.1", "GUICHET_IMAP_PORT": str(server.port), "GUICHET_IMAP_USER": "guichet",
            "GUICHET_IMAP_PASSWORD": "secret-de-la-boite", "GUICHET_IMAP_TLS": "ssl"})
        assert done.returncode == 1
        assert "certificat du serveur IMAP 127.0.0.1 refusé" in done.stderr and "GUICHET_IMAP_CA_FILE" in done.stderr
        assert server.logins == []
    finally:
        server.close()
