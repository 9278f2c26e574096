"""``awsglue.gluetypes``: the types of a DynamicFrame's schema, and the records Map and Filter see.

These are Glue's own classes, not ``pyspark.sql.types``: ``DynamicFrame.schema()`` returns a
`StructType` of `Field` objects, a column holding values of several types is a `ChoiceType`, and
``typeName()`` gives the names Glue prints and accepts (``int``, ``long``, ``string``, ``choice``…).
AWS documents them on the page "PySpark extension types"
(https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-crawler-pyspark-extensions-types.html);
names, constructors and JSON form follow aws-glue-libs' ``awsglue/gluetypes.py``. No PySpark here.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

Properties = dict[str, Any]


class DataType:
    """A Glue type; equal to another of the same class with the same attributes."""

    def __init__(self, properties: Properties | None = None) -> None:
        self.properties: Properties = dict(properties or {})

    def __eq__(self, other: object) -> bool:
        return isinstance(other, self.__class__) and self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        return hash(self.__class__.__name__)

    @classmethod
    def typeName(cls) -> str:
        """The name Glue prints and accepts: the class name without ``Type``, lower-cased."""
        return cls.__name__[: -len("Type")].lower()

    def jsonValue(self) -> dict[str, Any]:
        """The JSON form Glue's schema strings use."""
        return {"dataType": self.typeName(), "properties": self.properties}

    def __repr__(self) -> str:
        return f"{self.__class__.__name__}({self.properties})"


class AtomicType(DataType):
    """A type without parts."""

    @classmethod
    def fromJsonValue(cls, json_value: Mapping[str, Any]) -> DataType:
        return cls(**{key: value for key, value in json_value.items() if key != "dataType"})


class BinaryType(AtomicType):
    pass


class BooleanType(AtomicType):
    pass


class ByteType(AtomicType):
    pass


class DateType(AtomicType):
    pass


class DecimalType(AtomicType):
    """A decimal; Glue's default is ``decimal(10,2)``, not Spark's ``decimal(10,0)``."""

    def __init__(
        self, precision: int = 10, scale: int = 2, properties: Properties | None = None
    ) -> None:
        super().__init__(properties)
        self.precision = precision
        self.scale = scale

    def jsonValue(self) -> dict[str, Any]:
        return {**super().jsonValue(), "precision": self.precision, "scale": self.scale}

    def __repr__(self) -> str:
        return f"DecimalType({self.precision}, {self.scale}, {self.properties})"


class DoubleType(AtomicType):
    pass


class EnumType(AtomicType):
    """A string limited to ``options``."""

    def __init__(self, options: Iterable[str], properties: Properties | None = None) -> None:
        super().__init__(properties)
        self.options = list(options)

    def jsonValue(self) -> dict[str, Any]:
        return {**super().jsonValue(), "options": list(self.options)}

    def __repr__(self) -> str:
        shown = ",".join(self.options[:3]) + (",..." if len(self.options) > 3 else "")
        return f"EnumType([{shown}], {self.properties})"


class FloatType(AtomicType):
    pass


class IntegerType(AtomicType):
    @classmethod
    def typeName(cls) -> str:
        return "int"


class LongType(AtomicType):
    pass


class NullType(AtomicType):
    """The type of a field that is null or missing in every record."""


class ShortType(AtomicType):
    pass


class StringType(AtomicType):
    pass


class TimestampType(AtomicType):
    pass


class TimestampNTZType(AtomicType):
    pass


class UnknownType(AtomicType):
    pass


class _ElementsType(DataType):
    """A collection whose elements have ``elementType``."""

    def __init__(
        self, elementType: DataType | None = None, properties: Properties | None = None
    ) -> None:
        element = UnknownType() if elementType is None else elementType
        if not isinstance(element, DataType):
            raise TypeError(
                f"elementType should be a gluetypes DataType, got {type(element).__name__}"
            )
        super().__init__(properties)
        self.elementType = element

    def jsonValue(self) -> dict[str, Any]:
        return {**super().jsonValue(), "elementType": self.elementType.jsonValue()}

    @classmethod
    def fromJsonValue(cls, json_value: Mapping[str, Any]) -> DataType:
        return cls(
            _deserialize_json_value(json_value["elementType"]), json_value.get("properties", {})
        )

    def __repr__(self) -> str:
        return f"{self.__class__.__name__}({self.elementType}, {self.properties})"


class ArrayType(_ElementsType):
    """A list whose elements have ``elementType``."""


class SetType(_ElementsType):
    """A set whose elements have ``elementType``."""


