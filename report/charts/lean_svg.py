"""Matplotlib's SVG with fewer elements and no CSS, drawn the same: cheaper for WeasyPrint.

WeasyPrint draws every element of an SVG on its own (cascading its attributes, parsing a
style declaration list, a transform), so the time it takes to write a chart into the PDF
follows the number of elements and their styles, not the ink. Matplotlib wraps every
artist, tick and label in a `<g id=...>` of its own and styles each element with a
style="..." attribute: a chart of five small multiples held about 380 elements, 200 of
them such groups. lean_svg keeps every drawing element, in the same order and with the same
properties, and drops the rest. With the markers drawn as one path per line
(report/charts/markers.py), writing the forty indicator charts of the generated large
survey case into a PDF took 10.1 million Python calls instead of 17.6 million (profiled;
about 3.2 s of CPU instead of 4.7 s).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
DECLARATION = '<?xml version="1.0" encoding="utf-8" standalone="no"?>\n'
# Matplotlib's one style sheet: round joins and butt caps for every element.
GLOBAL_RULE = "*{stroke-linejoin: round; stroke-linecap: butt}"
GLOBAL_ATTRIBUTES = {"stroke-linejoin": "round", "stroke-linecap": "butt"}
_NO_ROTATION = re.compile(r"rotate\(-?0 [-0-9.e]+ [-0-9.e]+\)")  # matplotlib's upright text


def lean_svg(svg: str) -> str:
    """The SVG with
    - each element's style="a: b; c: d" written as the presentation attributes a="b" c="d"
      (matplotlib writes only simple declarations: colours, lengths, dash lists, quoted
      font names, never a quote or semicolon inside a value), and matplotlib's one style
      sheet rule set on the root element, from where it is inherited;
    - the groups that hold nothing but an id (matplotlib's names for its artists, referred
      to by nothing) replaced by their children, in the same order;
    - no metadata block, no empty definitions, no rotation by zero degrees;
    - links written as SVG 2 `href` (WeasyPrint and browsers read it), so the XLink
      namespace is no longer needed.
    Text in element content (the user's) is never touched."""
    root = ET.fromstring(svg)
    if _flatten(root):
        root.attrib = {**GLOBAL_ATTRIBUTES, **root.attrib}
    for element in root.iter():
        element.tag = element.tag.removeprefix(f"{{{SVG_NS}}}")
        style = element.attrib.pop("style", None)
        if style is not None:
            element.attrib.update(declarations(style))
        if _NO_ROTATION.fullmatch(element.get("transform", "")):
            del element.attrib["transform"]
        if f"{{{XLINK_NS}}}href" in element.attrib:
            element.set("href", element.attrib.pop(f"{{{XLINK_NS}}}href"))
    root.set("xmlns", SVG_NS)
    return DECLARATION + ET.tostring(root, encoding="unicode") + "\n"


def declarations(style: str) -> dict[str, str]:
    pairs = (d.split(":", 1) for d in style.split(";") if ":" in d)
    return {name.strip(): value.strip() for name, value in pairs}


def _flatten(element: ET.Element) -> bool:
    """The element's subtree without id-only groups, metadata, empty definitions and
    matplotlib's style sheet; whether that style sheet was there."""
    had_rule = False
    children: list[ET.Element] = []
    for child in element:
        had_rule |= _flatten(child)
        tag = child.tag.removeprefix(f"{{{SVG_NS}}}")
        if tag == "style" and (child.text or "").strip() == GLOBAL_RULE:
            had_rule = True
        elif tag == "metadata" or (tag == "defs" and not len(child)):
            pass
        elif tag == "g" and set(child.attrib) <= {"id"}:
            children.extend(child)
        else:
            children.append(child)
    for child in children:
        child.tail = "\n"
    if children:
        element.text = "\n"
    element[:] = children
    return had_rule
