from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class FaceFlag(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    BS2_FACE_FLAG_NONE: _ClassVar[FaceFlag]
    BS2_FACE_FLAG_WARPED: _ClassVar[FaceFlag]
    BS2_FACE_FLAG_TEMPLATE_ONLY: _ClassVar[FaceFlag]
    BS2_FACE_FLAG_EX: _ClassVar[FaceFlag]

class FaceEnrollThreshold(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    BS2_FACE_ENROLL_THRESHOLD_0: _ClassVar[FaceEnrollThreshold]
    BS2_FACE_ENROLL_THRESHOLD_1: _ClassVar[FaceEnrollThreshold]
    BS2_FACE_ENROLL_THRESHOLD_2: _ClassVar[FaceEnrollThreshold]
    BS2_FACE_ENROLL_THRESHOLD_3: _ClassVar[FaceEnrollThreshold]
    BS2_FACE_ENROLL_THRESHOLD_4: _ClassVar[FaceEnrollThreshold]
    BS2_FACE_ENROLL_THRESHOLD_5: _ClassVar[FaceEnrollThreshold]
    BS2_FACE_ENROLL_THRESHOLD_6: _ClassVar[FaceEnrollThreshold]
    BS2_FACE_ENROLL_THRESHOLD_7: _ClassVar[FaceEnrollThreshold]
    BS2_FACE_ENROLL_THRESHOLD_8: _ClassVar[FaceEnrollThreshold]
    BS2_FACE_ENROLL_THRESHOLD_9: _ClassVar[FaceEnrollThreshold]
    BS2_FACE_ENROLL_THRESHOLD_DEFAULT: _ClassVar[FaceEnrollThreshold]

class Enum(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    FIRST_ENUM_VALUE_MUST_BE_ZERO: _ClassVar[Enum]
    DEFAULT_ENROLL_TIMEOUT: _ClassVar[Enum]
    DEFAULT_ENROLL_TIMEOUT_EX: _ClassVar[Enum]
    DEFAULT_MAX_ROTATION: _ClassVar[Enum]
    DEFAULT_MIN_DETECTION_DISTANCE: _ClassVar[Enum]
    DEFAULT_MAX_DETECTION_DISTANCE: _ClassVar[Enum]
    MIN_ENROLL_TIMEOUT: _ClassVar[Enum]
    MAX_ENROLL_TIMEOUT: _ClassVar[Enum]
    MIN_ENROLL_TIMEOUT_EX: _ClassVar[Enum]
    MAX_ENROLL_TIMEOUT_EX: _ClassVar[Enum]
    MIN_MAX_ROTATION: _ClassVar[Enum]
    MAX_MAX_ROTATION: _ClassVar[Enum]
    MIN_MIN_DETECTION_DISTANCE: _ClassVar[Enum]
    MAX_MIN_DETECTION_DISTANCE: _ClassVar[Enum]
    MIN_MAX_DETECTION_DISTANCE: _ClassVar[Enum]
    MAX_MAX_DETECTION_DISTANCE: _ClassVar[Enum]
BS2_FACE_FLAG_NONE: FaceFlag
BS2_FACE_FLAG_WARPED: FaceFlag
BS2_FACE_FLAG_TEMPLATE_ONLY: FaceFlag
BS2_FACE_FLAG_EX: FaceFlag
BS2_FACE_ENROLL_THRESHOLD_0: FaceEnrollThreshold
BS2_FACE_ENROLL_THRESHOLD_1: FaceEnrollThreshold
BS2_FACE_ENROLL_THRESHOLD_2: FaceEnrollThreshold
BS2_FACE_ENROLL_THRESHOLD_3: FaceEnrollThreshold
BS2_FACE_ENROLL_THRESHOLD_4: FaceEnrollThreshold
BS2_FACE_ENROLL_THRESHOLD_5: FaceEnrollThreshold
BS2_FACE_ENROLL_THRESHOLD_6: FaceEnrollThreshold
BS2_FACE_ENROLL_THRESHOLD_7: FaceEnrollThreshold
BS2_FACE_ENROLL_THRESHOLD_8: FaceEnrollThreshold
BS2_FACE_ENROLL_THRESHOLD_9: FaceEnrollThreshold
BS2_FACE_ENROLL_THRESHOLD_DEFAULT: FaceEnrollThreshold
FIRST_ENUM_VALUE_MUST_BE_ZERO: Enum
DEFAULT_ENROLL_TIMEOUT: Enum
DEFAULT_ENROLL_TIMEOUT_EX: Enum
DEFAULT_MAX_ROTATION: Enum
DEFAULT_MIN_DETECTION_DISTANCE: Enum
DEFAULT_MAX_DETECTION_DISTANCE: Enum
MIN_ENROLL_TIMEOUT: Enum
MAX_ENROLL_TIMEOUT: Enum
MIN_ENROLL_TIMEOUT_EX: Enum
MAX_ENROLL_TIMEOUT_EX: Enum
MIN_MAX_ROTATION: Enum
MAX_MAX_ROTATION: Enum
MIN_MIN_DETECTION_DISTANCE: Enum
MAX_MIN_DETECTION_DISTANCE: Enum
MIN_MAX_DETECTION_DISTANCE: Enum
MAX_MAX_DETECTION_DISTANCE: Enum

class FaceData(_message.Message):
    __slots__ = ("index", "flag", "templates", "imageData", "irTemplates", "irImageData")
    INDEX_FIELD_NUMBER: _ClassVar[int]
    FLAG_FIELD_NUMBER: _ClassVar[int]
    TEMPLATES_FIELD_NUMBER: _ClassVar[int]
    IMAGEDATA_FIELD_NUMBER: _ClassVar[int]
    IRTEMPLATES_FIELD_NUMBER: _ClassVar[int]
    IRIMAGEDATA_FIELD_NUMBER: _ClassVar[int]
    index: int
    flag: int
    templates: _containers.RepeatedScalarFieldContainer[bytes]
    imageData: bytes
    irTemplates: _containers.RepeatedScalarFieldContainer[bytes]
    irImageData: bytes
    def __init__(self, index: _Optional[int] = ..., flag: _Optional[int] = ..., templates: _Optional[_Iterable[bytes]] = ..., imageData: _Optional[bytes] = ..., irTemplates: _Optional[_Iterable[bytes]] = ..., irImageData: _Optional[bytes] = ...) -> None: ...

class ScanRequest(_message.Message):
    __slots__ = ("deviceID", "enrollThreshold")
    DEVICEID_FIELD_NUMBER: _ClassVar[int]
    ENROLLTHRESHOLD_FIELD_NUMBER: _ClassVar[int]
    deviceID: int
    enrollThreshold: FaceEnrollThreshold
    def __init__(self, deviceID: _Optional[int] = ..., enrollThreshold: _Optional[_Union[FaceEnrollThreshold, str]] = ...) -> None: ...

class ScanResponse(_message.Message):
    __slots__ = ("faceData",)
    FACEDATA_FIELD_NUMBER: _ClassVar[int]
    faceData: FaceData
    def __init__(self, faceData: _Optional[_Union[FaceData, _Mapping]] = ...) -> None: ...
