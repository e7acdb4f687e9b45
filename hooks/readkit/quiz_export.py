"""Every quiz of a site as an LMS package: QTI 2.1 (a zip with imsmanifest.xml,
one assessmentItem per question and one assessmentTest with a section per
page) and Moodle GIFT text.

Ordering questions have no GIFT type: they become matching questions that
pair each item with its place ("1", "2", ...). QTI has orderInteraction.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree as ET

from .quiz import Question, check_paras, check_quotes, check_unique, load_page
from .quiz_render import md_block, md_inline
from .seed import Reading

QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
CP_XSD = "http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
MATCH_CORRECT = "http://www.imsglobal.org/question/qti_v2p1/rptemplates/match_correct"
ET.register_namespace("", QTI)
ET.register_namespace("xsi", XSI)


@dataclass
class Quiz:
    """One page's questions."""

    title: str
    uri: str
    questions: list[Question]


def collect(docs_dir: Path, reading: Reading, root: Path) -> list[Quiz]:
    """Every page's questions, checked as the build checks them, the article's
    sections first in reading order."""
    titles = {reading.page_uri(s): s.title for s in reading.sections}
    order = list(titles)
    quizzes = []
    for path in sorted(docs_dir.rglob("*.md")):
        uri = path.relative_to(docs_dir).as_posix()
        shown = _shown(path, root)
        questions = load_page(path.read_text(encoding="utf-8"), shown, uri)
        for q in questions:
            check_paras(q, len(reading.paragraphs), shown)
            check_quotes(q, reading.locate, shown)
        if questions:
            quizzes.append(Quiz(titles.get(uri, path.stem.replace("-", " ").capitalize()), uri, questions))
    check_unique([q for quiz in quizzes for q in quiz.questions])
    quizzes.sort(key=lambda z: (order.index(z.uri) if z.uri in order else len(order), z.uri))
    return quizzes


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


# -- QTI 2.1 ------------------------------------------------------------------


def ident(text: str) -> str:
    """A QTI identifier (an XML NCName) from a question id."""
    out = re.sub(r"[^A-Za-z0-9_.-]", "_", text)
    return out if re.match(r"[A-Za-z_]", out) else f"Q_{out}"


class _Xhtml(HTMLParser):
    """Rendered Markdown into QTI-namespaced XHTML elements under `parent`."""

    ALLOWED = {"p", "em", "strong", "code", "a", "ul", "ol", "li", "br", "sub", "sup", "span", "blockquote", "div"}

    def __init__(self, parent: ET.Element) -> None:
        super().__init__(convert_charrefs=True)
        self.stack = [parent]

    def handle_starttag(self, tag, attrs):
        if tag not in self.ALLOWED:
            return
        attrib = {k: v for k, v in attrs if k == "href" and tag == "a" and v}
        el = ET.SubElement(self.stack[-1], f"{{{QTI}}}{tag}", attrib)
        if tag != "br":
            self.stack.append(el)

    def handle_endtag(self, tag):
        if tag in self.ALLOWED and tag != "br" and len(self.stack) > 1:
            self.stack.pop()

    def handle_data(self, data):
        parent = self.stack[-1]
        if len(parent):
            parent[-1].tail = (parent[-1].tail or "") + data
        else:
            parent.text = (parent.text or "") + data


def _xhtml(parent: ET.Element, html: str) -> ET.Element:
    parser = _Xhtml(parent)
    parser.feed(html)
    parser.close()
    return parent


def _q(tag: str) -> str:
    return f"{{{QTI}}}{tag}"


def _sub(parent: ET.Element, tag: str, **attrib: str) -> ET.Element:
    return ET.SubElement(parent, _q(tag), {k.rstrip("_"): v for k, v in attrib.items()})


def _value(parent: ET.Element, text: str, tag: str = "value") -> None:
    _sub(parent, tag).text = text


def _set(parent: ET.Element, outcome: str, base_type: str, value: str) -> None:
    s = _sub(parent, "setOutcomeValue", identifier=outcome)
    _sub(s, "baseValue", baseType=base_type).text = value


def choice_ids(q: Question) -> dict[str, str]:
    """QTI choice identifiers: letters for options, TRUE/FALSE, and letters in
    display order for ordering items (so identifiers do not give the order away)."""
    if q.type == "truefalse":
        return {"true": "TRUE", "false": "FALSE"}
    if q.type == "ordering":
        return {str(index): chr(ord("A") + pos) for pos, index in enumerate(q.display_order())}
    return {o.key: o.key.upper() for o in q.options}


