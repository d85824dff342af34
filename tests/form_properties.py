"""Random input for a page's forms: whatever is typed, the page answers with a form error or a save.

`RandomFormPosts.post_random` reads the forms a page draws (every Django form in its context),
posts a random value, a tricky value or a valid choice for each field, and checks the answer:
a redirect after a save, or the page again with at least one error on its forms. A 500 raises
in the test client and fails the example.
"""

import os

from django import forms
from hypothesis import strategies as st

# A page round trip per example: fewer examples than the pure parsers get.
FORM_EXAMPLES = int(os.environ.get("HYPOTHESIS_FORM_EXAMPLES", "25"))

TRICKY = [
    "",
    "0",
    "-1",
    "1",
    "abc",
    "99999999999999999999",
    "1899-12-31",
    "2026-02-30",
    "2026-13-01",
    "9999-12-31",
    "1e309",
    "NaN",
    "=1+1",
    "<script>alert(1)</script>",
    "\x00",
    "１２３",
    "是",
    " ",
]
text_values = st.one_of(
    st.text(max_size=30),
    st.sampled_from(TRICKY),
    st.from_regex(r"\A\d{4}-\d{1,2}-\d{1,2}\Z"),
    st.integers().map(str),
)


def page_forms(response):
    found = []
    for context in response.context:
        for value in context.flatten().values():
            if isinstance(value, forms.BaseForm) and value not in found:
                found.append(value)
    return found


def field_choices(field):
    choices = getattr(field, "choices", None)
    if choices is None:
        return []
    values = []
    for value, _label in choices:
        value = getattr(value, "value", value)  # ModelChoiceIteratorValue
        if value not in ("", None):
            values.append(str(value))
    return values[:20]


class RandomFormPosts:
    """Mixin for a hypothesis TestCase: `self.post_random(url, data_strategy_draw, fixed)`."""

    def post_random(self, url, draw, fixed=None):
        page = self.client.get(url)
        self.assertEqual(page.status_code, 200)
        data = {}
        for form in page_forms(page):
            for bound in form:
                if bound.html_name in (fixed or {}):
                    continue
                choices = field_choices(bound.field)
                options = [text_values] + ([st.sampled_from(choices)] if choices else [])
                how = draw(st.sampled_from(["omit", "value", "value"]))
                if how == "omit":
                    continue
                data[bound.html_name] = draw(st.one_of(*options))
        data.update(fixed or {})
        response = self.client.post(url, data)
        self.assertIn(response.status_code, (200, 302), data)
        if response.status_code == 200:
            shown = page_forms(response)
            self.assertTrue(any(form.errors for form in shown), data)
        return response
