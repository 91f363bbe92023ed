"""Local TLS and signing material for the emulator, generated on the spot (simple-salesforce speaks only https).

`write_sandbox_credentials(directory)` writes a trustme CA bundle, a server certificate and key for 127.0.0.1 /
localhost, and the connected app's RSA key pair for the JWT bearer grant; it returns their paths.
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


def write_sandbox_credentials(directory: Path) -> SandboxCredentials:
    directory.mkdir(parents=True, exist_ok=True)
    ca = trustme.CA()
    server = ca.issue_cert("127.0.0.1", "localhost", "::1")
    paths = SandboxCredentials(
        ca_bundle=directory / "sandbox-ca.pem",
        server_cert=directory / "salesforce-server.pem",
        server_key=directory / "salesforce-server.key",
        jwt_private_key=directory / "salesforce-jwt.key",
        jwt_certificate=directory / "salesforce-jwt.crt",
    )
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
