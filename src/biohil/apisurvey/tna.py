"""Plausible calls of gsdk.tna (see biohil.apisurvey)."""

from __future__ import annotations

from collections.abc import Callable

from google.protobuf.message import Message

from biohil.apisurvey import Call, Invoke
from biohil.gsdk import auth_pb2, card_pb2, device_pb2, tna_pb2, user_pb2
from biohil.simcontrol import control_pb2

SURVEY_USER = "900961"
JOB_CODE = 7
CONFIG = tna_pb2.TNAConfig(
    mode=tna_pb2.BY_USER, isRequired=False, schedules=[1, 0], labels=["In", "Out", "Break"]
)
FIXED = tna_pb2.TNAConfig(mode=tna_pb2.FIXED, key=tna_pb2.KEY_3)
_granted_id: dict[int, int] = {}  # device ID -> the ID of the grant the log call reads from


def _read_back(expected: tna_pb2.TNAConfig) -> Callable[[Message, Invoke, int], str]:
    def check(answer: Message, invoke: Invoke, d: int) -> str:
        got = invoke("TNA.GetConfig", tna_pb2.GetConfigRequest(deviceID=d)).config  # type: ignore[attr-defined]
        return "" if got == expected else f"GetConfig reads back {got}, not the config set"

    return check


def _get_config(invoke: Invoke, d: int) -> Message:
    invoke("TNA.SetConfig", tna_pb2.SetConfigRequest(deviceID=d, config=CONFIG))
    return tna_pb2.GetConfigRequest(deviceID=d)


def _the_config(answer: Message, invoke: Invoke, d: int) -> str:
    got = answer.config  # type: ignore[attr-defined]
    return "" if got == CONFIG else f"GetConfig reads {got}, not the config set"


def _card_user_granted(invoke: Invoke, d: int, job_code: int = 0) -> int:
    """A user with a card and a job code, card-only on; the user presents the card (choosing
    the job code). The ID of the grant."""
    detail = invoke("Device.GetCapability", device_pb2.GetCapabilityRequest(deviceID=d))
    extended = detail.deviceCapability.extendedAuthSupported  # type: ignore[attr-defined]
    mode = auth_pb2.AUTH_EXT_MODE_CARD_ONLY if extended else auth_pb2.AUTH_MODE_CARD_ONLY
    config = auth_pb2.AuthConfig(
        authSchedules=[auth_pb2.AuthSchedule(mode=mode, scheduleID=1)], matchTimeout=5, authTimeout=10
    )
    invoke("Auth.SetConfig", auth_pb2.SetConfigRequest(deviceID=d, config=config))
    stranger = control_pb2.ActRequest(
        deviceID=d, input=control_pb2.CARD, credential=control_pb2.Credential(unknown=True)
    )
    card = invoke("Control.Act", stranger).token  # type: ignore[attr-defined]
    user = user_pb2.UserInfo(
        hdr=user_pb2.UserHdr(ID=SURVEY_USER),
        cards=[card_pb2.CSNCardData(type=card_pb2.CARD_TYPE_CSN, size=32, data=card)],
        jobCodes=[tna_pb2.JobCode(code=JOB_CODE, label="Cleaning")],
    )
    invoke("User.Enroll", user_pb2.EnrollRequest(deviceID=d, users=[user], overwrite=True))
    act = control_pb2.ActRequest(
        deviceID=d,
        input=control_pb2.CARD,
        credential=control_pb2.Credential(token=card),
        jobCode=job_code,
    )
    events = invoke("Control.Act", act).events  # type: ignore[attr-defined]
    return int(events[-1].ID)


def _set_config_multi(invoke: Invoke, d: int) -> Message:
    """The terminal's own config first (a terminal without T&A keys refuses naming its flag)."""
    invoke("TNA.GetConfig", tna_pb2.GetConfigRequest(deviceID=d))
    return tna_pb2.SetConfigMultiRequest(deviceIDs=[d], config=FIXED)


def _tna_log(invoke: Invoke, d: int) -> Message:
    invoke("TNA.SetConfig", tna_pb2.SetConfigRequest(deviceID=d, config=FIXED))
    _granted_id[d] = _card_user_granted(invoke, d)
    return tna_pb2.GetTNALogRequest(deviceID=d, startEventID=_granted_id[d])


def _the_fixed_key(answer: Message, invoke: Invoke, d: int) -> str:
    got = [(e.ID, e.userID, e.TNAKey) for e in answer.TNAEvents]  # type: ignore[attr-defined]
    expected = [(_granted_id[d], SURVEY_USER, tna_pb2.KEY_3)]
    return "" if got == expected else f"the T&A log of a grant under FIXED KEY_3 reads {got}"


def _job_code_log(invoke: Invoke, d: int) -> Message:
    _granted_id[d] = _card_user_granted(invoke, d, JOB_CODE)
    return tna_pb2.GetJobCodeLogRequest(deviceID=d, startEventID=_granted_id[d])


def _the_job_code(answer: Message, invoke: Invoke, d: int) -> str:
    got = [(e.ID, e.userID, e.jobCode) for e in answer.jobCodeEvents]  # type: ignore[attr-defined]
    expected = [(_granted_id[d], SURVEY_USER, JOB_CODE)]
    return "" if got == expected else f"the job code log of a grant choosing job code {JOB_CODE} reads {got}"


CALLS: dict[str, Call] = {
    "TNA.GetConfig": Call(_get_config, _the_config),
    "TNA.SetConfig": Call(
        lambda invoke, d: tna_pb2.SetConfigRequest(deviceID=d, config=CONFIG),
        _read_back(CONFIG),
    ),
    "TNA.SetConfigMulti": Call(
        _set_config_multi,
        _read_back(FIXED),
    ),
    "TNA.GetTNALog": Call(_tna_log, _the_fixed_key),
    "TNA.GetJobCodeLog": Call(_job_code_log, _the_job_code),
}
