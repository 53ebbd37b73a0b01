"""Declarative rule packs: TOML files of rules and word lists that anyone can read and extend.

See ``docs/packs.md`` for the format. ``load_pack`` reads one file or folder;
``check_pack`` validates a pack and runs its examples.
"""

from tactful.packs._loader import LoadedPack, builtin_pack_dir, check_pack, load_pack, load_packs

__all__ = ["LoadedPack", "builtin_pack_dir", "check_pack", "load_pack", "load_packs"]
