"""
The translator's view of one item (``ContentAdmin``'s ``<id>/translations/``): each tracked
field as a row, the Azerbaijani beside English and Russian, and for a possibly outdated
translation what changed in the Azerbaijani since it was made, word by word.

"When it was made" is read from history (django-reversion): ``translation_sources`` keeps a
digest of the Azerbaijani text each translation was saved (or checked) against, and the newest
version whose Azerbaijani text has that digest is the one shown. ``ContentAdmin`` records an
item's stored state as a first version before its first change in the admin, so the text a
translation was made from is in history even for content that came from the seed.
"""

import re
import unicodedata
from difflib import SequenceMatcher
from functools import partial

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.utils import quote
from django.core.exceptions import NON_FIELD_ERRORS, BadRequest
from django.db import router, transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.html import escape, format_html, format_html_join
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_prose_editor.fields import ProseEditorField
from reversion.errors import RevertError
from reversion.models import Version

from .history import keep_first_version, revision
from .html import editor_media, text_blocks
from .i18n import translation_languages
from .models import text_digest
from .text import capfirst

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# What models.text_digest() gives: the view sends the Azerbaijani it shows as one.
_DIGEST = re.compile(r"[0-9a-f]{16}")
# A word (Azerbaijani letters and digits included: \w is Unicode; "2020-ci" and "o'n" are one),
# or one other mark.
_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")
# What comes before a word: nothing, a space, or a paragraph break (shown as it is, under
# white-space: pre-line). Only the words are compared: spaces and breaks alone are no change.
PARAGRAPH = "\n\n"

# Paragraphs are compared first, then the words of the paragraphs that changed. Where a group
# of changed paragraphs holds more pairs of old and new words than this, it is marked whole:
# a word-by-word comparison grows with the product (see benchmarks/word_difference.py).
MAX_WORD_PAIRS = 1_000_000


def paragraphs(value, rich=False):
    """The text a reader reads, as paragraphs: tags are not words, blank lines part paragraphs."""
    # Rich text: a tag is no word, and each block (a paragraph, heading, list item) is one.
    blocks = text_blocks(value) if rich else _PARAGRAPH_BREAK.split(value or "")
    blocks = (unicodedata.normalize("NFC", block) for block in blocks)
    return [" ".join(block.split()) for block in blocks if block.strip()]


def _tokens(paragraphs):
    """``(word or mark, what comes before it)`` for each word and mark of ``paragraphs``."""
    tokens = []
    for paragraph in paragraphs:
        for match in _TOKEN.finditer(paragraph):
            if match.start() == 0:
                before = PARAGRAPH if tokens else ""
            else:
                before = " " if paragraph[match.start() - 1].isspace() else ""
            tokens.append((match.group(), before))
    return tokens


# Removed and added words are struck through and underlined, and say so to screen readers in
# the admin's language (the words themselves are Azerbaijani).
_MARKED = (
    '<{0}><span class="visually-hidden" lang="{1}">[{2} </span>{3}'
    '<span class="visually-hidden" lang="{1}">]</span></{0}>'
)


def _words(tokens, marked=None):
    if marked is None or not tokens:
        return format_html_join("", "{}{}", ((before, word) for word, before in tokens))
    # What comes before the first word stays outside the mark.
    (first, before), *rest = tokens
    announced = _("removed:") if marked == "del" else _("added:")
    text = _words([(first, ""), *rest])
    return escape(before) + format_html(_MARKED, marked, get_language(), announced, text)


def word_difference(old, new, rich=False):
    """
    ``old`` changed into ``new``, as HTML: the words they share as they are, removed words in
    ``<del>``, added ones in ``<ins>``; a changed space, tag or paragraph break alone is no
    change. Paragraphs are separated by a blank line (shown under white-space: pre-line).
    """
    a, b = paragraphs(old, rich), paragraphs(new, rich)
    groups = []
    for operation, i1, i2, j1, j2 in SequenceMatcher(None, a, b).get_opcodes():
        removed, added = a[i1:i2], b[j1:j2]
        if operation == "equal":
            groups.append(_words(_tokens(added)))
        elif len(removed) == len(added) and _pairs(removed, added) > MAX_WORD_PAIRS:
            # Too many words to compare at once (a correction in every paragraph of a long
            # text): paragraph by paragraph, as many as there were.
            pairs = zip(removed, added, strict=True)
            groups += [_changed_paragraphs([old], [new]) for old, new in pairs]
        else:
            groups.append(_changed_paragraphs(removed, added))
    return format_html_join(PARAGRAPH, "{}", ((group,) for group in groups))


def _pairs(old, new):
    """How many (old word, new word) pairs comparing paragraphs ``old`` and ``new`` weighs."""
    return sum(len(p.split()) for p in old) * sum(len(p.split()) for p in new)


