from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class TemplateFormat(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TEMPLATE_FORMAT_SUPREMA: _ClassVar[TemplateFormat]
    TEMPLATE_FORMAT_ISO: _ClassVar[TemplateFormat]
    TEMPLATE_FORMAT_ANSI: _ClassVar[TemplateFormat]

class FingerFlag(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    BS2_FINGER_FLAG_NONE: _ClassVar[FingerFlag]
    BS2_FINGER_FLAG_DURESS: _ClassVar[FingerFlag]

class Enum(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    FIRST_ENUM_VALUE_MUST_BE_ZERO: _ClassVar[Enum]
    DEFAULT_SCAN_TIMEOUT: _ClassVar[Enum]
    MIN_SCAN_TIMEOUT: _ClassVar[Enum]
    MAX_SCAN_TIMEOUT: _ClassVar[Enum]
TEMPLATE_FORMAT_SUPREMA: TemplateFormat
TEMPLATE_FORMAT_ISO: TemplateFormat
TEMPLATE_FORMAT_ANSI: TemplateFormat
BS2_FINGER_FLAG_NONE: FingerFlag
BS2_FINGER_FLAG_DURESS: FingerFlag
FIRST_ENUM_VALUE_MUST_BE_ZERO: Enum
DEFAULT_SCAN_TIMEOUT: Enum
MIN_SCAN_TIMEOUT: Enum
MAX_SCAN_TIMEOUT: Enum

class FingerData(_message.Message):
    __slots__ = ("index", "flag", "templates")
    INDEX_FIELD_NUMBER: _ClassVar[int]
    FLAG_FIELD_NUMBER: _ClassVar[int]
    TEMPLATES_FIELD_NUMBER: _ClassVar[int]
    index: int
    flag: int
    templates: _containers.RepeatedScalarFieldContainer[bytes]
    def __init__(self, index: _Optional[int] = ..., flag: _Optional[int] = ..., templates: _Optional[_Iterable[bytes]] = ...) -> None: ...

class ScanRequest(_message.Message):
    __slots__ = ("deviceID", "templateFormat", "qualityThreshold")
    DEVICEID_FIELD_NUMBER: _ClassVar[int]
    TEMPLATEFORMAT_FIELD_NUMBER: _ClassVar[int]
    QUALITYTHRESHOLD_FIELD_NUMBER: _ClassVar[int]
    deviceID: int
    templateFormat: TemplateFormat
    qualityThreshold: int
    def __init__(self, deviceID: _Optional[int] = ..., templateFormat: _Optional[_Union[TemplateFormat, str]] = ..., qualityThreshold: _Optional[int] = ...) -> None: ...

class ScanResponse(_message.Message):
    __slots__ = ("templateData", "qualityScore")
    TEMPLATEDATA_FIELD_NUMBER: _ClassVar[int]
    QUALITYSCORE_FIELD_NUMBER: _ClassVar[int]
    templateData: bytes
    qualityScore: int
    def __init__(self, templateData: _Optional[bytes] = ..., qualityScore: _Optional[int] = ...) -> None: ...

class VerifyRequest(_message.Message):
    __slots__ = ("deviceID", "fingerData")
    DEVICEID_FIELD_NUMBER: _ClassVar[int]
    FINGERDATA_FIELD_NUMBER: _ClassVar[int]
    deviceID: int
    fingerData: FingerData
    def __init__(self, deviceID: _Optional[int] = ..., fingerData: _Optional[_Union[FingerData, _Mapping]] = ...) -> None: ...

class VerifyResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...
