"""Cross-links, and the markup an editor may not write (checked against what Python-Markdown does)."""

from __future__ import annotations

import pytest

from lexikon.core.links import (
    CrossLink,
    cross_links,
    markup_problems,
    replace_cross_links,
    url_problem,
    without_code,
)

# --- cross-links -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Siehe [[outsourcing]].", [("outsourcing", None, "[[outsourcing]]")]),
        (
            "[[insourcing|Insourcing im Unternehmen]]",
            [("insourcing", "Insourcing im Unternehmen", "[[insourcing|Insourcing im Unternehmen]]")],
        ),
        ("[[ insourcing ]]", [("insourcing", None, "[[ insourcing ]]")]),
        (
            "[[ insourcing | Das Insourcing ]]",
            [("insourcing", "Das Insourcing", "[[ insourcing | Das Insourcing ]]")],
        ),
        (
            "[[a]] und [[b|B]], dann [[a]]",
            [("a", None, "[[a]]"), ("b", "B", "[[b|B]]"), ("a", None, "[[a]]")],
        ),
        (
            "[[make-or-buy|Make or Buy (Entscheidung)]]",
            [("make-or-buy", "Make or Buy (Entscheidung)", "[[make-or-buy|Make or Buy (Entscheidung)]]")],
        ),
        ("[[a|Øl & Ärger]]", [("a", "Øl & Ärger", "[[a|Øl & Ärger]]")]),
        ("[[Großes-Wort]]", [("Großes-Wort", None, "[[Großes-Wort]]")]),  # the checker judges the id
        ("`[[im-code]]`", [("im-code", None, "[[im-code]]")]),
        ("Zeile\n[[a]]\nZeile", [("a", None, "[[a]]")]),
    ],
)
def test_cross_links_are_parsed(text: str, expected: list[tuple[str, str | None, str]]) -> None:
    assert list(cross_links(text)) == [CrossLink(*item) for item in expected]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "kein Link",
        "[ein](https://example.com) Markdown-Link",
        "[[über\nzwei Zeilen]]",
        "[a]",
        "[[a]",
        "[a]]",
        "[[a|b\nc]]",
    ],
)
def test_no_cross_links(text: str) -> None:
    assert list(cross_links(text)) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Siehe [[a]] und [[b|Bee]].", "Siehe <a:-> und <b:Bee>."),
        ("[[ a | Label ]]", "<a:Label>"),
        ("ohne", "ohne"),
        ("[[a]][[a]]", "<a:-><a:->"),
        ("[Markdown](https://example.com) bleibt", "[Markdown](https://example.com) bleibt"),
    ],
)
def test_replace_cross_links(text: str, expected: str) -> None:
    assert replace_cross_links(text, lambda link: f"<{link.target}:{link.label or '-'}>") == expected


def test_replace_sees_the_same_links_as_cross_links() -> None:
    text = "[[ a ]] [[b|B]] [[c|C c]]"
    seen: list[CrossLink] = []
    replace_cross_links(text, lambda link: seen.append(link) or "")
    assert seen == list(cross_links(text))


# --- markup an editor may write -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Einfacher Text mit [[outsourcing]] und **fett**.",
        "Vergleiche: a < b und c > d, auch 3<4.",
        "Siehe <https://example.com/a?b=1&c=2>.",
        "Schreib an <mailto:info@example.com> oder <info@example.com>.",
        "Im Code: `<b>fett</b>` und ``a ` <i>`` bleiben Code.",
        '```html\n<div class="x">Code</div>\n\n<script>alert(1)</script>\n```',
        "~~~\n<script>alert(1)</script>\n~~~",
        "Davor.\n\n```\n<b>\n```\n\nDanach.",
        "[Link](https://example.com) und [Mail](mailto:a@b.dk) und [Anker](#abschnitt).",
        '[Link](https://example.com "Titel") und [noch einer](https://example.com/a.png)',
        "[Verweis][ref]\n\n[ref]: https://example.com",
        '[Verweis][ref]\n\n[ref]: <https://example.com> "Titel"',
        "Menge {a, b} und {50 €} und {x}.",
        "- eins\n- zwei\n\n> Zitat",
        "Code: `{: .klasse}` und `[x](javascript:alert(1))`.",
    ],
)
def test_allowed_markdown_has_no_problems(text: str) -> None:
    assert list(markup_problems(text)) == []