def _changed_paragraphs(old, new):
    """Paragraphs ``old`` changed into ``new``: word by word, or (too many words) whole."""
    removed, added = _tokens(old), _tokens(new)
    if removed and added and _pairs(old, new) <= MAX_WORD_PAIRS:
        return _changed_words(removed, added)
    return format_html_join(
        PARAGRAPH, "{}", ((_words(t, m),) for t, m in ((removed, "del"), (added, "ins")) if t)
    )


def _changed_words(removed, added):
    words = SequenceMatcher(None, [t for t, _b in removed], [t for t, _b in added], autojunk=False)
    parts = []
    for operation, i1, i2, j1, j2 in words.get_opcodes():
        if operation == "equal":
            parts.append(_words(added[j1:j2]))
            continue
        parts.append(_words(removed[i1:i2], "del"))
        parts.append(_words(added[j1:j2], "ins"))
    return format_html_join("", "{}", ((part,) for part in parts))


def versions_translated_from(obj, stale):
    """
    ``{(field, language): version}``: for each of ``stale`` (``{language: [field, …]}``), the
    newest version of ``obj`` whose Azerbaijani ``field`` is the text that translation was last
    saved (or checked) against; left out where history does not have that text. History is read
    once, newest first, a few versions at a time, and no further than needed.
    """
    sources = obj.translation_sources or {}
    wanted = {
        (field, code): sources[f"{field}:{code}"]["source"]
        for code, fields in stale.items()
        for field in fields
        if f"{field}:{code}" in sources
    }
    found = {}
    versions = Version.objects.get_for_object(obj).select_related("revision").order_by("-pk")
    for version in versions.iterator(chunk_size=20) if wanted else ():
        try:
            values = version.field_dict
        except RevertError:  # a version the current models cannot read
            continue
        for (field, code), digest in list(wanted.items()):
            if text_digest(values.get(f"{field}_{settings.LANGUAGE_CODE}")) == digest:
                found[field, code] = version
                del wanted[field, code]
        if not wanted:
            break
    return found


