"""botocore's Glue model: compiled once into checks of every constraint it declares, and read for
the errors each operation models and for how botocore parses a response.

botocore itself only checks required members, types and minimums before sending; the service
rejects the rest (maximums, patterns, enums, map sizes). Compiling the model's own constraints keeps
the fake exact for every member, including the deep CodeGenConfigurationNodes shapes.
"""

from __future__ import annotations

import difflib
import functools
import gzip
import json
import math
import os
import re
import sys
import threading
from collections.abc import Callable, Iterable
from typing import Any

from botocore.loaders import create_loader
from botocore.model import ListShape, MapShape, ServiceModel, Shape, StringShape, StructureShape
from botocore.parsers import create_parser

from .._data.errors import invalid_input
from .._data.shapes import Params
from .._data.text import show

Problems = list[str]
Check = Callable[[Any, str, Problems], None]
#: Values a string shape accepts beyond its enum in the installed model, by shape name: the
#: enum values AWS documents that botocore's model does not list yet.
ExtraEnums = tuple[tuple[str, tuple[str, ...]], ...]
# Whether a value passes every constraint: the quick answer for the (common) valid string, so the
# path naming it in a message is only built for a value that has a problem.
IsValid = Callable[[Any], bool]
#: The job a request is about, to name it in the message: asked only when the request is refused.
NameOf = Callable[[Params], "str | None"]

# The service is Java: an 'integer' member is 32 bits, a 'long' 64; JSON numbers beyond don't fit.
_INTEGER_BITS = {"integer": 32, "long": 64}
# What a timestamp member may be on the wire: epoch seconds, or a date-time string.
_TIMESTAMP_TYPES = (int, float, str)


@functools.cache
def service_model() -> ServiceModel:
    """The Glue model of the installed botocore (loaded once per process, ~0.2 s)."""
    loader = create_loader()
    return ServiceModel(loader.load_service_model("glue", "service-2"), "glue")


def modeled_errors(operation: str) -> tuple[str, ...]:
    """The error codes botocore's model lists for an operation."""
    return tuple(shape.name for shape in service_model().operation_model(operation).error_shapes)


@functools.cache
def input_members(operation: str) -> tuple[str, ...]:
    """The top-level members of an operation's request, as botocore's input shape has them."""
    shape = service_model().operation_model(operation).input_shape
    return tuple(shape.members) if isinstance(shape, StructureShape) else ()


_parser = create_parser("json")


def parse_output(operation: str, body: bytes) -> dict[str, Any]:
    """A success body as botocore's default parser hands it to the caller, minus ResponseMetadata."""
    shape = service_model().operation_model(operation).output_shape
    assert shape is not None, f"{operation} has no output shape"
    response = {"body": body, "headers": {}, "status_code": 200, "context": {}}
    parsed: dict[str, Any] = _parser.parse(response, shape)
    parsed.pop("ResponseMetadata", None)
    return parsed


