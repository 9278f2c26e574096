"""A CDK app's file assets: ``<Stack>.assets.json`` beside ``<Stack>.template.json`` in
``cdk.out``, read into the S3 locations the assets are published to and the local files they are.

A job whose ScriptLocation is an asset's location then runs the asset's file, as if ``run_scripts``
mapped it. The manifest writes its destinations with cdk-assets' placeholders (``${AWS::AccountId}``,
``${AWS::Region}``, ``${AWS::Partition}``), filled in with the fake's account and the load's region.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .._data.errors import SeedFileError

TEMPLATE_SUFFIX = ".template.json"
_MANIFEST_SUFFIX = ".assets.json"


@dataclass
class Assets:
    """S3 URIs of a stack's file assets and their local files; and the URIs that name a file
    outside ``cdk.out`` (refused: a manifest may only point inside its cloud assembly)."""

    manifest: Path | None = None
    files: dict[str, Path] = field(default_factory=dict)
    refused: dict[str, str] = field(default_factory=dict)


def read_assets(template: Path, placeholders: dict[str, str]) -> Assets:
    """The assets of the CDK stack whose template is ``template``; none when it has no manifest."""
    if not template.name.endswith(TEMPLATE_SUFFIX):
        return Assets()
    manifest = template.with_name(template.name[: -len(TEMPLATE_SUFFIX)] + _MANIFEST_SUFFIX)
    if not manifest.is_file():
        return Assets()
    try:
        content = json.loads(manifest.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise SeedFileError(f"CDK assets manifest {manifest}: not valid JSON: {error}") from None
    files = content.get("files") if isinstance(content, dict) else None
    if not isinstance(files, dict):
        raise SeedFileError(
            f"CDK assets manifest {manifest}: expected an object with 'files' (what `cdk synth` "
            "writes beside the template)"
        )
    assets = Assets(manifest)
    assembly = manifest.parent.resolve()
    for asset_id, asset in files.items():
        source = asset.get("source") if isinstance(asset, dict) else None
        if not isinstance(source, dict) or source.get("packaging", "file") != "file":
            continue  # a folder zipped at publish time is no script
        relative = source.get("path")
        if not isinstance(relative, str):
            continue
        local = (assembly / relative).resolve()
        outside = not local.is_relative_to(assembly)
        for location in _locations(asset.get("destinations"), placeholders):
            if outside:
                assets.refused[location] = (
                    f"asset {asset_id} of {manifest.name} names {relative!r}, outside the cloud assembly "
                    f"{assembly}: refused"
                )
            else:
                assets.files[location] = local
    return assets


def _locations(destinations: Any, placeholders: dict[str, str]) -> list[str]:
    if not isinstance(destinations, dict):
        return []
    found = []
    for destination in destinations.values():
        if not isinstance(destination, dict):
            continue
        bucket, key = destination.get("bucketName"), destination.get("objectKey")
        if isinstance(bucket, str) and isinstance(key, str):
            found.append(f"s3://{_filled(bucket, placeholders)}/{_filled(key, placeholders)}")
    return found


def _filled(text: str, placeholders: dict[str, str]) -> str:
    for name, value in placeholders.items():
        text = text.replace("${" + name + "}", value)
    return text
