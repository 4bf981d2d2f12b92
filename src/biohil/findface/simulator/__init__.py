"""A simulated FindFace Multi server: the REST API authentication, over a real HTTP(S) server.

Serves GET /config.json, POST /auth/login/, /auth/logout/, /auth/video-auth/,
/auth/video-auth-renew/, GET /users/me/, GET /sessions/ (the documented filters, cursor
pagination), GET and DELETE /sessions/{id}/, and the device blocklist
(/device-blacklist-records/), with error bodies {traceback, code, desc, param} and the
documented session permissions (administrator: every session; all_own_sessions: all of the
user's own; anyone else: the current one). What the research notes mark as inferred is an
option of `Options`, listed in its docstring.

The "face" in an uploaded video is chosen by the test: a video whose bytes are
`face_video(username)` shows that user's face; any other video shows nobody known.

The authentication type is fixed when the server starts (a real server is configured in its
files); `State.expire_now` and `State.audit` are for the suite's own tests and fixtures.

Modules: records (the API's objects), errors, options, sessions (the state and its rules),
request (a request and its reply as an endpoint sees them), the endpoints by resource (auth_api,
sessions_api, blocklist_api; listing: the lists' filters and pages), handler (HTTP: the route
table, body limits, error answers), server (the threaded server), cli (biohil-ffsim). The names
below are the package's interface.
"""

from biohil.findface.simulator.cli import main
from biohil.findface.simulator.errors import ApiError, bad_param, unauthorized
from biohil.findface.simulator.handler import ROUTES, Handler
from biohil.findface.simulator.options import Options
from biohil.findface.simulator.records import FACE_PREFIX, Audited, Block, Session, User, face_video
from biohil.findface.simulator.request import Reply, Request
from biohil.findface.simulator.server import FindFaceSimulator
from biohil.findface.simulator.sessions import State

__all__ = [
    "FACE_PREFIX",
    "ROUTES",
    "ApiError",
    "Audited",
    "Block",
    "FindFaceSimulator",
    "Handler",
    "Options",
    "Reply",
    "Request",
    "Session",
    "State",
    "User",
    "bad_param",
    "face_video",
    "main",
    "unauthorized",
]
