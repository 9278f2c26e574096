"""CloudFormation's YAML, read with PyYAML (the ``yaml`` extra): imported only for a YAML document.

Short tags become the long form CloudFormation reads: ``!Ref X`` is ``{"Ref": X}``, ``!GetAtt
A.B`` is ``{"Fn::GetAtt": ["A", "B"]}`` (split at the first dot: attribute names may hold dots),
``!Sub s`` is ``{"Fn::Sub": s}``, and so on for every ``!Name``. Dates stay the text CloudFormation
reads. A key twice in one mapping and aliases, which CloudFormation does not read, are refused:
an alias would also let a small file expand without bound.
"""

from __future__ import annotations

from typing import Any

import yaml

YamlError = yaml.YAMLError


class _TemplateLoader(yaml.SafeLoader):
    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not read in templates", event.start_mark
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key {key!r} appears twice in one mapping", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


_TemplateLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _short_form(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> dict[str, Any]:
    value: Any
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        assert isinstance(node, yaml.MappingNode)
        value = loader.construct_mapping(node, deep=True)
    if suffix in ("Ref", "Condition"):
        return {suffix: value}
    if suffix == "GetAtt" and isinstance(value, str):
        resource, _, attribute = value.partition(".")
        value = [resource, attribute]
    return {f"Fn::{suffix}": value}


_TemplateLoader.add_multi_constructor("!", _short_form)


def load_yaml(text: str) -> Any:
    """A YAML template's content, its short tags in long form."""
    return yaml.load(text, Loader=_TemplateLoader)  # a SafeLoader: constructs plain data only
