"""Local TLS and signing material for the emulator, generated on the spot (simple-salesforce speaks only https).

`write_sandbox_credentials(directory)` writes a trustme CA bundle, a server certificate and key for 127.0.0.1 /
localhost, and the connected app's RSA key pair for the JWT bearer grant; it returns their paths.
`sandbox_credentials(directory)` keeps what an earlier run wrote there, so a CA other tools were told to trust
stays the same across restarts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import trustme
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID


@dataclass(frozen=True)
class SandboxCredentials:
    ca_bundle: Path  # trust this to talk to the emulator
    server_cert: Path  # for uvicorn's ssl_certfile
    server_key: Path  # for uvicorn's ssl_keyfile
    jwt_private_key: Path  # the client's signing key (PEM, PKCS#8)
    jwt_certificate: Path  # the connected app's certificate (EmulatorConfig.jwt_certificate_path)


def _paths(directory: Path) -> SandboxCredentials:
    return SandboxCredentials(
        ca_bundle=directory / "sandbox-ca.pem",
        server_cert=directory / "salesforce-server.pem",
        server_key=directory / "salesforce-server.key",
        jwt_private_key=directory / "salesforce-jwt.key",
        jwt_certificate=directory / "salesforce-jwt.crt",
    )


def sandbox_credentials(directory: Path) -> SandboxCredentials:
    """The credentials in `directory` if a complete, unexpired set is there; otherwise a new set written there."""
    paths = _paths(directory)
    files = (paths.ca_bundle, paths.server_cert, paths.server_key, paths.jwt_private_key, paths.jwt_certificate)
    if all(f.is_file() for f in files):
        try:
            ca = x509.load_pem_x509_certificate(paths.ca_bundle.read_bytes())
            server = x509.load_pem_x509_certificate(paths.server_cert.read_bytes())
        except ValueError:
            return write_sandbox_credentials(directory)
        soon = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
        if min(ca.not_valid_after_utc, server.not_valid_after_utc) > soon and server.issuer == ca.subject:
            return paths
    return write_sandbox_credentials(directory)


def ca_fingerprint(credentials: SandboxCredentials) -> str:
    """SHA-256 of the CA certificate, as `openssl x509 -fingerprint -sha256` prints it."""
    certificate = x509.load_pem_x509_certificate(credentials.ca_bundle.read_bytes())
    return certificate.fingerprint(hashes.SHA256()).hex(":").upper()


def write_sandbox_credentials(directory: Path) -> SandboxCredentials:
    directory.mkdir(parents=True, exist_ok=True)
    ca = trustme.CA()
    server = ca.issue_cert("127.0.0.1", "localhost", "::1")
    paths = _paths(directory)
    ca.cert_pem.write_to_path(str(paths.ca_bundle))
    server.cert_chain_pems[0].write_to_path(str(paths.server_cert))
    for extra in server.cert_chain_pems[1:]:
        extra.write_to_path(str(paths.server_cert), append=True)
    server.private_key_pem.write_to_path(str(paths.server_key))
    _write_jwt_pair(paths.jwt_private_key, paths.jwt_certificate)
    return paths


def _write_jwt_pair(key_path: Path, cert_path: Path) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "portal-bff connected app")])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=3650))
        .sign(key, hashes.SHA256())
    )
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    key_path.chmod(0o600)
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
