from biohil.gsdk import event_pb2 as _event_pb2
from biohil.gsdk import tna_pb2 as _tna_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Input(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    INPUT_UNSPECIFIED: _ClassVar[Input]
    CARD: _ClassVar[Input]
    FINGER: _ClassVar[Input]
    FACE: _ClassVar[Input]
    PIN: _ClassVar[Input]
    USER_ID: _ClassVar[Input]
INPUT_UNSPECIFIED: Input
CARD: Input
FINGER: Input
FACE: Input
PIN: Input
USER_ID: Input

class Credential(_message.Message):
    __slots__ = ("enrolledFor", "unknown", "token", "index")
    ENROLLEDFOR_FIELD_NUMBER: _ClassVar[int]
    UNKNOWN_FIELD_NUMBER: _ClassVar[int]
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    INDEX_FIELD_NUMBER: _ClassVar[int]
    enrolledFor: str
    unknown: bool
    token: bytes
    index: int
    def __init__(self, enrolledFor: _Optional[str] = ..., unknown: _Optional[bool] = ..., token: _Optional[bytes] = ..., index: _Optional[int] = ...) -> None: ...

class ActRequest(_message.Message):
    __slots__ = ("deviceID", "input", "credential", "digits", "quality", "duress", "awaitScanMs", "tnaKey", "jobCode")
    DEVICEID_FIELD_NUMBER: _ClassVar[int]
    INPUT_FIELD_NUMBER: _ClassVar[int]
    CREDENTIAL_FIELD_NUMBER: _ClassVar[int]
    DIGITS_FIELD_NUMBER: _ClassVar[int]
    QUALITY_FIELD_NUMBER: _ClassVar[int]
    DURESS_FIELD_NUMBER: _ClassVar[int]
    AWAITSCANMS_FIELD_NUMBER: _ClassVar[int]
    TNAKEY_FIELD_NUMBER: _ClassVar[int]
    JOBCODE_FIELD_NUMBER: _ClassVar[int]
    deviceID: int
    input: Input
    credential: Credential
    digits: str
    quality: int
    duress: bool
    awaitScanMs: int
    tnaKey: _tna_pb2.Key
    jobCode: int
    def __init__(self, deviceID: _Optional[int] = ..., input: _Optional[_Union[Input, str]] = ..., credential: _Optional[_Union[Credential, _Mapping]] = ..., digits: _Optional[str] = ..., quality: _Optional[int] = ..., duress: _Optional[bool] = ..., awaitScanMs: _Optional[int] = ..., tnaKey: _Optional[_Union[_tna_pb2.Key, str]] = ..., jobCode: _Optional[int] = ...) -> None: ...

class ActResponse(_message.Message):
    __slots__ = ("token", "captured", "events")
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    CAPTURED_FIELD_NUMBER: _ClassVar[int]
    EVENTS_FIELD_NUMBER: _ClassVar[int]
    token: bytes
    captured: bool
    events: _containers.RepeatedCompositeFieldContainer[_event_pb2.EventLog]
    def __init__(self, token: _Optional[bytes] = ..., captured: _Optional[bool] = ..., events: _Optional[_Iterable[_Union[_event_pb2.EventLog, _Mapping]]] = ...) -> None: ...

class AwaitScanRequest(_message.Message):
    __slots__ = ("deviceID", "input", "timeoutMs")
    DEVICEID_FIELD_NUMBER: _ClassVar[int]
    INPUT_FIELD_NUMBER: _ClassVar[int]
    TIMEOUTMS_FIELD_NUMBER: _ClassVar[int]
    deviceID: int
    input: Input
    timeoutMs: int
    def __init__(self, deviceID: _Optional[int] = ..., input: _Optional[_Union[Input, str]] = ..., timeoutMs: _Optional[int] = ...) -> None: ...

class AwaitScanResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class SetLinkRequest(_message.Message):
    __slots__ = ("deviceID", "up")
    DEVICEID_FIELD_NUMBER: _ClassVar[int]
    UP_FIELD_NUMBER: _ClassVar[int]
    deviceID: int
    up: bool
    def __init__(self, deviceID: _Optional[int] = ..., up: _Optional[bool] = ...) -> None: ...

class SetLinkResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class InjectFaultRequest(_message.Message):
    __slots__ = ("method", "count", "code", "message", "probability", "seed")
    METHOD_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    PROBABILITY_FIELD_NUMBER: _ClassVar[int]
    SEED_FIELD_NUMBER: _ClassVar[int]
    method: str
    count: int
    code: int
    message: str
    probability: float
    seed: int
    def __init__(self, method: _Optional[str] = ..., count: _Optional[int] = ..., code: _Optional[int] = ..., message: _Optional[str] = ..., probability: _Optional[float] = ..., seed: _Optional[int] = ...) -> None: ...

class InjectFaultResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class SetLatencyRequest(_message.Message):
    __slots__ = ("method", "milliseconds")
    METHOD_FIELD_NUMBER: _ClassVar[int]
    MILLISECONDS_FIELD_NUMBER: _ClassVar[int]
    method: str
    milliseconds: int
    def __init__(self, method: _Optional[str] = ..., milliseconds: _Optional[int] = ...) -> None: ...

class SetLatencyResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ClearFaultsRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ClearFaultsResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class AdvanceClockRequest(_message.Message):
    __slots__ = ("milliseconds",)
    MILLISECONDS_FIELD_NUMBER: _ClassVar[int]
    milliseconds: int
    def __init__(self, milliseconds: _Optional[int] = ...) -> None: ...

class AdvanceClockResponse(_message.Message):
    __slots__ = ("timestamp",)
    TIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    timestamp: int
    def __init__(self, timestamp: _Optional[int] = ...) -> None: ...

class FillLogRequest(_message.Message):
    __slots__ = ("deviceID", "count", "eventCode", "subCode", "userIDs")
    DEVICEID_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    EVENTCODE_FIELD_NUMBER: _ClassVar[int]
    SUBCODE_FIELD_NUMBER: _ClassVar[int]
    USERIDS_FIELD_NUMBER: _ClassVar[int]
    deviceID: int
    count: int
    eventCode: int
    subCode: int
    userIDs: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, deviceID: _Optional[int] = ..., count: _Optional[int] = ..., eventCode: _Optional[int] = ..., subCode: _Optional[int] = ..., userIDs: _Optional[_Iterable[str]] = ...) -> None: ...

