from biohil.gsdk import device_pb2 as _device_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Status(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DISCONNECTED: _ClassVar[Status]
    TCP_CONNECTED: _ClassVar[Status]
    TLS_CONNECTED: _ClassVar[Status]
    TCP_CANNOT_CONNECT: _ClassVar[Status]
    TCP_NOT_ALLOWED: _ClassVar[Status]
    TLS_CANNOT_CONNECT: _ClassVar[Status]
    TLS_NOT_ALLOWED: _ClassVar[Status]

class ConnectionMode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SERVER_TO_DEVICE: _ClassVar[ConnectionMode]
    DEVICE_TO_SERVER: _ClassVar[ConnectionMode]
    DEFAULT: _ClassVar[ConnectionMode]
DISCONNECTED: Status
TCP_CONNECTED: Status
TLS_CONNECTED: Status
TCP_CANNOT_CONNECT: Status
TCP_NOT_ALLOWED: Status
TLS_CANNOT_CONNECT: Status
TLS_NOT_ALLOWED: Status
SERVER_TO_DEVICE: ConnectionMode
DEVICE_TO_SERVER: ConnectionMode
DEFAULT: ConnectionMode

class ConnectInfo(_message.Message):
    __slots__ = ("IPAddr", "port", "useSSL")
    IPADDR_FIELD_NUMBER: _ClassVar[int]
    PORT_FIELD_NUMBER: _ClassVar[int]
    USESSL_FIELD_NUMBER: _ClassVar[int]
    IPAddr: str
    port: int
    useSSL: bool
    def __init__(self, IPAddr: _Optional[str] = ..., port: _Optional[int] = ..., useSSL: _Optional[bool] = ...) -> None: ...

class ConnectRequest(_message.Message):
    __slots__ = ("connectInfo",)
    CONNECTINFO_FIELD_NUMBER: _ClassVar[int]
    connectInfo: ConnectInfo
    def __init__(self, connectInfo: _Optional[_Union[ConnectInfo, _Mapping]] = ...) -> None: ...

class ConnectResponse(_message.Message):
    __slots__ = ("deviceID",)
    DEVICEID_FIELD_NUMBER: _ClassVar[int]
    deviceID: int
    def __init__(self, deviceID: _Optional[int] = ...) -> None: ...

class DeviceInfo(_message.Message):
    __slots__ = ("deviceID", "type", "connectionMode", "IPAddr", "port", "status", "autoReconnect", "useSSL")
    DEVICEID_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    CONNECTIONMODE_FIELD_NUMBER: _ClassVar[int]
    IPADDR_FIELD_NUMBER: _ClassVar[int]
    PORT_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    AUTORECONNECT_FIELD_NUMBER: _ClassVar[int]
    USESSL_FIELD_NUMBER: _ClassVar[int]
    deviceID: int
    type: _device_pb2.Type
    connectionMode: ConnectionMode
    IPAddr: str
    port: int
    status: Status
    autoReconnect: bool
    useSSL: bool
    def __init__(self, deviceID: _Optional[int] = ..., type: _Optional[_Union[_device_pb2.Type, str]] = ..., connectionMode: _Optional[_Union[ConnectionMode, str]] = ..., IPAddr: _Optional[str] = ..., port: _Optional[int] = ..., status: _Optional[_Union[Status, str]] = ..., autoReconnect: _Optional[bool] = ..., useSSL: _Optional[bool] = ...) -> None: ...

class GetDeviceListRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetDeviceListResponse(_message.Message):
    __slots__ = ("deviceInfos",)
    DEVICEINFOS_FIELD_NUMBER: _ClassVar[int]
    deviceInfos: _containers.RepeatedCompositeFieldContainer[DeviceInfo]
    def __init__(self, deviceInfos: _Optional[_Iterable[_Union[DeviceInfo, _Mapping]]] = ...) -> None: ...

class DisconnectRequest(_message.Message):
    __slots__ = ("deviceIDs",)
    DEVICEIDS_FIELD_NUMBER: _ClassVar[int]
    deviceIDs: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, deviceIDs: _Optional[_Iterable[int]] = ...) -> None: ...

class DisconnectResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class SubscribeStatusRequest(_message.Message):
    __slots__ = ("queueSize",)
    QUEUESIZE_FIELD_NUMBER: _ClassVar[int]
    queueSize: int
    def __init__(self, queueSize: _Optional[int] = ...) -> None: ...

class StatusChange(_message.Message):
    __slots__ = ("deviceID", "status", "timestamp")
    DEVICEID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    TIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    deviceID: int
    status: Status
    timestamp: int
    def __init__(self, deviceID: _Optional[int] = ..., status: _Optional[_Union[Status, str]] = ..., timestamp: _Optional[int] = ...) -> None: ...
