"""Values computed once: ``cached_attribute`` per instance, ``cached_by_identity`` per object."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
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


K = TypeVar("K")


def cached_by_identity(size: int) -> Callable[[Callable[[K], T]], Callable[[K], T]]:
    """Remember a one-argument function's last ``size`` results by the identity of the
    argument: for objects passed again and again (a message's text, a rule set's word
    list) whose hash would cost more than the lookup saves.

    Each entry keeps its argument alive, so its ``id`` cannot be another object's while it
    is cached; when full, the memory is cleared.
    """

    def decorate(compute: Callable[[K], T]) -> Callable[[K], T]:
        recent: dict[int, tuple[K, T]] = {}

        @wraps(compute)
        def cached(argument: K) -> T:
            entry = recent.get(id(argument))
            if entry is not None and entry[0] is argument:
                return entry[1]
            if len(recent) >= size:
                recent.clear()
            value = compute(argument)
            recent[id(argument)] = (argument, value)
            return value

        return cached

    return decorate
