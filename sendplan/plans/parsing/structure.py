"""The parsed plan: the structure ``sendplan parse --json`` prints and ``import-plan`` saves."""

from dataclasses import asdict, dataclass, field

SECTIONS = ("what", "how", "impact", "measures")
SECTION_LABELS = {
    "what": "What will we do?",
    "how": "How will we achieve this?",
    "impact": "What impact will this have?",
    "measures": "How will we know we have achieved?",
}


@dataclass
class ParsedAction:
    ref: str
    what: list[str] = field(default_factory=list)
    how: list[str] = field(default_factory=list)
    impact: list[str] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)
    lead: str | None = None
    due: str | None = None  # ISO date
    status: str | None = None


@dataclass
class ParsedPriority:
    number: int
    title: str
    voice: list[str] = field(default_factory=list)
    actions: list[ParsedAction] = field(default_factory=list)


@dataclass
class ParseWarning:
    ref: str | None
    message: str


@dataclass
class ParsedPlan:
    format: str
    title: str | None = None
    priorities: list[ParsedPriority] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)
    unassigned: list[str] = field(default_factory=list)
    front_matter: str = ""

    def warn(self, ref: str | None, message: str) -> None:
        self.warnings.append(ParseWarning(ref, message))

    @property
    def actions(self) -> list[ParsedAction]:
        return [action for priority in self.priorities for action in priority.actions]

    def as_json(self) -> dict:
        """The documented JSON shape (front matter is saved with the plan but not printed)."""
        return {
            "title": self.title,
            "format": self.format,
            "priorities": [asdict(priority) for priority in self.priorities],
            "warnings": [asdict(warning) for warning in self.warnings],
            "unassigned": list(self.unassigned),
        }
