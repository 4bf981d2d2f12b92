"""The endpoints of the device blocklist, for administrators only: GET and POST
/device-blacklist-records/, GET and DELETE /device-blacklist-records/{id}/. Blocking a device
ends its sessions and refuses its logins while the block is in force."""

from __future__ import annotations

import datetime as dt

from biohil.findface.simulator import listing
from biohil.findface.simulator.errors import ApiError, bad_param
from biohil.findface.simulator.records import Block, Session, utc_now
from biohil.findface.simulator.request import Reply, Request

ORDERINGS = {"created": "created_date"}


def _admin(request: Request) -> Session:
    me = request.state.session_of(request.token())
    if not me.user.is_admin:
        raise ApiError(403, "PERMISSION_DENIED", "Permission denied")
    return me


def blocks(request: Request) -> Reply:
    with request.state.lock:
        _admin(request)
        records = [b.payload() for b in request.state.blocks.values()]
    chosen = [r for r in records if listing.matches(r, request.query)]
    return Reply(200, listing.page(request, chosen, ORDERINGS, "created"))


def block_device(request: Request) -> Reply:
    body = request.json()
    uuid, reason, expire = body.get("uuid"), body.get("reason"), body.get("expire_date")
    if not isinstance(uuid, str) or not 0 < len(uuid) <= 256:
        raise bad_param("uuid", "This field is required." if uuid is None else "Not a valid device uuid.")
    if not isinstance(reason, str) or not 0 < len(reason) <= 512:
        raise bad_param("reason", "This field is required.")
    try:
        expire_date = dt.datetime.fromisoformat(expire.replace("Z", "+00:00")) if expire else None
    except (AttributeError, ValueError):
        raise bad_param("expire_date", "Datetime has wrong format.") from None
    s = request.state
    with s.lock:
        me = _admin(request)
        block = Block(max(s.blocks, default=0) + 1, uuid, reason, expire_date, utc_now())
        s.blocks[block.id] = block
        for session in [x for x in s.sessions.values() if x.uuid == uuid]:
            s.end(session, "block_device", me)  # "blocking a device logs the user out"
        payload = block.payload()
    return Reply(201, payload)


def _record(request: Request, record_id: str) -> Block:
    _admin(request)
    block = request.state.blocks.get(int(record_id))
    if block is None:
        raise ApiError(404, "NOT_FOUND", "No DeviceBlacklistRecord matches the given query.")
    return block


def get_block(request: Request, record_id: str) -> Reply:
    with request.state.lock:
        payload = _record(request, record_id).payload()
    return Reply(200, payload)


def unblock_device(request: Request, record_id: str) -> Reply:
    with request.state.lock:
        request.state.blocks.pop(_record(request, record_id).id)
    return Reply(204)
