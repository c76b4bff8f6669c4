"""`SpaceRef`: the one way every app's API names the cohort's or community's space something is in.

Only for a space the viewer may read (`spaces.access`): an API shape resolves it from what its
selectors already checked, and says `null` otherwise."""

from __future__ import annotations

from ninja import Schema


class SpaceRef(Schema):
    """A space named in another thing (a post): `kind` is its owner's name for it ("community", "cohort")."""

    id: int
    name: str
    kind: str
