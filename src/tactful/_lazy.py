"""``cached_attribute``: a value computed on first read and kept on the instance."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar, overload

T = TypeVar("T")


class cached_attribute(Generic[T]):
    """Like ``functools.cached_property``, without the lock Python 3.11's takes.

    Python 3.11's ``cached_property`` takes a lock on every first read (3.12 dropped it):
    ~0.4 µs more, and a check reads some twenty of these per message. The value is stored
    in the instance's ``__dict__`` under the same name, so later reads never reach this
    descriptor. Meant for objects that belong to one check (a message, its context); two
    threads reading one first may both compute it, and either value is kept.
    """

    def __init__(self, compute: Callable[[Any], T]) -> None:
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> cached_attribute[T]: ...
    @overload
    def __get__(self, instance: object, owner: type | None = None) -> T: ...
    def __get__(self, instance: object | None, owner: type | None = None) -> Any:
        if instance is None:
            return self
        value = self.compute(instance)
        instance.__dict__[self.name] = value
        return value
