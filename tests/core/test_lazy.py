"""cached_attribute computes a value once per instance and keeps it on the instance."""

from __future__ import annotations

from tactful._lazy import cached_attribute


class Counted:
    def __init__(self) -> None:
        self.computed = 0

    @cached_attribute
    def value(self) -> int:
        """The answer."""
        self.computed += 1
        return 41 + self.computed


def test_the_value_is_computed_once_and_kept_on_the_instance() -> None:
    first, second = Counted(), Counted()
    assert (first.value, first.value, first.computed) == (42, 42, 1)
    assert first.__dict__["value"] == 42
    assert (second.value, second.computed) == (42, 1)  # each instance its own


def test_the_class_attribute_is_the_descriptor_with_its_docs() -> None:
    assert isinstance(Counted.value, cached_attribute)
    assert Counted.value.__doc__ == "The answer."
    assert Counted.value.name == "value"
