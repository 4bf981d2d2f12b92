"""biohil: hardware-in-the-loop acceptance suite for Suprema terminals behind a G-SDK gateway."""

import os

# gRPC core logs every failed TLS handshake at INFO level on stderr; the suite reports a wrong CA
# in one line of its own, so keep the core to real errors unless someone asks for more.
os.environ.setdefault("GRPC_VERBOSITY", "ERROR")