class ChoiceType(DataType):
    """Several types seen for one field, one per type name (``choice(long,string)``)."""

    def __init__(
        self, choices: Iterable[DataType] = (), properties: Properties | None = None
    ) -> None:
        super().__init__(properties)
        self.choices: dict[str, DataType] = {}
        for choice in choices:
            self.add(choice)

    def add(self, new_choice: DataType) -> None:
        """Add a type; a second type of the same name is a ``ValueError``, as in Glue."""
        if new_choice.typeName() in self.choices:
            raise ValueError("Attempting to insert duplicate choice", new_choice)
        self.choices[new_choice.typeName()] = new_choice

    def merge(self, new_choices: DataType | list[DataType]) -> None:
        """Merge types in, combining one of an existing name with it (`mergeDataTypes`)."""
        for choice in new_choices if isinstance(new_choices, list) else [new_choices]:
            existing = self.choices.get(choice.typeName(), UnknownType())
            self.choices[choice.typeName()] = mergeDataTypes(existing, choice)

    def jsonValue(self) -> dict[str, Any]:
        return {**super().jsonValue(), "choices": [c.jsonValue() for c in self.choices.values()]}

    @classmethod
    def fromJsonValue(cls, json_value: Mapping[str, Any]) -> DataType:
        choices = [_deserialize_json_value(choice) for choice in json_value["choices"]]
        return cls(choices, json_value.get("properties", {}))

    def __repr__(self) -> str:
        ordered = sorted(self.choices.values(), key=lambda choice: choice.typeName())
        return f"ChoiceType([{','.join(str(c) for c in ordered)}], {self.properties})"


class MapType(DataType):
    """A map from strings to ``valueType``."""

    def __init__(
        self, valueType: DataType | None = None, properties: Properties | None = None
    ) -> None:
        value = UnknownType() if valueType is None else valueType
        if not isinstance(value, DataType):
            raise TypeError(f"valueType should be a gluetypes DataType, got {type(value).__name__}")
        super().__init__(properties)
        self.valueType = value

    def jsonValue(self) -> dict[str, Any]:
        return {**super().jsonValue(), "valueType": self.valueType.jsonValue()}

    @classmethod
    def fromJsonValue(cls, json_value: Mapping[str, Any]) -> DataType:
        return cls(
            _deserialize_json_value(json_value["valueType"]), json_value.get("properties", {})
        )

    def __repr__(self) -> str:
        return f"MapType({self.valueType}, {self.properties})"


class Field:
    """A named field of a `StructType`."""

    def __init__(self, name: str, dataType: DataType, properties: Properties | None = None) -> None:
        if not isinstance(dataType, DataType):
            raise TypeError(
                f"dataType should be a gluetypes DataType, got {type(dataType).__name__}"
            )
        if not isinstance(name, str):
            raise TypeError(f"Field name must be a string, got {type(name).__name__}")
        self.name = name
        self.dataType = dataType
        self.properties: Properties = dict(properties or {})

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Field) and (self.name, self.dataType) == (
            other.name,
            other.dataType,
        )

    def __hash__(self) -> int:
        return hash(self.name)

    def jsonValue(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "container": self.dataType.jsonValue(),
            "properties": self.properties,
        }

    @classmethod
    def fromJsonValue(cls, json_value: Mapping[str, Any]) -> Field:
        return cls(
            json_value["name"],
            _deserialize_json_value(json_value["container"]),
            json_value.get("properties", {}),
        )

    def __repr__(self) -> str:
        return f"Field({self.name}, {self.dataType}, {self.properties})"


class StructType(DataType):
    """Named fields, in order: a record, or the schema of a whole DynamicFrame."""

    def __init__(self, fields: Iterable[Field] = (), properties: Properties | None = None) -> None:
        super().__init__(properties)
        self.fields: list[Field] = list(fields)
        for field in self.fields:
            if not isinstance(field, Field):
                raise TypeError(f"fields should be a list of Field, got {type(field).__name__}")
        self.field_map: dict[str, Field] = {field.name: field for field in self.fields}

    def __iter__(self) -> Iterator[Field]:
        return iter(self.fields)

    def add(self, field: Field) -> None:
        if not isinstance(field, Field):
            raise TypeError(f"field must be a Field, got {type(field).__name__}")
        self.fields.append(field)
        self.field_map[field.name] = field

    def hasField(self, field: Field | str) -> bool:
        return (field.name if isinstance(field, Field) else field) in self.field_map

    def getField(self, field: Field | str) -> Field:
        return self.field_map[field.name if isinstance(field, Field) else field]

    def jsonValue(self) -> dict[str, Any]:
        return {**super().jsonValue(), "fields": [field.jsonValue() for field in self.fields]}

    @classmethod
    def fromJsonValue(cls, json_value: Mapping[str, Any]) -> DataType:
        return cls(
            [Field.fromJsonValue(f) for f in json_value["fields"]], json_value.get("properties", {})
        )

    def __repr__(self) -> str:
        return f"StructType([{','.join(str(f) for f in self.fields)}], {self.properties})"


