"""While the database does not answer, pages say so with a 503 (try again soon), not a 500."""

from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError, ProgrammingError

pytestmark = pytest.mark.django_db

BROKEN = "django.db.backends.utils.CursorWrapper.execute"


@pytest.mark.parametrize(
    ("prefix", "text"),
    [
        ("az", "Müvəqqəti əlçatan deyil"),
        ("en", "Temporarily unavailable"),
        ("ru", "Временно недоступен"),
    ],
)
@pytest.mark.parametrize(
    "error",
    [
        OperationalError("server closed the connection unexpectedly"),
        InterfaceError("connection already closed"),
    ],
)
def test_pages_answer_503_in_the_visitors_language(client, seeded, prefix, text, error):
    client.raise_request_exception = False
    with mock.patch(BROKEN, side_effect=error):
        response = client.get(f"/{prefix}/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert text in response.text
    assert f'<html lang="{prefix}">' in response.text


def test_other_database_errors_are_still_500(client, seeded):
    client.raise_request_exception = False
    with mock.patch(BROKEN, side_effect=ProgrammingError("a bug")):
        response = client.get("/en/")
    assert response.status_code == 500
    assert "Something went wrong" in response.text