def parse_items(operation: str, member: str, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Jobs, runs or triggers in wire form as a client returns them in ``member`` of ``operation``'s
    answer: botocore's own parser makes the datetimes, and the items are the caller's own copies."""
    parsed: list[dict[str, Any]] = parse_output(operation, json.dumps({member: items}).encode())[member]
    return parsed


# Escapes and character classes are kept; a bare '.' becomes Java's: it stops at every line
# terminator, where Python's stops only at '\n'.
_BARE_DOT = re.compile(r"\\.|\[(?:\\.|[^\]])*\]|(\.)")
_JAVA_DOT = r"[^\n\r\u0085\u2028\u2029]"


def _java_pattern(pattern: str) -> re.Pattern[str]:
    # The model's patterns are Java regexes over UTF-16: a surrogate-pair range means every
    # supplementary code point, and \w is ASCII-only. Whole values must match.
    python = pattern.replace(r"\uD800\uDC00-\uDBFF\uDFFF", r"\U00010000-\U0010FFFF")
    python = _BARE_DOT.sub(lambda match: _JAVA_DOT if match.group(1) else match.group(0), python)
    return re.compile(python, re.ASCII)


class _Compiler:
    """Each shape compiled twice: a check that lists every problem of a value, with the path of
    each, and a quick test of whether it has any. A valid value (the common case) only takes the
    quick test; the check runs, and builds its paths and messages, only for a value that fails it."""

    def __init__(self, extra_enums: ExtraEnums = ()) -> None:
        self._checks: dict[str, Check] = {}
        self._tests: dict[str, IsValid] = {}
        self._extra_enums = dict(extra_enums)

    def compile(self, shape: Shape) -> Check:
        # Shapes can be recursive: hand out an indirection first, fill it in afterwards.
        key = shape.name
        if key in self._checks:
            return self._checks[key]
        slot: list[Check] = []
        self._checks[key] = lambda value, path, problems: slot[0](value, path, problems)
        check = self._build(shape)
        slot.append(check)
        self._checks[key] = check
        return check

    def validity(self, shape: Shape) -> IsValid:
        """Whether a value passes every constraint of ``shape``: the check would list nothing."""
        key = shape.name
        if key in self._tests:
            return self._tests[key]
        slot: list[IsValid] = []
        self._tests[key] = lambda value: slot[0](value)
        test = self._build_validity(shape)
        slot.append(test)
        self._tests[key] = test
        return test

    def _build(self, shape: Shape) -> Check:
        kind = shape.type_name
        if isinstance(shape, StructureShape):
            return self._structure(shape)
        if isinstance(shape, ListShape):
            return self._list(shape)
        if isinstance(shape, MapShape):
            return self._map(shape)
        if kind == "string":
            return _string(shape, self._extra_enums.get(shape.name, ()))
        if kind in ("integer", "long"):
            return _number(shape, (int,), "an integer", _INTEGER_BITS[kind])
        if kind in ("double", "float"):
            return _number(shape, (int, float), "a number")
        if kind == "boolean":
            return _typed(bool, "a boolean")
        if kind == "timestamp":
            return _typed(_TIMESTAMP_TYPES, "a timestamp")
        return lambda value, path, problems: None

    def _build_validity(self, shape: Shape) -> IsValid:
        kind = shape.type_name
        if isinstance(shape, StructureShape):
            return self._structure_validity(shape)
        if isinstance(shape, ListShape):
            return self._list_validity(shape)
        if isinstance(shape, MapShape):
            return self._map_validity(shape)
        if kind == "string":
            return _string_validity(shape, self._extra_enums.get(shape.name, ()))
        if kind in ("integer", "long"):
            return _number_validity(shape, (int,), _INTEGER_BITS[kind])
        if kind in ("double", "float"):
            return _number_validity(shape, (int, float))
        if kind == "boolean":
            return lambda value: isinstance(value, bool)
        if kind == "timestamp":
            return lambda value: isinstance(value, _TIMESTAMP_TYPES)
        return lambda value: True

    def _structure(self, shape: StructureShape) -> Check:
        members = {
            name: (self.validity(member), self.compile(member)) for name, member in shape.members.items()
        }
        required = tuple(shape.required_members)
        allowed = ", ".join(members)

        def check(value: Any, path: str, problems: Problems) -> None:
            if not isinstance(value, dict):
                problems.append(f"Value {show(value)} at '{path or 'input'}' must be a structure")
                return
            prefix = f"{path}." if path else ""
            for name in required:
                if name not in value:
                    problems.append(f"Member '{prefix}{name}' is required but was not given")
            for name, member_value in value.items():
                member = members.get(name)
                if member is None:
                    problems.append(
                        f"Unknown member '{prefix}{name}'{did_you_mean(name, members)}: "
                        f"must be one of {allowed}"
                    )
                    continue
                valid, member_check = member
                if not valid(member_value):
                    member_check(member_value, prefix + name, problems)

        return check

    def _structure_validity(self, shape: StructureShape) -> IsValid:
        # The common members (strings, integers, maps of strings) are tested here, in the
        # structure's own loop, without a call each: see _Inline.
        members: dict[str, IsValid | _Inline] = {
            name: self._inline(member) or self.validity(member) for name, member in shape.members.items()
        }
        required = frozenset(shape.required_members)

        def valid(value: Any) -> bool:
            if not isinstance(value, dict) or not required <= value.keys():
                return False
            for name, item in value.items():
                test = members.get(name)
                if test is None:
                    return False
                if type(test) is _Length:
                    low, high = test
                    if not (isinstance(item, str) and low <= len(item) <= high):
                        return False
                elif type(test) is _Printable:
                    low, high, fullmatch = test
                    if not (
                        isinstance(item, str)
                        and low <= len(item) <= high
                        and ((item.isascii() and item.isprintable()) or fullmatch(item) is not None)
                    ):
                        return False
                elif type(test) is _Whole:
                    lowest, highest = test
                    if not (isinstance(item, int) and not isinstance(item, bool) and lowest <= item <= highest):
                        return False
                elif type(test) is _Strings:
                    if not test.fit(item):
                        return False
                elif type(test) is _Patterned:
                    low, high, verdicts = test
                    if not (
                        isinstance(item, str)
                        and low <= len(item) <= high
                        and (verdicts.get(item) or verdicts.judge(item))
                    ):
                        return False
                elif type(test) is _Enum:
                    values = test[0]
                    if not (isinstance(item, str) and item in values):
                        return False
                elif not test(item):  # type: ignore[operator]
                    return False
            return True

        return valid

    def _inline(self, shape: Shape) -> _Inline | None:
        """The bounds a structure tests a member of ``shape`` by in its own loop, or None for a
        shape it hands to the member's own test (structures, lists, other maps)."""
        if isinstance(shape, MapShape):
            key, value = _length_only(shape.key), _length_only(shape.value)
            if key is None or value is None:
                return None
            return _Strings((*_bounds(shape), *key, *value))
        if shape.type_name in _INTEGER_BITS:
            bits = _INTEGER_BITS[shape.type_name]
            low, high = shape.metadata.get("min"), shape.metadata.get("max")
            lowest, highest = -(2 ** (bits - 1)), 2 ** (bits - 1) - 1
            return _Whole((lowest if low is None else max(low, lowest), highest if high is None else min(high, highest)))
        if shape.type_name != "string":
            return None
        raw_pattern: str | None = shape.metadata.get("pattern")
        enum = _enum(shape, self._extra_enums.get(shape.name, ()))
        if enum is not None:
            # An enum with bounds or a pattern besides is left to its own test.
            return None if raw_pattern or _bounds(shape) != (0, math.inf) else _Enum((frozenset(enum),))
        low, high = _bounds(shape)
        if not raw_pattern:
            return _Length((low, high))
        fullmatch = _java_pattern(raw_pattern).fullmatch
        if _takes_printable_ascii(raw_pattern, fullmatch):
            return _Printable((low, high, fullmatch))
        return _Patterned((low, high, _Verdicts(fullmatch)))

    def _list(self, shape: ListShape) -> Check:
        member = self.compile(shape.member)
        member_valid = self.validity(shape.member)
        check_size = _size(shape, "items")

        def check(value: Any, path: str, problems: Problems) -> None:
            if not isinstance(value, list):
                problems.append(f"Value {show(value)} at '{path}' must be a list")
                return
            check_size(value, path, problems)
            for index, item in enumerate(value):
                if not member_valid(item):
                    member(item, f"{path}[{index}]", problems)

        return check

    def _list_validity(self, shape: ListShape) -> IsValid:
        member_valid = self.validity(shape.member)
        low, high = _bounds(shape)

        def valid(value: Any) -> bool:
            return isinstance(value, list) and low <= len(value) <= high and all(map(member_valid, value))

        return valid

    def _map(self, shape: MapShape) -> Check:
        key_check = self.compile(shape.key)
        value_check = self.compile(shape.value)
        key_valid, value_valid = self.validity(shape.key), self.validity(shape.value)
        check_size = _size(shape, "entries")

        def check(value: Any, path: str, problems: Problems) -> None:
            if not isinstance(value, dict):
                problems.append(f"Value {show(value)} at '{path}' must be a map")
                return
            check_size(value, path, problems)
            for key, item in value.items():
                if not key_valid(key):
                    key_check(key, f"{path} (key {show(key)})", problems)
                if not value_valid(item):
                    value_check(item, f"{path}.{key}", problems)

        return check

    def _map_validity(self, shape: MapShape) -> IsValid:
        strings = self._inline(shape)
        if isinstance(strings, _Strings):  # the common map (arguments, tags)
            return strings.fit
        key_valid, value_valid = self.validity(shape.key), self.validity(shape.value)
        low, high = _bounds(shape)

        def valid(value: Any) -> bool:
            return (
                isinstance(value, dict)
                and low <= len(value) <= high
                and all(map(key_valid, value))
                and all(map(value_valid, value.values()))
            )

        return valid


# What a structure tests a common member by, in its own loop (a call per member would cost more
# than most tests). Each is exactly what the member's own test (``validity``) would decide.
class _Length(tuple[int, float]):
    """(min, max) of a string constrained by its length alone."""


class _Printable(tuple[int, float, Callable[[str], object]]):
    """(min, max, the pattern's fullmatch) of a string whose pattern every string of printable
    ASCII characters meets: see ``_string_validity``."""


class _Patterned(tuple[int, float, "_Verdicts"]):
    """(min, max, the pattern's remembered verdicts) of a string with any other pattern."""


class _Enum(tuple[frozenset[str]]):
    """(the values,) of a string with an enum and no other constraint."""


class _Whole(tuple[int, int]):
    """(lowest, highest) of an integer: its Java type's range within the model's bounds."""


class _Strings(tuple[int, float, int, float, int, float]):
    """The bounds of a map of strings constrained by their lengths alone (arguments, tags): its
    size's, its keys' lengths', its values' lengths'."""

    def fit(self, value: Any) -> bool:
        """Whether ``value`` is such a map: tested without a call per key or value."""
        low, high, key_low, key_high, value_low, value_high = self
        if not isinstance(value, dict) or not low <= len(value) <= high:
            return False
        for key, text in value.items():
            if not (
                isinstance(key, str)
                and key_low <= len(key) <= key_high
                and isinstance(text, str)
                and value_low <= len(text) <= value_high
            ):
                return False
        return True


_Inline = _Length | _Printable | _Patterned | _Enum | _Whole | _Strings


def _length_only(shape: Shape) -> tuple[int, float] | None:
    """(min, max) of a string shape constrained by its length alone (no pattern, no enum)."""
    if shape.type_name != "string" or shape.metadata.get("pattern"):
        return None
    if isinstance(shape, StringShape) and shape.enum:
        return None
    return _bounds(shape)


def _bounds(shape: Shape) -> tuple[int, float]:
    """The model's min and max on a list's items or a map's entries (or a string's length)."""
    low = shape.metadata.get("min")
    high = shape.metadata.get("max")
    return (0 if low is None else low), (math.inf if high is None else high)


def _size(shape: Shape, unit: str) -> Check:
    """The model's min and max on how many items a list (or entries a map) holds."""
    low, high = shape.metadata.get("min"), shape.metadata.get("max")

    def check(value: Any, path: str, problems: Problems) -> None:
        if low is not None and len(value) < low:
            problems.append(f"Value at '{path}' failed to satisfy constraint: Member must have at least {low} {unit}, got {len(value)}")
        if high is not None and len(value) > high:
            problems.append(f"Value at '{path}' failed to satisfy constraint: Member must have at most {high} {unit}, got {len(value)}")

    return check


def did_you_mean(name: object, known: Iterable[str]) -> str:
    """`` (did you mean 'Description'?)`` for a near miss of a known name, else nothing."""
    if not isinstance(name, str):
        return ""
    by_folded = {candidate.lower(): candidate for candidate in known}
    close = difflib.get_close_matches(name.lower(), list(by_folded), n=1, cutoff=0.75)
    return f" (did you mean {by_folded[close[0]]!r}?)" if close else ""


def _typed(types: type | tuple[type, ...], what: str) -> Check:
    def check(value: Any, path: str, problems: Problems) -> None:
        if not isinstance(value, types):
            problems.append(f"Value {show(value)} at '{path}' must be {what}")

    return check


def _number(shape: Shape, types: tuple[type, ...], what: str, bits: int | None = None) -> Check:
    low, high = shape.metadata.get("min"), shape.metadata.get("max")
    span = (-(2 ** (bits - 1)), 2 ** (bits - 1) - 1) if bits else None

    def check(value: Any, path: str, problems: Problems) -> None:
        if not isinstance(value, types) or isinstance(value, bool):
            problems.append(f"Value {show_number(value)} at '{path}' must be {what}")
        elif span is not None and not span[0] <= value <= span[1]:
            problems.append(f"Value {show_number(value)} at '{path}' does not fit a {bits}-bit integer ({span[0]} to {span[1]})")
        elif span is None and not _finite_double(value):
            problems.append(f"Value {show_number(value)} at '{path}' must be a finite number within the range of a double")
        elif low is not None and value < low:
            problems.append(f"Value {value!r} at '{path}' failed to satisfy constraint: Member must have value greater than or equal to {low}")
        elif high is not None and value > high:
            problems.append(f"Value {value!r} at '{path}' failed to satisfy constraint: Member must have value less than or equal to {high}")

    return check


def _number_validity(shape: Shape, types: tuple[type, ...], bits: int | None = None) -> IsValid:
    """The quick test of ``_number``'s check: True exactly when it would list nothing."""
    low, high = shape.metadata.get("min"), shape.metadata.get("max")
    span = (-(2 ** (bits - 1)), 2 ** (bits - 1) - 1) if bits else None

    def valid(value: Any) -> bool:
        if not isinstance(value, types) or isinstance(value, bool):
            return False
        if span is not None:
            if not span[0] <= value <= span[1]:
                return False
        elif not _finite_double(value):
            return False
        return (low is None or value >= low) and (high is None or value <= high)

    return valid


def _finite_double(value: Any) -> bool:
    try:
        return math.isfinite(value)
    except OverflowError:  # an int beyond the largest double
        return False


def show_number(value: object) -> str:
    """A number as a message names it: an integer of hundreds of digits by its size alone."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
        sign = "-" if value < 0 else ""
        return f"{sign}<an integer of about {int(value.bit_length() * math.log10(2)) + 1} digits>"
    return show(value)


def _enum(shape: Shape, extra: tuple[str, ...]) -> tuple[str, ...] | None:
    if isinstance(shape, StringShape) and shape.enum:
        return (*shape.enum, *extra)
    return None


def _string_validity(shape: Shape, extra_enum: tuple[str, ...] = ()) -> IsValid:
    low = shape.metadata.get("min", 0)
    high = shape.metadata.get("max", sys.maxsize)
    raw_pattern: str | None = shape.metadata.get("pattern")
    fullmatch = _java_pattern(raw_pattern).fullmatch if raw_pattern else None
    values = _enum(shape, extra_enum)
    enum = frozenset(values) if values else None
    if raw_pattern and fullmatch is not None and _takes_printable_ascii(raw_pattern, fullmatch):
        # Most of the model's patterns (names, descriptions, ids) are one character class that
        # every printable ASCII character belongs to: a value of those characters alone (most
        # values) matches without running the regex.
        def valid_printable(value: Any) -> bool:
            return (
                isinstance(value, str)
                and low <= len(value) <= high
                and ((value.isascii() and value.isprintable()) or fullmatch(value) is not None)
                and (enum is None or value in enum)
            )

        return valid_printable

    if fullmatch is None:

        def valid(value: Any) -> bool:
            return isinstance(value, str) and low <= len(value) <= high and (enum is None or value in enum)

        return valid
    verdicts = _Verdicts(fullmatch)

    def valid_patterned(value: Any) -> bool:
        return (
            isinstance(value, str)
            and low <= len(value) <= high
            and (verdicts.get(value) or verdicts.judge(value))
            and (enum is None or value in enum)
        )

    return valid_patterned


class _Verdicts(dict[str, bool]):
    """A pattern's verdicts on the values it has judged, remembered: a suite sends the same few
    versions and paths again and again, and a dict lookup costs a tenth of the regex. Bounded:
    only short values, and no more once full (a regex's verdict never changes, so nothing is
    ever stale)."""

    __slots__ = ("_fullmatch",)
    MAX_VALUES = 256
    MAX_LENGTH = 64

    def __init__(self, fullmatch: Callable[[str], object]) -> None:
        super().__init__()
        self._fullmatch = fullmatch

    def judge(self, value: str) -> bool:
        """The pattern's verdict on a value not remembered as matching (asked after ``get``)."""
        verdict = self._fullmatch(value) is not None
        if len(value) <= self.MAX_LENGTH and len(self) < self.MAX_VALUES:
            self[value] = verdict
        return verdict


# A pattern that is one character class, repeated: ``[...]*`` (or Java's ``.*``).
_CLASS_REPEATED = re.compile(r"\[\^?\]?(?:\\.|[^\]\\])*\]\*|\.\*")
_PRINTABLE_ASCII = tuple(map(chr, range(0x20, 0x7F)))


def _takes_printable_ascii(raw_pattern: str, fullmatch: Callable[[str], object]) -> bool:
    """Whether every string of printable ASCII characters matches ``raw_pattern``: so when it is
    one character class, repeated, that takes each of those characters on its own."""
    return _CLASS_REPEATED.fullmatch(raw_pattern) is not None and all(
        fullmatch(character) is not None for character in _PRINTABLE_ASCII
    )


def _string(shape: Shape, extra_enum: tuple[str, ...] = ()) -> Check:
    low, high = shape.metadata.get("min"), shape.metadata.get("max")
    raw_pattern = shape.metadata.get("pattern")
    pattern = _java_pattern(raw_pattern) if raw_pattern else None
    enum = _enum(shape, extra_enum)
    valid = _string_validity(shape, extra_enum)

    def check(value: Any, path: str, problems: Problems) -> None:
        if valid(value):
            return
        if not isinstance(value, str):
            problems.append(f"Value {show(value)} at '{path}' must be a string")
            return
        if low is not None and len(value) < low:
            problems.append(f"Value {show(value)} at '{path}' failed to satisfy constraint: Member must have length greater than or equal to {low}")
        if high is not None and len(value) > high:
            problems.append(f"Value {show(value)} at '{path}' failed to satisfy constraint: Member must have length less than or equal to {high}")
        if pattern is not None and pattern.fullmatch(value) is None:
            problems.append(f"Value {show(value)} at '{path}' failed to satisfy constraint: Member must satisfy regular expression pattern: {raw_pattern}")
        if enum is not None and value not in enum:
            problems.append(f"Value {show(value)} at '{path}' failed to satisfy constraint: Member must satisfy enum value set: [{', '.join(enum)}]")

    return check


# A shape being compiled is reachable before it is complete (see compile): threads making their
# first calls at once must not see it half-built.
_compiling = threading.Lock()


@functools.cache
def _compiler(extra_enums: ExtraEnums) -> _Compiler:
    return _Compiler(extra_enums)


@functools.cache
def input_check(operation: str, extra_enums: ExtraEnums = ()) -> Check:
    """The compiled check of one operation's input shape (with ``extra_enums`` accepted too)."""
    shape = service_model().operation_model(operation).input_shape
    assert shape is not None
    with _compiling:
        return _compiler(extra_enums).compile(shape)


@functools.cache
def input_validity(operation: str, extra_enums: ExtraEnums = ()) -> IsValid:
    """The quick test of one operation's input: whether ``input_check`` would list nothing."""
    shape = service_model().operation_model(operation).input_shape
    assert shape is not None
    with _compiling:
        return _compiler(extra_enums).validity(shape)


def validity_of(shape: Shape) -> IsValid:
    """The quick test of any botocore shape, another service's too, compiled anew: whether a
    value meets every constraint the shape declares (nulls and unknown members refused)."""
    with _compiling:
        return _Compiler().validity(shape)


@functools.cache
def shape_check(shape_name: str, extra_enums: ExtraEnums = ()) -> Check:
    """The compiled check of one named shape, e.g. the ``Job`` output shape a seed file holds."""
    shape = service_model().shape_for(shape_name)
    with _compiling:
        return _compiler(extra_enums).compile(shape)


def check_input(
    operation: str,
    params: Params,
    name_of: NameOf | None = None,
    noun: str = "Job",
    extra_enums: ExtraEnums = (),
) -> None:
    """Raise InvalidInputException listing every constraint of the model ``params`` break; the
    message names the job (or the ``noun`` the request is about, e.g. a trigger).

    ``name_of(params)`` gives that name; it is asked only for a refused request.
    """
    if input_validity(operation, extra_enums)(params):
        return
    problems: Problems = []
    input_check(operation, extra_enums)(params, "", problems)
    _refuse(problems, name_of(params) if name_of is not None else None, noun)


def coerce_input(operation: str, params: Params) -> Params:
    """``params`` with the scalars templates write as text or as floats made what the model wants.

    CloudFormation and Terraform hand a deploy numbers as strings ("10"), whole numbers as floats
    (10.0) and booleans as strings ("true"); the deploy turns them into the member's type before
    calling Glue. Values that cannot be read so are left as they are, for the model's check to name.
    """
    shape = service_model().operation_model(operation).input_shape
    assert shape is not None
    coerced: Params = _coerce(shape, params)
    return coerced


def _coerce(shape: Shape, value: Any) -> Any:
    if isinstance(shape, StructureShape) and isinstance(value, dict):
        return {
            key: _coerce(shape.members[key], item) if key in shape.members else item
            for key, item in value.items()
        }
    if isinstance(shape, ListShape) and isinstance(value, list):
        return [_coerce(shape.member, item) for item in value]
    if isinstance(shape, MapShape) and isinstance(value, dict):
        return {key: _coerce(shape.value, item) for key, item in value.items()}
    kind = shape.type_name
    if kind in ("integer", "long"):
        if isinstance(value, str) and _WHOLE.fullmatch(value.strip()):
            return int(value)
        if isinstance(value, float) and math.isfinite(value) and value == int(value):
            return int(value)
    elif kind in ("double", "float") and isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            return value
        return number if math.isfinite(number) else value
    elif kind == "boolean" and isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return value


_WHOLE = re.compile(r"[+-]?\d{1,30}")


def check_as(members: dict[str, tuple[str, Any]], job_name: str | None) -> None:
    """Check members the model leaves unconstrained against a named shape's constraints.

    ``members`` maps a member's path to (shape name, value), e.g. ``{"JobName": ("NameString",
    name)}``; every violation is listed in one InvalidInputException, as ``check_input`` does.
    """
    problems: Problems = []
    for path, (shape_name, value) in members.items():
        shape_check(shape_name)(value, path, problems)
    _refuse(problems, job_name)


def _refuse(problems: Problems, job_name: str | None, subject: str = "Job") -> None:
    if problems:
        count = len(problems)
        noun = "error" if count == 1 else "errors"
        about = f"{subject} {show(job_name)}: " if job_name else ""
        raise invalid_input(f"{about}{count} validation {noun} detected: " + "; ".join(problems))


@functools.cache
def has_operation(operation: str) -> bool:
    """Whether the installed botocore's Glue model has ``operation`` (newer ones add some).

    Asked when the operation table is built, at import: reading the model file's operation names
    costs a few milliseconds, where loading the whole model (which the first call does anyway)
    would add a tenth of a second to every pytest start.
    """
    return operation in _modeled_operation_names()


@functools.cache
def _modeled_operation_names() -> frozenset[str]:
    loader = create_loader()
    version = loader.determine_latest_version("glue", "service-2")
    for root in loader.search_paths:
        for suffix in ("", ".gz"):
            path = os.path.join(root, "glue", version, f"service-2.json{suffix}")
            if os.path.isfile(path):
                with open(path, "rb") as file:
                    raw = file.read()
                text = gzip.decompress(raw) if suffix else raw
                return frozenset(name.decode() for name in _OPERATION_NAME.findall(text))
    # A loader that finds the model elsewhere: ask the model itself.
    return frozenset(service_model().operation_names)


# Only operations carry a "name" member in the model file (members use "locationName"); a test
# checks that this finds exactly the model's operations.
_OPERATION_NAME = re.compile(rb'"name"\s*:\s*"(\w+)"')
