from articles.sanitize import html_to_text


def test_html_to_text_gives_one_line_a_block_with_entities_decoded():
    """Paragraphs, headings, items and breaks each end a line; tags go; entities are decoded."""
    html = "<p>Park &amp; Ma <em>met</em>.</p>\n<h2>Talks</h2><ul><li>one</li><li>two<br>three</li></ul>"
    assert html_to_text(html) == "Park & Ma met.\nTalks\none\ntwo\nthree"


def test_html_to_text_of_nothing_is_empty():
    """A story with no body has no text."""
    assert html_to_text("") == html_to_text(None) == ""
