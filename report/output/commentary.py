"""The analyst's own words: inputs/kommentarer.md, one `#` heading per report section.

The text under each heading appears in that section of the report under "Analys och
bedömning". Markdown is rendered by markdown-it-py with raw HTML switched off (it shows as
text), links only to web and e-mail addresses (anything else, such as javascript:, stays
text), and images replaced by their description: nothing in the file can add markup,
scripts or fetch a resource. Instructions inside <!-- ... --> are left out entirely, so the
starter written by `make templates` can explain itself.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup, escape

from report.errors import Code, InputError, Problem
from report.output.outline import commentable_headings
from report.output.sections.common import Heading
from report.promise.types import Promise
from report.vocabulary import closest, normalize_label

COMMENTARY_FILE = "kommentarer.md"
ANALYSIS_TITLE = "Analys och bedömning"
ALLOWED_LINK = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def report_sections(promise: Promise) -> tuple[Heading, ...]:
    """Every section of the report that can carry commentary, in report order (the
    commentable parts of the outline)."""
    return commentable_headings(promise)


@dataclass(frozen=True)
class Commentary:
    """Rendered commentary per section id; empty when there is no commentary file."""

    file: str | None = None
    sections: tuple[tuple[str, str], ...] = ()  # (section id, safe HTML)
    images_removed: int = 0

    def as_markup(self) -> dict[str, Markup]:
        return {section: Markup(html) for section, html in self.sections}

    @property
    def section_ids(self) -> tuple[str, ...]:
        return tuple(section for section, _ in self.sections)

    def warnings(self, promise: Promise, has_survey: bool) -> list[str]:
        """Things the analyst should know although the report can be built."""
        notes = []
        if "enkater" in self.section_ids and not has_survey and not promise.indicators:
            notes.append(
                f"{self.file}: texten under ”# Ungas hälsa och drogvanor” visas inte, "
                "eftersom löftet inte följer upp några enkätindikatorer."
            )
        if self.images_removed:
            images = "bild" if self.images_removed == 1 else "bilder"
            notes.append(
                f"{self.file}: {self.images_removed} {images} visas inte i rapporten "
                "(bara deras beskrivning). Lägg diagram och bilder i en bilaga i "
                "stället."
            )
        return notes


TABLE_BOX = '<div class="table-scroll" role="region" aria-label="Tabell i analysen" tabindex="0">\n'


def _markdown():
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    # markdown-it-py's documented way to choose the links it renders as links.
    md.validateLink = lambda url: bool(ALLOWED_LINK.match(url.strip()))  # type: ignore[method-assign]

    def image(_renderer, tokens, idx, _options, _env):
        token = tokens[idx]
        alt = "".join(child.content for child in token.children or ())
        return f'<span class="image-removed">[Bild: {escape(alt)}]</span>'

    # A table scrolls sideways in its own box on a narrow screen; the box takes the keyboard
    # focus and has a name, as the report's own tables do.
    def table_open(renderer, tokens, idx, options, env):
        return TABLE_BOX + renderer.renderToken(tokens, idx, options, env)

    def table_close(renderer, tokens, idx, options, env):
        return renderer.renderToken(tokens, idx, options, env) + "</div>\n"

    md.add_render_rule("image", image)
    md.add_render_rule("table_open", table_open)
    md.add_render_rule("table_close", table_close)
    return md


def _demote(tokens) -> None:
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + 1, 6)}"


def _blank_comments(text: str) -> str:
    """Comments removed but their line breaks kept, so line numbers stay right."""
    return _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)


def parse_commentary(text: str, promise: Promise, file: str = COMMENTARY_FILE) -> Commentary:
    """Split at level-1 headings and render each part; InputError lists every problem."""
    sections = report_sections(promise)
    md = _markdown()
    parts, problems = _split_at_headings(md.parse(_blank_comments(text)), sections, file)
    if problems:
        raise InputError(problems)
    rendered = []
    images = 0
    for section, _, body in parts:
        body = _drop_heading_tail(body)
        if section is None or not body:
            continue
        images += sum(1 for t in body for c in (t.children or ()) if c.type == "image")
        _demote(body)
        html = md.renderer.render(body, md.options, {}).strip()
        if html:
            rendered.append((section.id, html))
    order = {s.id: i for i, s in enumerate(sections)}
    rendered.sort(key=lambda item: order[item[0]])
    return Commentary(file, tuple(rendered), images)


def _split_at_headings(
    tokens: list, sections: Sequence[Heading], file: str
) -> tuple[list[tuple[Heading | None, int, list]], list[Problem]]:
    """(section or None, line, tokens) per level-1 heading, and the problems: a heading
    that names no section or one named before, text before the first heading."""
    by_title = {normalize_label(s.title): s for s in sections}
    problems: list[Problem] = []
    parts: list[tuple[Heading | None, int, list]] = []
    current: list | None = None
    first_text_line = None
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h1":
            title = tokens[i + 1].content.strip()
            line = token.map[0] + 1 if token.map else None
            section = by_title.get(normalize_label(title))
            if section is None:
                message = _unknown_heading(title, sections)
                problems.append(
                    Problem(file, message, row=line, code=Code.HEADING_UNKNOWN, value=title)
                )
            elif any(s is section for s, _, _ in parts):
                message = (
                    f"Rubriken ”# {section.title}” finns två gånger. Samla texten under en av dem."
                )
                problems.append(
                    Problem(file, message, row=line, code=Code.HEADING_TWICE, value=section.title)
                )
                section = None
            current = []
            parts.append((section, line or 0, current))
        elif current is not None:
            current.append(token)
        elif token.map and first_text_line is None:
            first_text_line = token.map[0] + 1
    if first_text_line is not None:
        message = (
            "Texten står före den första rubriken och hör inte till något avsnitt. Skriv en "
            "rubrik ovanför den, t.ex. ”# Sammanfattning”."
        )
        problems.append(Problem(file, message, row=first_text_line, code=Code.TEXT_BEFORE_HEADING))
    return parts, problems


def _drop_heading_tail(tokens: list) -> list:
    """The inline and closing tokens of the h1 that opened the part."""
    if len(tokens) >= 2 and tokens[0].type == "inline" and tokens[1].type == "heading_close":
        return tokens[2:]
    return tokens


def _unknown_heading(title: str, sections: Sequence[Heading]) -> str:
    valid = ", ".join(f"”# {s.title}”" for s in sections)
    guess = closest(title, [s.title for s in sections], cutoff=0.6)
    hint = f" Menade du ”# {guess}”?" if guess else ""
    return (
        f"Rubriken ”# {title}” motsvarar inget avsnitt i rapporten.{hint} Giltiga "
        f"rubriker: {valid}. Använd ## för underrubriker inom ett avsnitt."
    )


def read_text(path: Path) -> str:
    """UTF-8 (with or without BOM) as Notepad writes it, or Windows-1252 from older tools."""
    from report.inputs.csv_file import decode

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(
            [
                Problem(
                    path.name, f"Filen kan inte läsas ({exc.strerror}).", code=Code.FILE_UNREADABLE
                )
            ]
        ) from None
    try:
        return decode(data)[0]
    except (ValueError, UnicodeDecodeError):
        raise InputError(
            [
                Problem(
                    path.name,
                    "Filen är ingen textfil. Skriv kommentarerna i "
                    "Anteckningar och spara som UTF-8.",
                    code=Code.TEXT_ENCODING,
                )
            ]
        ) from None


def load_commentary(folder: Path, promise: Promise) -> Commentary:
    """The folder's commentary file, or no commentary if there is none."""
    path = folder / COMMENTARY_FILE
    if not path.is_file():
        return Commentary()
    return parse_commentary(read_text(path), promise, path.name)