# --- markup an editor may not write ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # raw HTML
        ("Text <b>fett</b>.", "raw HTML"),
        ("<script>alert(1)</script>", "raw HTML"),
        ("<!-- Kommentar -->", "raw HTML"),
        ("<!DOCTYPE html>", "raw HTML"),
        ("<?php echo 1; ?>", "raw HTML"),
        ("Bild <img src=x onerror=alert(1)>", "raw HTML"),
        ("<a\nhref=x>über zwei Zeilen</a>", "raw HTML"),
        ("<div>\nBlock\n</div>", "raw HTML"),
        # tag name followed by "/": Python-Markdown passes these through as HTML
        ("Bild <img/src=x onerror=alert(1)> hier", "raw HTML"),
        ("<svg/onload=alert(1)>", "raw HTML"),
        # a ":" in the tag name: Python-Markdown passes it through as HTML too
        ("Hallo <a:b onmouseover=alert(1)>hier</a:b>", "raw HTML"),
        # what only looks like code is not code
        ("Ein `offener Backtick.\n\nDanach <img src=x onerror=alert(1)> und `x`.", "raw HTML"),
        ("Ein \\`<img src=x onerror=alert(1)>` mit escaptem Backtick", "raw HTML"),
        # Python-Markdown's fences start in column 1 and take no words after the language
        (" ```\n\n<script>alert(1)</script>\n\n ```", "raw HTML"),
        ("```js titel\n\n<script>alert(1)</script>\n\n```", "raw HTML"),
        # attribute lists
        ("Absatz\n{: .klasse }", "attribute lists"),
        ("## Titel {#anker}", "attribute lists"),
        ("*x*{ onclick=alert(1) }", "attribute lists"),
        ("[a](https://example.com){: target=_blank}", "attribute lists"),
        ("*x*{ hidden }", "attribute lists"),
        ("Absatz\n{ contenteditable }", "attribute lists"),
        # links with schemes that run code, inline and reference-style
        ("[klick](javascript:alert(1))", "scheme 'javascript:'"),
        ("[klick](JavaScript:alert(1))", "scheme 'JavaScript:'"),
        ("[klick]( javascript:alert(1))", "scheme 'javascript:'"),
        ("[klick](<javascript:alert(1)>)", "scheme 'javascript:'"),
        ("[klick](vbscript:msgbox(1))", "scheme 'vbscript:'"),
        ("![Bild](data:image/svg+xml;base64,PHN2Zz4=)", "scheme 'data:'"),
        ("<javascript:alert(1)>", "raw HTML"),  # no autolink: Markdown passes it on as a tag
        ("[klick][r]\n\n[r]: javascript:alert(1)", "scheme 'javascript:'"),
        ('[klick][r]\n\n   [r]: <data:text/html,x> "Titel"', "scheme 'data:'"),
        ("[klick][r]\n\n[r]:\n    vbscript:x", "scheme 'vbscript:'"),
        # reference definitions inside list items and quotes are definitions too
        ("- [r]: javascript:alert(1)\n\n[klick][r]", "scheme 'javascript:'"),
        ("> [r]: javascript:alert(1)\n>\n> [klick][r]", "scheme 'javascript:'"),
        # a code span cannot hide a definition: definitions are read before inline code
        ("`x\n[r]: javascript:alert(1)\n`\n\n[klick][r]", "scheme 'javascript:'"),
        # links into the site itself
        ("[Seite](/terms/outsourcing/)", "points inside this site"),
        ("[Seite](../outsourcing.md)", "points inside this site"),
        ("[Seite](outsourcing.md)", "points inside this site"),
        ("[Seite](//example.com/x)", "points inside this site"),
        ("[Seite][r]\n\n[r]: /intern/", "points inside this site"),
    ],
)
def test_forbidden_markup_is_flagged(text: str, kind: str) -> None:
    problems = list(markup_problems(text))
    assert problems, "not flagged"
    assert any(kind in message for _, message in problems), problems
    # what is reported as written can be found in the text, to locate it in the file
    assert all(written in text for written, _ in problems)


def test_every_problem_of_a_text_is_reported() -> None:
    text = "<b>a</b> {: .x} [j](javascript:x) [r](/intern) [ok](https://a.dk) [m](mailto:a@b.dk)"
    messages = [message for _, message in markup_problems(text)]
    assert sum("raw HTML" in m for m in messages) == 2
    assert sum("attribute lists" in m for m in messages) == 1
    assert sum("scheme 'javascript:'" in m for m in messages) == 1
    assert sum("points inside this site" in m for m in messages) == 1
    assert len(messages) == 5


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("`a <b> c`", " " * 9),
        ("x `y` z", "x     z"),
        ("``a ` b`` c", " " * 9 + " c"),
        ("```\n<b>\n\n</b>\n```", "   \n   \n\n    \n   "),  # lines kept, to locate findings
        ("kein Code", "kein Code"),
    ],
)
def test_without_code_blanks_code_in_place(text: str, expected: str) -> None:
    assert without_code(text) == expected


# --- urls -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "allow_relative", "expected"),
    [
        ("https://example.com", False, None),
        ("http://example.com/a?b=c#d", False, None),
        ("HTTPS://EXAMPLE.COM", False, None),
        ("mailto:info@example.com", False, None),
        ("#abschnitt", False, None),
        ("javascript:alert(1)", False, "scheme 'javascript:'"),
        ("  javascript:alert(1)", False, "scheme 'javascript:'"),
        ("JaVaScRiPt:alert(1)", False, "scheme 'JaVaScRiPt:'"),
        ("data:text/html,<b>", False, "scheme 'data:'"),
        ("vbscript:msgbox", False, "scheme 'vbscript:'"),
        ("ftp://example.com", False, "scheme 'ftp:'"),
        ("file:///etc/passwd", False, "scheme 'file:'"),
        ("javascript:alert(1)", True, "scheme 'javascript:'"),
        ("/terms/a/", False, "points inside this site"),
        ("../a.md", False, "points inside this site"),
        ("a.md", False, "points inside this site"),
        ("//example.com", False, "points inside this site"),
        ("a.md", True, None),
        ("/terms/a/", True, None),
    ],
)
def test_url_problem(url: str, allow_relative: bool, expected: str | None) -> None:
    problem = url_problem(url, allow_relative=allow_relative)
    if expected is None:
        assert problem is None
    else:
        assert problem is not None and expected in problem
        assert url in problem
