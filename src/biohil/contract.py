"""Numbers the G-SDK contract fixes (../shared/reference), defined once for the client, the lab
file and the simulator."""

GATEWAY_PORT = 4000  # the device gateway's default rpc_server.port
DEVICE_PORT = 51211  # a terminal's default port for the gateway's connection
MAX_MESSAGE_BYTES = 72 * 1024 * 1024  # the gateway's rpc_server.max_recv_size (grpc's is 4 MiB)
ALWAYS_SCHEDULE = 1  # schedule ID 1 is the predefined "Always"; 0 is not a schedule
# Contract 5.10 (documented limits): credentials of each kind a user may have, AuthConfig operators.
MAX_CARDS_PER_USER, MAX_FINGERS_PER_USER, MAX_FACES_PER_USER = 8, 10, 5
MAX_OPERATORS = 10