def starter_text(promise: Promise) -> str:
    """A commentary file with every section's heading and short instructions."""
    lines = [
        "<!--",
        "  Kommentarer till rapporten – trygghetssamordnarens analys och bedömning.",
        "",
        f"  Spara filen som inputs/{COMMENTARY_FILE} (UTF-8). Texten under varje rubrik",
        f"  visas i samma avsnitt av rapporten, under rubriken ”{ANALYSIS_TITLE}”.",
        "  Ett avsnitt utan text får ingen sådan rubrik.",
        "",
        "  - Ändra inte rubrikerna som börjar med en #. Ta bort dem du inte behöver.",
        "  - Underrubriker skrivs med ## (två #).",
        "  - Stycken skiljs åt av en tom rad. Punktlistor: rader som börjar med - .",
        "  - **fetstil**, *kursiv*, länkar: [text](https://exempel.se).",
        "  - HTML och bilder visas inte som sådana.",
        "  - Den här texten och de andra kommentarerna (inom kommentarstecknen, som",
        "    börjar med <!- - och slutar med - ->, utan mellanslag) syns inte i rapporten.",
        "-->",
        "",
    ]
    for section in report_sections(promise):
        lines += [f"# {section.title}", "", _PROMPTS.get(section.id, _FOCUS_PROMPT), ""]
    return "\n".join(lines)


_FOCUS_PROMPT = (
    "<!-- Hur gick arbetet inom fokusområdet i år? Vad förklarar siffrorna, och "
    "vad behöver ändras? -->"
)
_PROMPTS: Mapping[str, str] = {
    "sammanfattning": "<!-- Den övergripande bedömningen: har parterna hållit löftet i år? "
    "Vad har gått bra, vad har inte blivit av och varför? -->",
    "per-part": "<!-- Kommentar till redovisningen per ansvarig part, om det behövs. -->",
    "enkater": "<!-- Vad säger enkäterna om ungas hälsa, trygghet och drogvanor? Tänk på att "
    "bara säkerställda förändringar är mer än slumpen. -->",
    "underlag": "<!-- Brister eller förbehåll i underlaget, t.ex. en export som saknas. -->",
}
