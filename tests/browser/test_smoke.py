"""Each demo role signs in through the real browser and lands on its own home page."""

import pytest

from tests.browser.conftest import sign_in


@pytest.mark.parametrize("email, heading", [
    ("client@example.org", "Today"),
    ("caregiver@example.org", "People I help"),
    ("therapist@example.org", "Clients"),
])
def test_demo_user_signs_in_and_sees_home(page, email, heading):
    sign_in(page, email)
    assert page.locator("h1").first.inner_text().startswith(heading)
