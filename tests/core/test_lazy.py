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


def test_results_are_kept_by_the_identity_of_the_argument() -> None:
    from tactful._lazy import cached_by_identity

    calls: list[str] = []

    @cached_by_identity(2)
    def shout(text: str) -> str:
        calls.append(text)
        return text.upper()

    first, equal_copy = "".join(["a", "b"]), "".join(["a", "b"])
    assert first is not equal_copy
    assert (shout(first), shout(first)) == ("AB", "AB")
    assert calls == ["ab"]  # the same object: computed once
    assert shout(equal_copy) == "AB"
    assert calls == ["ab", "ab"]  # an equal object is another key
    shout("c")  # a third entry clears the memory
    shout(first)
    assert calls == ["ab", "ab", "c", "ab"]