class TranslationViewMixin:
    """
    ``ContentAdmin``'s translation view of one item. Staff who may change the item save a
    translation at once, also on a published item (as the edit form does): each save is a
    version in its history. Saving one field's translation, changed or not, says it fits the
    Azerbaijani beside it and clears its flag; *Save all* saves the translations as typed (a
    changed one is up to date, an unchanged one keeps its flag); *Mark as checked* clears one
    flag without a change.
    """

    translation_template = "admin/centre_translations_form.html"

    def get_urls(self):
        view = self.admin_site.admin_view(self.translation_view)
        name = f"{self.opts.app_label}_{self.opts.model_name}_translations"
        return [path("<path:object_id>/translations/", view, name=name), *super().get_urls()]

    def translation_url(self, obj, field=None, code=None):
        url = reverse(self._url_name("translations"), args=[quote(obj.pk)])
        return f"{url}#field-{field}-{code}" if field else url

    def translation_names(self):
        """The form fields of the view: each tracked field in each language but Azerbaijani."""
        return [
            f"{field}_{code}"
            for field in self.model.tracked_translation_fields
            for code in translation_languages()
        ]

    def translation_form(self, request, names):
        # The same form fields as the edit form's (the editor, its limits and sanitising).
        return forms.modelform_factory(
            self.model,
            fields=names,
            formfield_callback=partial(self.formfield_for_dbfield, request=request),
        )

    @method_decorator(require_http_methods(["GET", "HEAD", "POST"]))
    def translation_view(self, request, object_id):
        obj = self.permitted_object(request, object_id)
        if request.method == "POST":
            return self._save_translations(request, obj)
        return self._render_translations(request, obj)

    def _save_translations(self, request, obj):
        names = self.translation_names()
        if "_check" in request.POST:
            target = request.POST["_check"]
            if target not in names:
                raise BadRequest
            field, _sep, code = target.rpartition("_")
            obj.mark_translations_checked(languages=[code], fields=[field])
            self._made_from_shown(request, obj, [target])
            obj.save(update_fields=["translation_sources"])
            messages.success(request, _("Translation marked as checked."))
            return self._after_saving(request, obj, [target])
        target = request.POST.get("_save", "")
        if target != "all" and target not in names:
            raise BadRequest
        # Only the fields the submission holds: one it leaves out is not emptied.
        chosen = [name for name in (names if target == "all" else [target]) if name in request.POST]
        if not chosen:
            raise BadRequest
        # Before the form sets what was typed on obj: the first version is what was stored.
        keep_first_version(obj)
        form = self.translation_form(request, chosen)(request.POST, instance=obj)
        if not form.is_valid():
            return self._render_translations(
                request, self._stored(request, obj), request.POST, form.errors
            )
        with transaction.atomic(using=router.db_for_write(self.model)), revision(request):
            obj = form.save(commit=False)
            if target != "all":  # this one translation was saved beside the Azerbaijani
                field, _sep, code = target.rpartition("_")
                obj.mark_translations_checked(languages=[code], fields=[field])
                self._made_from_shown(request, obj, [target])
            else:  # those typed anew; the others' flags stay as they are
                obj.record_translation_sources()
                self._made_from_shown(request, obj, form.changed_data)
            obj.save()
            self.log_change(request, obj, self.construct_change_message(request, form, None))
        if target == "all":
            messages.success(request, _("The translations were saved."))
        else:
            messages.success(request, _("The translation was saved."))
        return self._after_saving(request, obj, chosen)

    def _made_from_shown(self, request, obj, saved):
        """
        The translations ``saved`` were made from the Azerbaijani the view showed (its digest,
        ``shown_<field>``): if it has changed since, they stay flagged, with what changed marked.
        """
        changed = []
        for name in saved:
            field, _sep, code = name.rpartition("_")
            shown = request.POST.get(f"shown_{field}", "")
            recorded = (obj.translation_sources or {}).get(f"{field}:{code}")
            current = text_digest(getattr(obj, f"{field}_{settings.LANGUAGE_CODE}"))
            if recorded and _DIGEST.fullmatch(shown) and shown != current:
                recorded["source"] = shown
                changed.append(field)
        if changed:
            messages.warning(
                request,
                _(
                    "The Azerbaijani text changed while you were translating; what changed "
                    "is marked."
                ),
            )

    def _stored(self, request, obj):
        return self.get_queryset(request).get(pk=obj.pk)

    def _after_saving(self, request, obj, saved):
        """Back to the view; what was typed into other fields and not saved is kept."""
        obj = self._stored(request, obj)
        names = [name for name in self.translation_names() if name in request.POST]
        typed = self.translation_form(request, names)(request.POST, instance=obj)
        unsaved = [name for name in typed.changed_data if name not in saved]
        if not unsaved:
            field, _sep, code = saved[0].rpartition("_") if len(saved) == 1 else ("", "", "")
            return redirect(self.translation_url(obj, field, code))
        labels = []
        for name in unsaved:  # "title (RU)": the form's own label is "Title [ru]"
            field, _sep, code = name.rpartition("_")
            labels.append(f"{self.opts.get_field(field).verbose_name} ({code.upper()})")
        messages.warning(
            request,
            _("Not saved yet: %(fields)s. Save them when they are ready.")
            % {"fields": ", ".join(labels)},
        )
        return self._render_translations(
            request, obj, {name: request.POST.get(name, "") for name in unsaved}
        )

    def _render_translations(self, request, obj, typed=None, errors=None):
        may_change = self.has_change_permission(request, obj)
        form = may_change and self.translation_form(request, self.translation_names())(
            instance=obj, initial=dict((typed or {}).items())
        )
        stale, missing = obj.stale_translations(), obj.missing_translations()
        made_from = versions_translated_from(obj, stale)
        rows = []
        for field in self.model.tracked_translation_fields:
            rich = isinstance(self.opts.get_field(field), ProseEditorField)
            source = getattr(obj, f"{field}_{settings.LANGUAGE_CODE}")
            cells, differences = [], {}
            for code in translation_languages():
                name = f"{field}_{code}"
                version = made_from.get((field, code))  # a stale translation's, if in history
                cell = {
                    "code": code,
                    "language": capfirst(get_language_info(code)["name_translated"]),
                    "value": getattr(obj, name),
                    "missing": field in missing.get(code, ()),
                    "stale": field in stale.get(code, ()),
                    "field": form[name] if form else None,
                    "errors": (errors or {}).get(name),
                    "version": version,
                }
                if version is not None:
                    cell["version_url"] = reverse(
                        self._url_name("version"), args=[quote(obj.pk), version.pk]
                    )
                    if version.pk not in differences:  # English and Russian: once
                        old = version.field_dict.get(f"{field}_{settings.LANGUAGE_CODE}")
                        differences[version.pk] = word_difference(old, source, rich)
                    cell["difference"] = differences[version.pk]
                cells.append(cell)
            label = self.opts.get_field(field).verbose_name
            rows.append(
                {
                    "field": field,
                    "label": label,
                    "heading": capfirst(label),
                    "shown": text_digest(source),
                    "rich": rich,
                    "source": source,
                    "cells": cells,
                }
            )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Translations of “%(object)s”") % {"object": obj},
            "opts": self.opts,
            "original": obj,
            "rows": rows,
            "may_change": may_change,
            "non_field_errors": (errors or {}).get(NON_FIELD_ERRORS),
            "media": editor_media(request, form.media if form else forms.Media()),
            # The choice of language on a phone says how many of its fields are flagged.
            "languages": [
                {
                    "code": cell["code"],
                    "language": cell["language"],
                    "flagged": len({*missing.get(cell["code"], ()), *stale.get(cell["code"], ())}),
                }
                for cell in (rows[0]["cells"] if rows else [])
            ],
            "source_language": capfirst(
                get_language_info(settings.LANGUAGE_CODE)["name_translated"]
            ),
        }
        return TemplateResponse(request, self.translation_template, context)