def item_xml(q: Question) -> bytes:
    item = ET.Element(
        _q("assessmentItem"),
        {
            "identifier": ident(q.id),
            "title": q.id,
            "adaptive": "false",
            "timeDependent": "false",
            f"{{{XSI}}}schemaLocation": f"{QTI} {QTI_XSD}",
        },
    )
    ids = choice_ids(q)
    if q.type == "numeric":
        assert q.answer is not None
        rd = _sub(item, "responseDeclaration", identifier="RESPONSE", cardinality="single", baseType="float")
        _value(_sub(rd, "correctResponse"), _number(q.answer))
    else:
        cardinality = {"multiple": "multiple", "ordering": "ordered"}.get(q.type, "single")
        rd = _sub(item, "responseDeclaration", identifier="RESPONSE", cardinality=cardinality, baseType="identifier")
        cr = _sub(rd, "correctResponse")
        keys = [str(i) for i in range(len(q.items))] if q.type == "ordering" else [o.key for o in q.correct_options]
        for key in keys:
            _value(cr, ids[key])
    _sub(item, "outcomeDeclaration", identifier="SCORE", cardinality="single", baseType="float").append(_default("0"))
    _sub(item, "outcomeDeclaration", identifier="MAXSCORE", cardinality="single", baseType="float").append(
        _default("1")
    )
    if q.type in ("single", "multiple", "truefalse"):  # per-option feedback
        fb_card = "multiple" if q.type == "multiple" else "single"
        _sub(item, "outcomeDeclaration", identifier="FEEDBACK", cardinality=fb_card, baseType="identifier")
    _sub(item, "outcomeDeclaration", identifier="FEEDBACKMODAL", cardinality="multiple", baseType="identifier")

    body = _sub(item, "itemBody")
    if q.type in ("single", "multiple", "truefalse"):
        inter = _sub(
            body,
            "choiceInteraction",
            responseIdentifier="RESPONSE",
            shuffle="false",
            maxChoices="1" if q.type != "multiple" else "0",
        )
        _xhtml(_sub(inter, "prompt"), md_inline(q.prompt))
        for o in q.options:
            choice = _xhtml(_sub(inter, "simpleChoice", identifier=ids[o.key]), md_inline(o.text))
            if o.feedback:
                fb = _sub(
                    choice, "feedbackInline", outcomeIdentifier="FEEDBACK", identifier=ids[o.key], showHide="show"
                )
                _xhtml(fb, " " + md_inline(o.feedback))
    elif q.type == "ordering":
        inter = _sub(body, "orderInteraction", responseIdentifier="RESPONSE", shuffle="true")
        _xhtml(_sub(inter, "prompt"), md_inline(q.prompt))
        for index in q.display_order():
            _xhtml(_sub(inter, "simpleChoice", identifier=ids[str(index)]), md_inline(q.items[index]))
    else:
        _xhtml(_sub(body, "div"), md_block(q.prompt))
        p = _sub(body, "p")
        p.text = "Your answer: "
        entry = _sub(p, "textEntryInteraction", responseIdentifier="RESPONSE", expectedLength="12")
        entry.tail = f" {q.unit}" if q.unit else None

    _processing(item, q, ids)
    modal = _sub(item, "modalFeedback", outcomeIdentifier="FEEDBACKMODAL", identifier="EXPLANATION", showHide="show")
    _xhtml(modal, md_block(q.explanation) + f"<p>Re-read {_paras(q)} of the article.</p>")
    for n, m in enumerate(q.mistakes, start=1):
        _xhtml(
            _sub(item, "modalFeedback", outcomeIdentifier="FEEDBACKMODAL", identifier=f"MISTAKE_{n}", showHide="show"),
            md_block(m.feedback),
        )
    if q.feedback:
        _xhtml(
            _sub(item, "modalFeedback", outcomeIdentifier="FEEDBACKMODAL", identifier="OTHER", showHide="show"),
            md_block(q.feedback),
        )
    return _bytes(item)


def _default(value: str) -> ET.Element:
    d = ET.Element(_q("defaultValue"))
    _value(d, value)
    return d


