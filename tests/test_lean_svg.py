"""Issue 16, item 4: the charts' SVG with fewer elements, drawn the same (report/lean_svg.py,
report/chart_markers.py)."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import matplotlib
import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from matplotlib.figure import Figure

from report.charts.lean_svg import SVG_NS, XLINK_NS, declarations, lean_svg
from report.charts.markers import merge_markers
from report.charts.svg import svg_text

DRAWN = {"path", "text", "use", "rect", "clipPath"}
SKIP = {"transform", "style"}  # upright text's rotate(0) is dropped; style is expanded


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def drawn_elements(svg: str) -> list[tuple[str, tuple[tuple[str, str], ...]]]:
    """What an SVG draws, in document order: each drawing element's tag and attributes
    (links compared by target, whatever the attribute's namespace)."""
    out = []
    for element in ET.fromstring(svg).iter():
        if local(element.tag) in DRAWN:
            attrs = {local(k): v for k, v in element.attrib.items() if k not in SKIP}
            attrs |= declarations(element.get("style", ""))
            out.append((local(element.tag), tuple(sorted(attrs.items()))))
    return out


def line_figure(markers: bool = True) -> Figure:
    fig = Figure(figsize=(3, 2), dpi=72)
    ax = fig.add_subplot()
    years = [2016, 2017, 2018, 2019, 2020, 2021]
    kw = {"marker": "o", "markersize": 4} if markers else {}
    ax.plot(years, [10, 12, float("nan"), 15, 14, 13], color="#0b5c9e", linewidth=1.7, **kw)
    ax.plot(
        years,
        [11, 11, 12, 12, 13, 13],
        color="#595959",
        linestyle=(0, (3, 2)),
        marker="s" if markers else "None",
        markersize=3,
        markerfacecolor="white",
        markeredgewidth=0.8,
    )
    ax.set_xlim(2015.5, 2021.5)
    ax.set_ylim(0, 20)
    return fig


def pixels(fig: Figure) -> np.ndarray:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="rgba", dpi=144)
    width, height = fig.canvas.get_width_height(physical=True)
    return np.frombuffer(buffer.getvalue(), np.uint8).reshape(int(height * 2), int(width * 2), 4)


def test_markers_become_one_path_per_line_and_draw_the_same() -> None:
    before = pixels(line_figure())
    fig = line_figure()
    merge_markers(fig)
    after = pixels(fig)
    # the same picture: the markers at the same places in the same colours (antialiasing
    # of a compound path may differ by a shade at an edge, never by a marker)
    differing = np.abs(before.astype(int) - after.astype(int)).max(axis=2) > 60
    assert differing.sum() < 0.002 * differing.size
    assert not (before == pixels(line_figure(markers=False))).all()  # the test can see markers

    def uses(svg: str) -> int:
        return sum(local(e.tag) == "use" for e in ET.fromstring(svg).iter())

    # the only <use> elements left are the tick marks, as in the chart without markers
    assert uses(svg_text(line_figure())) == uses(svg_text(line_figure(markers=False))) > 0


def test_no_marker_is_drawn_for_a_missing_value() -> None:
    root = ET.fromstring(svg_text(line_figure()))
    fills = [e.get("fill") for e in root.iter() if local(e.tag) == "path"]
    solid = [e for e in root.iter() if local(e.tag) == "path" and e.get("fill") == "#0b5c9e"]
    hollow = [
        e
        for e in root.iter()
        if local(e.tag) == "path" and e.get("fill") == "#ffffff" and e.get("stroke") == "#595959"
    ]
    assert len(solid) == 1 and len(hollow) == 1, fills
    # one closed shape per value: five of the first line's six (one is missing), all six
    assert solid[0].get("d").count("M") == 5
    assert hollow[0].get("d").count("M") == 6


def test_flattening_keeps_every_drawing_element_in_order() -> None:
    for fig in (line_figure(), line_figure(markers=False)):
        buffer = io.StringIO()
        with matplotlib.rc_context({"svg.hashsalt": "t", "svg.fonttype": "none"}):
            fig.savefig(buffer, format="svg", metadata={"Date": None})
        raw = buffer.getvalue()
        flat = lean_svg(raw)
        assert drawn_elements(flat) == drawn_elements(raw)
        root = ET.fromstring(flat)
        groups = [e for e in root.iter() if local(e.tag) == "g"]
        assert all(set(g.attrib) - {"id"} for g in groups)  # each remaining one carries more
        assert len(list(root.iter())) < len(list(ET.fromstring(raw).iter())) * 0.7
        assert XLINK_NS not in flat and "metadata" not in flat


def tree(draw, depth: int) -> ET.Element:
    kind = draw(st.sampled_from(["path", "g-id", "g-clip"] if depth < 4 else ["path"]))
    if kind == "path":
        return ET.Element(f"{{{SVG_NS}}}path", {"d": f"M 0 {draw(st.integers(0, 99))}"})
    attrs = {"id": "x"} if kind == "g-id" else {"clip-path": "url(#c)"}
    group = ET.Element(f"{{{SVG_NS}}}g", attrs)
    group.extend(tree(draw, depth + 1) for _ in range(draw(st.integers(0, 3))))
    return group


@st.composite
def svgs(draw) -> str:
    root = ET.Element(f"{{{SVG_NS}}}svg")
    root.extend(tree(draw, 0) for _ in range(draw(st.integers(1, 4))))
    return ET.tostring(root, encoding="unicode")


def paths_with_clips(svg: str) -> list[tuple[str, int]]:
    """Each path's data and how many clipping groups enclose it."""
    found: list[tuple[str, int]] = []

    def walk(element: ET.Element, clips: int) -> None:
        for child in element:
            if local(child.tag) == "path":
                found.append((child.get("d", ""), clips))
            walk(child, clips + (local(child.tag) == "g" and "clip-path" in child.attrib))

    walk(ET.fromstring(svg), 0)
    return found


@given(svgs())
def test_flattening_never_moves_a_path_out_of_its_clip_or_out_of_order(svg: str) -> None:
    flat = lean_svg(svg)
    assert paths_with_clips(flat) == paths_with_clips(svg)
    assert not [
        e for e in ET.fromstring(flat).iter() if local(e.tag) == "g" and set(e.attrib) <= {"id"}
    ]
