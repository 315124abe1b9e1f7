"""
Management commands speak English to the person at the shell. Django runs them in
LANGUAGE_CODE (az, the visitors' default), so createsuperuser mixed the user model's Azerbaijani
verbose names into its English sentences ("Error: That istifadəçi adı is already taken.").
manage.py runs every command in English; content commands choose their own language.
"""

import sys

import pytest
from django.contrib.auth.models import User
from django.db import connections

import manage
from pages.models import Page

pytestmark = pytest.mark.django_db


def run_manage(monkeypatch, *args):
    monkeypatch.setattr(sys, "argv", ["manage.py", *args])
    # A command run from the shell closes the database connections at its end, as the process
    # is about to exit; here the test's transaction must outlive it (PostgreSQL).
    monkeypatch.setattr(connections, "close_all", lambda: None)
    try:
        manage.main()
    except SystemExit as exit:
        return exit.code
    return 0


def test_createsuperuser_errors_are_english(monkeypatch, capsys):
    User.objects.create_user("ada", password="a-long-test-password")
    code = run_manage(
        monkeypatch, "createsuperuser", "--noinput", "--username", "ada", "--email", "a@b.az"
    )
    assert code == 1
    assert "Error: That username is already taken." in capsys.readouterr().err


def test_field_validation_messages_are_english(monkeypatch, capsys):
    code = run_manage(
        monkeypatch, "createsuperuser", "--noinput", "--username", "a b", "--email", "a@b.az"
    )
    assert code == 1
    error = capsys.readouterr().err
    assert "Enter a valid username." in error
    assert not User.objects.exists()


def test_project_commands_run_in_english_and_seed_in_azerbaijani(monkeypatch, capsys):
    assert run_manage(monkeypatch, "seed_demo") == 0
    assert "pages:" in capsys.readouterr().out

    # The content still goes into the Azerbaijani fields.
    assert Page._base_manager.exists()
    assert not Page._base_manager.filter(title_az="").exists()
