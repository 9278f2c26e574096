"""awsglue.transforms as a package: what ``import *`` gives, ``apply`` and ``__call__`` with the
real signatures, the describe family, and the collection transforms."""

from __future__ import annotations

import inspect
import json

import pytest
from support.frames import records

import pytest_gluejobs._awsglue.transforms as transforms
from pytest_gluejobs._awsglue._paths import MissingFieldWarning
from pytest_gluejobs._awsglue.dynamicframe import DynamicFrame, DynamicFrameCollection
from pytest_gluejobs._awsglue.transforms import (
    ApplyMapping,
    DropFields,
    ErrorsAsDynamicFrame,
    FlatMap,
    MapToCollection,
    SelectFields,
    SelectFromCollection,
)
from pytest_gluejobs._awsglue.transforms.transform import GlueTransform

ALL = [
    "ApplyMapping",
    "Coalesce",
    "DropFields",
    "DropNullFields",
    "ErrorsAsDynamicFrame",
    "Filter",
    "FlatMap",
    "Join",
    "Map",
    "MapToCollection",
    "Relationalize",
    "RenameField",
    "Repartition",
    "ResolveChoice",
    "SelectFields",
    "SelectFromCollection",
    "Spigot",
    "SplitFields",
    "SplitRows",
    "Unbox",
    "Union",
    "UnnestFrame",
]

# The parameters of each transform's __call__ in aws-glue-libs, in order.
SIGNATURES = {
    "ApplyMapping": "frame, mappings, case_sensitive, transformation_ctx, info, stageThreshold, totalThreshold",
    "Coalesce": "frame, num_partitions, shuffle, transformation_ctx, info, stageThreshold, totalThreshold",
    "DropFields": "frame, paths, transformation_ctx, info, stageThreshold, totalThreshold",
    "DropNullFields": "frame, transformation_ctx, info, stageThreshold, totalThreshold",
    "ErrorsAsDynamicFrame": "frame",
    "Filter": "frame, f, transformation_ctx, info, stageThreshold, totalThreshold",
    "FlatMap": "dfc, BaseTransform, frame_name, transformation_ctx, base_kwargs",
    "Join": "frame1, frame2, keys1, keys2, transformation_ctx",
    "Map": "frame, f, preservesPartitioning, transformation_ctx, info, stageThreshold, totalThreshold",
    "MapToCollection": "dfc, callable, transformation_ctx",
    "Relationalize": "frame, staging_path, name, options, transformation_ctx, info, stageThreshold, totalThreshold",
    "RenameField": "frame, old_name, new_name, transformation_ctx, info, stageThreshold, totalThreshold",
    "Repartition": "frame, num_partitions, transformation_ctx, info, stageThreshold, totalThreshold",
    "ResolveChoice": "frame, specs, choice, database, table_name, transformation_ctx, info, stageThreshold, totalThreshold, catalog_id",
    "SelectFields": "frame, paths, transformation_ctx, info, stageThreshold, totalThreshold",
    "SelectFromCollection": "dfc, key, transformation_ctx",
    "Spigot": "frame, path, options, transformation_ctx",
    "SplitFields": "frame, paths, name1, name2, transformation_ctx, info, stageThreshold, totalThreshold",
    "SplitRows": "frame, comparison_dict, name1, name2, transformation_ctx, info, stageThreshold, totalThreshold",
    "Unbox": "frame, path, format, transformation_ctx, info, stageThreshold, totalThreshold, options",
    "Union": "frame1, frame2, transformation_ctx, info, stageThreshold, totalThreshold",
    "UnnestFrame": "frame, transformation_ctx, info, stageThreshold, totalThreshold",
}


def test_import_star_gives_the_transforms_and_not_their_base():
    namespace: dict[str, object] = {}
    exec("from pytest_gluejobs._awsglue.transforms import *", namespace)
    assert sorted(name for name in namespace if name != "__builtins__") == ALL
    assert transforms.__all__ == ALL == sorted(t.__name__ for t in transforms.ALL_TRANSFORMS)


@pytest.mark.parametrize("name", ALL)
def test_each_transform_has_glue_s_signature_and_describes_itself(name):
    transform = getattr(transforms, name)
    assert issubclass(transform, GlueTransform)
    parameters = list(inspect.signature(transform.__call__).parameters)[1:]
    assert ", ".join(parameters) == SIGNATURES[name]
    described = json.loads(transforms.describe_transform(name.lower()))["transform"]
    assert described["name"] == name
    assert [arg["name"] for arg in described["args"]] == parameters
    assert described["location"] == "internal" and described["raises"] == []
    assert described["description"] and described["returns"]["type"] in (
        "DynamicFrame",
        "DynamicFrameCollection",
    )
    assert repr(transform()) == f"<Transform: {name}>"


