"""Customers' mail from Jinja2 templates (`templates/<template>.txt`): the first line is the subject, the rest the
body. Undefined values are errors, never blanks: a template and the values its callers give must agree."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from application.ports.mail import MailTemplate

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True, slots=True)
class RenderedMail:
    subject: str
    body: str


class MailRenderer:
    def __init__(self) -> None:
        # Plain text: nothing is escaped, and nothing needs to be (no HTML is sent).
        self._environment = Environment(
            loader=FileSystemLoader(TEMPLATES),
            undefined=StrictUndefined,
            keep_trailing_newline=True,
            autoescape=False,  # noqa: S701 - text/plain mail, no markup to escape
        )

    def render(self, template: MailTemplate, values: Mapping[str, str]) -> RenderedMail:
        text = self._environment.get_template(f"{template.value}.txt").render(**values)
        subject, _, body = text.partition("\n")
        return RenderedMail(subject=subject.strip(), body=body.lstrip("\n"))