def _processing(item: ET.Element, q: Question, ids: dict[str, str]) -> None:
    """Scoring equal to the match_correct template (named in `template`, for
    engines that only know templates), plus feedback outcomes."""
    rp = _sub(item, "responseProcessing", template=MATCH_CORRECT)
    cond = _sub(rp, "responseCondition")
    if_ = _sub(cond, "responseIf")
    if q.type == "numeric":
        mode = (
            {"toleranceMode": "absolute", "tolerance": f"{_number(q.tolerance)} {_number(q.tolerance)}"}
            if q.tolerance
            else {"toleranceMode": "exact"}
        )
        test = _sub(if_, "equal", **mode)
        _sub(test, "variable", identifier="RESPONSE")
        _sub(test, "correct", identifier="RESPONSE")
    else:
        test = _sub(if_, "match")
        _sub(test, "variable", identifier="RESPONSE")
        _sub(test, "correct", identifier="RESPONSE")
    _set(if_, "SCORE", "float", "1")
    for n, m in enumerate(q.mistakes, start=1):
        elif_ = _sub(cond, "responseElseIf")
        mode = (
            {"toleranceMode": "absolute", "tolerance": f"{_number(q.tolerance)} {_number(q.tolerance)}"}
            if q.tolerance
            else {"toleranceMode": "exact"}
        )
        test = _sub(elif_, "equal", **mode)
        _sub(test, "variable", identifier="RESPONSE")
        _sub(test, "baseValue", baseType="float").text = _number(m.answer)
        _set(elif_, "SCORE", "float", "0")
        _add_modal(elif_, f"MISTAKE_{n}")
    else_ = _sub(cond, "responseElse")
    _set(else_, "SCORE", "float", "0")
    if q.type == "numeric" and q.feedback:
        _add_modal(else_, "OTHER")
    if q.type in ("single", "multiple", "truefalse"):
        s = _sub(rp, "setOutcomeValue", identifier="FEEDBACK")
        _sub(s, "variable", identifier="RESPONSE")
    # The explanation is always shown once the student has answered.
    _add_modal(rp, "EXPLANATION")


def _add_modal(parent: ET.Element, identifier: str) -> None:
    """Add `identifier` to the (multiple) FEEDBACKMODAL outcome."""
    s = _sub(parent, "setOutcomeValue", identifier="FEEDBACKMODAL")
    multiple = _sub(s, "multiple")
    _sub(multiple, "variable", identifier="FEEDBACKMODAL")
    _sub(multiple, "baseValue", baseType="identifier").text = identifier


def test_xml(quizzes: list[Quiz], title: str) -> bytes:
    test = ET.Element(
        _q("assessmentTest"),
        {"identifier": "readkit-quizzes", "title": title, f"{{{XSI}}}schemaLocation": f"{QTI} {QTI_XSD}"},
    )
    _sub(test, "outcomeDeclaration", identifier="SCORE", cardinality="single", baseType="float")
    part = _sub(test, "testPart", identifier="PART_1", navigationMode="nonlinear", submissionMode="individual")
    for n, quiz in enumerate(quizzes, start=1):
        section = _sub(part, "assessmentSection", identifier=f"SECTION_{n}", title=quiz.title, visible="true")
        for q in quiz.questions:
            _sub(section, "assessmentItemRef", identifier=ident(q.id), href=item_path(q))
    op = _sub(test, "outcomeProcessing")
    s = _sub(op, "setOutcomeValue", identifier="SCORE")
    _sub(_sub(s, "sum"), "testVariables", variableIdentifier="SCORE")
    return _bytes(test)


def item_path(q: Question) -> str:
    return f"items/{ident(q.id)}.xml"


def manifest_xml(quizzes: list[Quiz]) -> bytes:
    ET.register_namespace("", CP)
    try:
        man = ET.Element(
            f"{{{CP}}}manifest",
            {"identifier": "MANIFEST_readkit_quizzes", f"{{{XSI}}}schemaLocation": f"{CP} {CP_XSD}"},
        )
        meta = ET.SubElement(man, f"{{{CP}}}metadata")
        ET.SubElement(meta, f"{{{CP}}}schema").text = "QTIv2.1 Package"
        ET.SubElement(meta, f"{{{CP}}}schemaversion").text = "1.0.0"
        ET.SubElement(man, f"{{{CP}}}organizations")
        resources = ET.SubElement(man, f"{{{CP}}}resources")
        test = ET.SubElement(
            resources,
            f"{{{CP}}}resource",
            {"identifier": "RES_TEST", "type": "imsqti_test_xmlv2p1", "href": "assessment.xml"},
        )
        ET.SubElement(test, f"{{{CP}}}file", {"href": "assessment.xml"})
        questions = [q for quiz in quizzes for q in quiz.questions]
        for q in questions:
            ET.SubElement(test, f"{{{CP}}}dependency", {"identifierref": f"RES_{ident(q.id)}"})
        for q in questions:
            res = ET.SubElement(
                resources,
                f"{{{CP}}}resource",
                {"identifier": f"RES_{ident(q.id)}", "type": "imsqti_item_xmlv2p1", "href": item_path(q)},
            )
            ET.SubElement(res, f"{{{CP}}}file", {"href": item_path(q)})
        return _bytes(man)
    finally:
        ET.register_namespace("", QTI)