def test_describe_args_reports_defaults_and_optional():
    args = {arg["name"]: arg for arg in ApplyMapping.describeArgs()}
    assert args["frame"] == {
        "name": "frame",
        "type": "DynamicFrame",
        "description": "The DynamicFrame to transform",
        "optional": False,
        "defaultValue": None,
    }
    assert (args["case_sensitive"]["optional"], args["case_sensitive"]["defaultValue"]) == (
        True,
        "False",
    )
    assert args["transformation_ctx"]["defaultValue"] == '""'
    assert args["stageThreshold"]["defaultValue"] == "0"


def test_lookup_helpers():
    assert {type(t).__name__ for t in transforms.get_transforms()} == set(ALL)
    assert isinstance(transforms.get_transform("DROPFIELDS"), DropFields)
    assert transforms.get_transform("nope") is None
    assert transforms.describe_transform("nope") == "{}"
    assert DropFields() == DropFields() and hash(DropFields()) == hash(DropFields())


def test_the_base_class_has_no_description_of_its_own():
    with pytest.raises(
        NotImplementedError, match="describeArgs method not implemented for Transform GlueTransform"
    ):
        GlueTransform.describeArgs()

    class Mine(GlueTransform):
        def __call__(self, frame):
            return frame

    with pytest.raises(NotImplementedError, match=r"describe.* not implemented for Transform Mine"):
        Mine.describe()
    assert Mine.apply(3) == 3


def test_apply_passes_arguments_by_position_and_by_name_and_refuses_misspelt_ones(people):
    by_position = SelectFields.apply(people, ["name"], "ctx")
    by_name = SelectFields.apply(frame=people, paths=["name"], transformation_ctx="ctx")
    assert (
        records(by_position)
        == records(by_name)
        == [{"name": n} for n in ["Sally", "Varun", "George", "Haruki", "Sheila"]]
    )
    with pytest.raises(TypeError, match="unexpected keyword argument 'path'"):
        SelectFields.apply(frame=people, path=["name"])
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'paths'"):
        SelectFields.apply(frame=people)


def test_errors_as_dynamic_frame(people):
    mapped = people.map(lambda rec: rec if rec["age"] > 60 else None)
    assert ErrorsAsDynamicFrame.apply(mapped).count() == 4
    with pytest.raises(TypeError, match="frame must be a DynamicFrame"):
        ErrorsAsDynamicFrame.apply(None)


def test_a_collection_is_a_dict_of_frames(people, glue_ctx):
    by_list = DynamicFrameCollection([people], glue_ctx)
    assert (
        list(by_list.keys()) == ["people"]
        and list(by_list.values()) == [people]
        and len(by_list) == 1
    )
    assert by_list["people"] is people
    with pytest.raises(KeyError):
        by_list["nobody"]
    with pytest.raises(TypeError, match=r"dynamic_frames must be list or dict\."):
        DynamicFrameCollection(people, glue_ctx)  # type: ignore[arg-type]
    missing = SelectFromCollection.apply(dfc=by_list, key="nobody", transformation_ctx="s")
    assert (missing.name, missing.count(), missing.toDF().columns) == ("nobody", 0, [])
    with pytest.raises(TypeError, match="dfc must be a DynamicFrameCollection, got DynamicFrame"):
        SelectFromCollection.apply(dfc=people, key="people")


def test_map_to_collection_and_flat_map(people, glue_ctx):
    dfc = people.split_fields(["name"], "names", "rest")
    seen: list[str] = []

    def count_fields(frame: DynamicFrame, ctx: str) -> DynamicFrame:
        seen.append(ctx)
        return frame.select_fields(frame.toDF().columns[:1])

    mapped = MapToCollection.apply(dfc=dfc, callable=count_fields, transformation_ctx="m")
    assert sorted(seen) == ["m:names", "m:rest"]
    assert {k: v.toDF().columns for k, v in zip(mapped.keys(), mapped.values())} == {
        "names": ["name"],
        "rest": ["age"],
    }
    with pytest.raises(TypeError, match="callable must return a DynamicFrame"):
        dfc.map(lambda frame, ctx: frame.toDF())
    with pytest.warns(MissingFieldWarning, match="no field 'age'") as warned:
        flat = FlatMap.apply(dfc=dfc, BaseTransform=DropFields, frame_name="frame", paths=["age"])
    assert warned[0].filename == __file__
    assert sorted(flat.keys()) == ["names", "rest"]
    assert "age" not in flat["rest"].toDF().columns
    split_again = dfc.flatmap(
        lambda frame, ctx: frame.split_fields(
            [frame.toDF().columns[0]], frame.name + "_a", frame.name + "_b"
        )
    )
    assert sorted(split_again.keys()) == ["names_a", "names_b", "rest_a", "rest_b"]
    with pytest.raises(TypeError, match="must return DynamicFrame or DynamicFrameCollection"):
        dfc.flatmap(lambda frame, ctx: None)
    with pytest.raises(TypeError, match="BaseTransform must be a GlueTransform class"):
        FlatMap.apply(dfc=dfc, BaseTransform=len, frame_name="frame")
