"""Imports the official OpenMV Python SDK (openmv-python) from $OPENMV_SDK for the scripts here.

The SDK tests `int in IntEnum`, which raises TypeError before Python 3.12 (see the vectors README,
SDK problem 3); on older Pythons EnumType.__contains__ gets the 3.12 meaning (membership by
value) first. The SDK itself is not part of this repository.
"""
import enum
import os
import sys

if sys.version_info < (3, 12):
    def _contains_by_value(cls, value):
        if isinstance(value, cls):
            return True
        try:
            return value in cls._value2member_map_
        except TypeError:
            return False
    enum.EnumType.__contains__ = _contains_by_value

sys.path.insert(0, os.environ["OPENMV_SDK"])
from openmv import Camera  # noqa: E402,F401