def _bytes(el: ET.Element) -> bytes:
    ET.indent(el)
    return ET.tostring(el, encoding="utf-8", xml_declaration=True)


def qti_zip(quizzes: list[Quiz], title: str) -> bytes:
    """The QTI 2.1 package, byte-for-byte the same for the same questions."""
    files = {"imsmanifest.xml": manifest_xml(quizzes), "assessment.xml": test_xml(quizzes, title)}
    for quiz in quizzes:
        for q in quiz.questions:
            files[item_path(q)] = item_xml(q)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return out.getvalue()


# -- Moodle GIFT --------------------------------------------------------------


def gift_escape(text: str) -> str:
    """Escape GIFT's special characters as Moodle's own exporter does."""
    for ch in "\\~=#{}:":
        text = text.replace(ch, "\\" + ch)
    return text.replace("\r", "").replace("\n", "\\n")


def _weight(value: float) -> str:
    return f"{value:.5f}".rstrip("0").rstrip(".")


def _number(value: float) -> str:
    return f"{value:.10g}" if "e" not in f"{value:.10g}" else f"{value:f}".rstrip("0").rstrip(".")


def _paras(q: Question) -> str:
    return ", ".join(f"¶{n}" for n in q.paras)


def gift_question(q: Question) -> str:
    g = gift_escape
    general = f"\t####{g(q.explanation + f' (Re-read {_paras(q)} of the article.)')}\n"
    head = f"// {q.id}: re-read {_paras(q)}\n::{g(q.id)}::[markdown]{g(q.prompt)}"
    if q.type == "truefalse":
        right = next(o for o in q.options if o.correct)
        wrong = next(o for o in q.options if not o.correct)
        # Moodle reads {TRUE#feedback if wrong#feedback if right}.
        return f"{head}{{{right.key.upper()}#{g(wrong.feedback or '')}#{g(right.feedback or '')}\n{general}}}\n"
    lines = []
    if q.type == "single":
        lines = [f"\t{'=' if o.correct else '~'}{g(o.text)}{_fb(o.feedback)}" for o in q.options]
    elif q.type == "multiple":
        n_right = len(q.correct_options)
        n_wrong = len(q.options) - n_right
        for o in q.options:
            w = _weight(100 / n_right) if o.correct else _weight(-100 / n_wrong)
            lines.append(f"\t~%{w}%{g(o.text)}{_fb(o.feedback)}")
    elif q.type == "numeric":
        assert q.answer is not None
        lines = [f"\t=%100%{_number(q.answer)}:{_number(q.tolerance)}#{g('Right.')}"]
        lines += [f"\t=%0%{_number(m.answer)}:{_number(q.tolerance)}{_fb(m.feedback)}" for m in q.mistakes]
        if q.feedback:
            lines.append(f"\t~#{g(q.feedback)}")
        return f"{head}{{#\n" + "\n".join(lines) + f"\n{general}}}\n"
    else:  # ordering as matching: each item -> its place
        head += g(" (Match each item to its place in the order; 1 is the earliest.)")
        for i, item in enumerate(q.items, start=1):
            lines.append(f"\t={g(item.replace('->', '→'))} -> {i}")
    return f"{head}{{\n" + "\n".join(lines) + f"\n{general}}}\n"


def _fb(text: str | None) -> str:
    return f"#{gift_escape(text)}" if text else ""


def gift(quizzes: list[Quiz], title: str) -> str:
    out = [
        f"// {title}: quiz questions for Moodle (GIFT format, UTF-8).",
        "// Ordering questions are matching questions here: each item is paired with its place.",
        "",
    ]
    for quiz in quizzes:
        # Moodle splits category paths at "/" and reads "//" as a slash in a name.
        category = "/".join(name.replace("/", "//") for name in (title, quiz.title))
        out += [f"$CATEGORY: $course$/{category}", ""]
        out += [gift_question(q) for q in quiz.questions]
    return "\n".join(out)
