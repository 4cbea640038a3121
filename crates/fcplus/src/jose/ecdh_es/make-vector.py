#!/usr/bin/env python3
# Writes python-vector.json (run: python3 make-vector.py > python-vector.json): a fresh key and
# an ECDH-ES + A256GCM compact JWE made with pyca/cryptography, independently of josekit and fcplus.
import base64, json, os
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.concatkdf import ConcatKDFHash
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
def coords(pub):
    n = pub.public_numbers()
    return b64(n.x.to_bytes(32, "big")), b64(n.y.to_bytes(32, "big"))

recipient = ec.generate_private_key(ec.SECP256R1())
x, y = coords(recipient.public_key())
d = b64(recipient.private_numbers().private_value.to_bytes(32, "big"))
key = {"kty": "EC", "crv": "P-256", "kid": "vector", "use": "enc", "x": x, "y": y, "d": d}

eph = ec.generate_private_key(ec.SECP256R1())
ex, ey = coords(eph.public_key())
apu, apv = b"Python", b"fcplus"
header = {"alg": "ECDH-ES", "enc": "A256GCM", "kid": "vector", "cty": "JWT",
          "epk": {"kty": "EC", "crv": "P-256", "x": ex, "y": ey}, "apu": b64(apu), "apv": b64(apv)}
protected = b64(json.dumps(header, separators=(",", ":")).encode())
z = eph.exchange(ec.ECDH(), recipient.public_key())
def lp(b): return len(b).to_bytes(4, "big") + b
otherinfo = lp(b"A256GCM") + lp(apu) + lp(apv) + (256).to_bytes(4, "big")
cek = ConcatKDFHash(algorithm=hashes.SHA256(), length=32, otherinfo=otherinfo).derive(z)
iv = os.urandom(12)
plaintext = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ2ZWN0b3IifQ.c2lnbmF0dXJl"
sealed = AESGCM(cek).encrypt(iv, plaintext.encode(), protected.encode())
token = ".".join([protected, "", b64(iv), b64(sealed[:-16]), b64(sealed[-16:])])
print(json.dumps({"made_by": "pyca/cryptography " + __import__("cryptography").__version__ + " (ECDH, ConcatKDFHash, AESGCM)",
                  "key": key, "token": token, "plaintext": plaintext}, indent=2))
