"""The week as data: edition files and their loader/validator. Imports nothing else of ours."""

from content.loader import (
    ContentError,
    Problem,
    default_edition_path,
    load_edition,
    reading_seconds,
    warnings,
)
from content.model import (
    Activity,
    Body,
    Contact,
    ContestInfo,
    Edition,
    Event,
    FaqEntry,
    Programme,
    Question,
    Resource,
    ResourceCategory,
    Section,
    Text,
    Unit,
)

__all__ = [
    "Activity",
    "Body",
    "Contact",
    "ContentError",
    "ContestInfo",
    "Edition",
    "Event",
    "FaqEntry",
    "Problem",
    "Programme",
    "Question",
    "Resource",
    "ResourceCategory",
    "Section",
    "Text",
    "Unit",
    "default_edition_path",
    "load_edition",
    "reading_seconds",
    "warnings",
]