class EntityType(DataType):
    """Declared by Glue's library but not usable there either."""

    def __init__(
        self, entity: Any = None, base_type: Any = None, properties: Properties | None = None
    ) -> None:
        raise NotImplementedError("EntityType is not supported by AWS Glue's library.")


_ATOMIC_TYPES: tuple[type[AtomicType], ...] = (
    BinaryType,
    BooleanType,
    ByteType,
    DateType,
    DecimalType,
    DoubleType,
    EnumType,
    FloatType,
    IntegerType,
    LongType,
    NullType,
    ShortType,
    StringType,
    TimestampType,
    TimestampNTZType,
    UnknownType,
)
_COMPLEX_TYPES: tuple[type[DataType], ...] = (ArrayType, ChoiceType, MapType, StructType, SetType)
_ALL_TYPES: dict[str, type[DataType]] = {t.typeName(): t for t in (*_ATOMIC_TYPES, *_COMPLEX_TYPES)}


def _deserialize_json_value(json_value: Mapping[str, Any]) -> DataType:
    if not isinstance(json_value, Mapping):
        raise TypeError(f"a Glue type in JSON must be an object, got {type(json_value).__name__}")
    kind = _ALL_TYPES.get(json_value.get("dataType", ""))
    if kind is None:
        raise ValueError(
            f"unknown Glue type {json_value.get('dataType')!r}; known: {', '.join(_ALL_TYPES)}"
        )
    return kind.fromJsonValue(json_value)  # type: ignore[attr-defined, no-any-return]


def _deserialize_json_string(json_str: str) -> DataType:
    return _deserialize_json_value(json.loads(json_str))


def _serialize_schema(schema: DataType) -> str:
    return json.dumps(schema.jsonValue())


def _make_choice(s1: DataType, s2: DataType) -> ChoiceType:
    left = s1.choices if isinstance(s1, ChoiceType) else {s1.typeName(): s1}
    right = dict(s2.choices) if isinstance(s2, ChoiceType) else {s2.typeName(): s2}
    for name, kind in left.items():
        right[name] = mergeDataTypes(kind, right[name]) if name in right else kind
    return ChoiceType(right.values(), s1.properties)


def mergeDataTypes(s1: DataType, s2: DataType) -> DataType:
    """The type of a field seen as ``s1`` in some records and ``s2`` in others, as Glue merges them.

    Null and unknown give way to the other type; two different types make a `ChoiceType`; structs
    merge field by field (fields of either side kept), arrays and maps by their element types.
    """
    if isinstance(s1, (UnknownType, NullType)):
        return s2
    if isinstance(s2, (UnknownType, NullType)):
        return s1
    if isinstance(s1, ChoiceType) or isinstance(s2, ChoiceType) or type(s1) is not type(s2):
        return _make_choice(s1, s2)
    if isinstance(s1, StructType) and isinstance(s2, StructType):
        fields = [
            Field(
                f.name,
                mergeDataTypes(f.dataType, s2.getField(f).dataType)
                if s2.hasField(f)
                else f.dataType,
                f.properties,
            )
            for f in s1
        ]
        fields += [Field(f.name, f.dataType, f.properties) for f in s2 if not s1.hasField(f)]
        return StructType(fields, s1.properties)
    if isinstance(s1, _ElementsType) and isinstance(s2, _ElementsType):
        return type(s1)(mergeDataTypes(s1.elementType, s2.elementType))
    if isinstance(s1, MapType) and isinstance(s2, MapType):
        return MapType(mergeDataTypes(s1.valueType, s2.valueType))
    if isinstance(s1, EnumType) and isinstance(s2, EnumType):
        return EnumType(s1.options + s2.options)
    return s1


class DynamicRecord(dict):  # type: ignore[type-arg]
    """A record as Map and Filter functions see it: a dict whose keys also read as attributes.

    ``rec.name`` is ``rec["name"]``; a missing field raises ``KeyError``, not ``AttributeError``,
    as in Glue (Filter treats that as "leave the record out"). AWS: "DynamicRecord class" and the
    Map and Filter class pages.
    """

    def __getattr__(self, attr: str) -> Any:
        return self[attr]

    def __setattr__(self, attr: str, value: Any) -> None:
        self[attr] = value


def _create_dynamic_record(record: Mapping[str, Any]) -> DynamicRecord:
    """The record passed to a Map or Filter function: it and its direct dict values wrapped."""
    return DynamicRecord(
        {
            key: DynamicRecord(value) if type(value) is dict else value
            for key, value in record.items()
        }
    )


def _revert_to_dict(record: Any) -> Any:
    """What a Map function returned, as plain dicts and lists all the way down."""
    if isinstance(record, dict):
        return {key: _revert_to_dict(value) for key, value in record.items()}
    if isinstance(record, list):
        return [_revert_to_dict(value) for value in record]
    return record