class FillLogResponse(_message.Message):
    __slots__ = ("firstID", "lastID")
    FIRSTID_FIELD_NUMBER: _ClassVar[int]
    LASTID_FIELD_NUMBER: _ClassVar[int]
    firstID: int
    lastID: int
    def __init__(self, firstID: _Optional[int] = ..., lastID: _Optional[int] = ...) -> None: ...

class GetStatsRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetStatsResponse(_message.Message):
    __slots__ = ("eventSubscribers", "statusSubscribers", "droppedEvents", "waitingScans", "gatewayRestarts")
    EVENTSUBSCRIBERS_FIELD_NUMBER: _ClassVar[int]
    STATUSSUBSCRIBERS_FIELD_NUMBER: _ClassVar[int]
    DROPPEDEVENTS_FIELD_NUMBER: _ClassVar[int]
    WAITINGSCANS_FIELD_NUMBER: _ClassVar[int]
    GATEWAYRESTARTS_FIELD_NUMBER: _ClassVar[int]
    eventSubscribers: int
    statusSubscribers: int
    droppedEvents: int
    waitingScans: int
    gatewayRestarts: int
    def __init__(self, eventSubscribers: _Optional[int] = ..., statusSubscribers: _Optional[int] = ..., droppedEvents: _Optional[int] = ..., waitingScans: _Optional[int] = ..., gatewayRestarts: _Optional[int] = ...) -> None: ...

class ListTerminalsRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class Terminal(_message.Message):
    __slots__ = ("deviceID", "name", "model", "IPAddr", "port")
    DEVICEID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    MODEL_FIELD_NUMBER: _ClassVar[int]
    IPADDR_FIELD_NUMBER: _ClassVar[int]
    PORT_FIELD_NUMBER: _ClassVar[int]
    deviceID: int
    name: str
    model: str
    IPAddr: str
    port: int
    def __init__(self, deviceID: _Optional[int] = ..., name: _Optional[str] = ..., model: _Optional[str] = ..., IPAddr: _Optional[str] = ..., port: _Optional[int] = ...) -> None: ...

class ListTerminalsResponse(_message.Message):
    __slots__ = ("terminals",)
    TERMINALS_FIELD_NUMBER: _ClassVar[int]
    terminals: _containers.RepeatedCompositeFieldContainer[Terminal]
    def __init__(self, terminals: _Optional[_Iterable[_Union[Terminal, _Mapping]]] = ...) -> None: ...

class RestartGatewayRequest(_message.Message):
    __slots__ = ("downSeconds",)
    DOWNSECONDS_FIELD_NUMBER: _ClassVar[int]
    downSeconds: float
    def __init__(self, downSeconds: _Optional[float] = ...) -> None: ...

class RestartGatewayResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...
