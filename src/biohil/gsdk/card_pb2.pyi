from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Type(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CARD_TYPE_UNKNOWN: _ClassVar[Type]
    CARD_TYPE_CSN: _ClassVar[Type]
    CARD_TYPE_SECURE: _ClassVar[Type]
    CARD_TYPE_ACCESS: _ClassVar[Type]
    CARD_TYPE_CSN_MOBILE: _ClassVar[Type]
    CARD_TYPE_WIEGAND_MOBILE: _ClassVar[Type]
    CARD_TYPE_QR: _ClassVar[Type]
    CARD_TYPE_SECURE_QR: _ClassVar[Type]
    CARD_TYPE_WIEGAND: _ClassVar[Type]
    CARD_TYPE_CONFIG_CARD: _ClassVar[Type]
    CARD_TYPE_CUSTOM_SMART: _ClassVar[Type]

class Enum(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    FIRST_ENUM_VALUE_MUST_BE_ZERO: _ClassVar[Enum]
    DEFAULT_SCAN_TIMEOUT: _ClassVar[Enum]
    DEFAULT_TEMPLATE_SIZE: _ClassVar[Enum]
    FACE_TEMPLATE_SIZE: _ClassVar[Enum]
    MAX_TEMPLATES: _ClassVar[Enum]
    FACILITY_CODE_SIZE: _ClassVar[Enum]
    MAX_FACILITY_CODE: _ClassVar[Enum]
    MAX_MIFARE_KEY_SIZE_CRYPTO1: _ClassVar[Enum]
    MAX_MIFARE_KEY_SIZE_AES128: _ClassVar[Enum]
CARD_TYPE_UNKNOWN: Type
CARD_TYPE_CSN: Type
CARD_TYPE_SECURE: Type
CARD_TYPE_ACCESS: Type
CARD_TYPE_CSN_MOBILE: Type
CARD_TYPE_WIEGAND_MOBILE: Type
CARD_TYPE_QR: Type
CARD_TYPE_SECURE_QR: Type
CARD_TYPE_WIEGAND: Type
CARD_TYPE_CONFIG_CARD: Type
CARD_TYPE_CUSTOM_SMART: Type
FIRST_ENUM_VALUE_MUST_BE_ZERO: Enum
DEFAULT_SCAN_TIMEOUT: Enum
DEFAULT_TEMPLATE_SIZE: Enum
FACE_TEMPLATE_SIZE: Enum
MAX_TEMPLATES: Enum
FACILITY_CODE_SIZE: Enum
MAX_FACILITY_CODE: Enum
MAX_MIFARE_KEY_SIZE_CRYPTO1: Enum
MAX_MIFARE_KEY_SIZE_AES128: Enum

class CSNCardData(_message.Message):
    __slots__ = ("type", "size", "data")
    TYPE_FIELD_NUMBER: _ClassVar[int]
    SIZE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    type: Type
    size: int
    data: bytes
    def __init__(self, type: _Optional[_Union[Type, str]] = ..., size: _Optional[int] = ..., data: _Optional[bytes] = ...) -> None: ...

class SmartCardHeader(_message.Message):
    __slots__ = ("headerCRC", "cardCRC", "type", "numOfTemplate", "numOfFaceTemplate", "templateSize", "issueCount", "duressMask", "cardAuthMode", "useAlphanumericID", "cardAuthModeEx")
    HEADERCRC_FIELD_NUMBER: _ClassVar[int]
    CARDCRC_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    NUMOFTEMPLATE_FIELD_NUMBER: _ClassVar[int]
    NUMOFFACETEMPLATE_FIELD_NUMBER: _ClassVar[int]
    TEMPLATESIZE_FIELD_NUMBER: _ClassVar[int]
    ISSUECOUNT_FIELD_NUMBER: _ClassVar[int]
    DURESSMASK_FIELD_NUMBER: _ClassVar[int]
    CARDAUTHMODE_FIELD_NUMBER: _ClassVar[int]
    USEALPHANUMERICID_FIELD_NUMBER: _ClassVar[int]
    CARDAUTHMODEEX_FIELD_NUMBER: _ClassVar[int]
    headerCRC: int
    cardCRC: int
    type: Type
    numOfTemplate: int
    numOfFaceTemplate: int
    templateSize: int
    issueCount: int
    duressMask: int
    cardAuthMode: int
    useAlphanumericID: bool
    cardAuthModeEx: int
    def __init__(self, headerCRC: _Optional[int] = ..., cardCRC: _Optional[int] = ..., type: _Optional[_Union[Type, str]] = ..., numOfTemplate: _Optional[int] = ..., numOfFaceTemplate: _Optional[int] = ..., templateSize: _Optional[int] = ..., issueCount: _Optional[int] = ..., duressMask: _Optional[int] = ..., cardAuthMode: _Optional[int] = ..., useAlphanumericID: _Optional[bool] = ..., cardAuthModeEx: _Optional[int] = ...) -> None: ...

class SmartCardCredential(_message.Message):
    __slots__ = ("PIN", "templates")
    PIN_FIELD_NUMBER: _ClassVar[int]
    TEMPLATES_FIELD_NUMBER: _ClassVar[int]
    PIN: bytes
    templates: _containers.RepeatedScalarFieldContainer[bytes]
    def __init__(self, PIN: _Optional[bytes] = ..., templates: _Optional[_Iterable[bytes]] = ...) -> None: ...

class AccessOnCardData(_message.Message):
    __slots__ = ("accessGroupIDs", "startTime", "endTime")
    ACCESSGROUPIDS_FIELD_NUMBER: _ClassVar[int]
    STARTTIME_FIELD_NUMBER: _ClassVar[int]
    ENDTIME_FIELD_NUMBER: _ClassVar[int]
    accessGroupIDs: _containers.RepeatedScalarFieldContainer[int]
    startTime: int
    endTime: int
    def __init__(self, accessGroupIDs: _Optional[_Iterable[int]] = ..., startTime: _Optional[int] = ..., endTime: _Optional[int] = ...) -> None: ...

class SmartCardData(_message.Message):
    __slots__ = ("header", "cardID", "credential", "accessOnData")
    HEADER_FIELD_NUMBER: _ClassVar[int]
    CARDID_FIELD_NUMBER: _ClassVar[int]
    CREDENTIAL_FIELD_NUMBER: _ClassVar[int]
    ACCESSONDATA_FIELD_NUMBER: _ClassVar[int]
    header: SmartCardHeader
    cardID: bytes
    credential: SmartCardCredential
    accessOnData: AccessOnCardData
    def __init__(self, header: _Optional[_Union[SmartCardHeader, _Mapping]] = ..., cardID: _Optional[bytes] = ..., credential: _Optional[_Union[SmartCardCredential, _Mapping]] = ..., accessOnData: _Optional[_Union[AccessOnCardData, _Mapping]] = ...) -> None: ...

class CardData(_message.Message):
    __slots__ = ("type", "CSNCardData", "smartCardData")
    TYPE_FIELD_NUMBER: _ClassVar[int]
    CSNCARDDATA_FIELD_NUMBER: _ClassVar[int]
    SMARTCARDDATA_FIELD_NUMBER: _ClassVar[int]
    type: Type
    CSNCardData: CSNCardData
    smartCardData: SmartCardData
    def __init__(self, type: _Optional[_Union[Type, str]] = ..., CSNCardData: _Optional[_Union[CSNCardData, _Mapping]] = ..., smartCardData: _Optional[_Union[SmartCardData, _Mapping]] = ...) -> None: ...

class ScanRequest(_message.Message):
    __slots__ = ("deviceID",)
    DEVICEID_FIELD_NUMBER: _ClassVar[int]
    deviceID: int
    def __init__(self, deviceID: _Optional[int] = ...) -> None: ...

class ScanResponse(_message.Message):
    __slots__ = ("cardData",)
    CARDDATA_FIELD_NUMBER: _ClassVar[int]
    cardData: CardData
    def __init__(self, cardData: _Optional[_Union[CardData, _Mapping]] = ...) -> None: ...
