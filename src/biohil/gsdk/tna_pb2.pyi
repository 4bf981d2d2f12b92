from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class Key(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    UNSPECIFIED: _ClassVar[Key]
    KEY_1: _ClassVar[Key]
    KEY_2: _ClassVar[Key]
    KEY_3: _ClassVar[Key]
    KEY_4: _ClassVar[Key]
    KEY_5: _ClassVar[Key]
    KEY_6: _ClassVar[Key]
    KEY_7: _ClassVar[Key]
    KEY_8: _ClassVar[Key]
    KEY_9: _ClassVar[Key]
    KEY_10: _ClassVar[Key]
    KEY_11: _ClassVar[Key]
    KEY_12: _ClassVar[Key]
    KEY_13: _ClassVar[Key]
    KEY_14: _ClassVar[Key]
    KEY_15: _ClassVar[Key]
    KEY_16: _ClassVar[Key]
    MAX_TNA_KEYS: _ClassVar[Key]
    MAX_TNA_LABEL_LENGTH: _ClassVar[Key]
UNSPECIFIED: Key
KEY_1: Key
KEY_2: Key
KEY_3: Key
KEY_4: Key
KEY_5: Key
KEY_6: Key
KEY_7: Key
KEY_8: Key
KEY_9: Key
KEY_10: Key
KEY_11: Key
KEY_12: Key
KEY_13: Key
KEY_14: Key
KEY_15: Key
KEY_16: Key
MAX_TNA_KEYS: Key
MAX_TNA_LABEL_LENGTH: Key

class JobCode(_message.Message):
    __slots__ = ("code", "label")
    CODE_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    code: int
    label: str
    def __init__(self, code: _Optional[int] = ..., label: _Optional[str] = ...) -> None: ...
