"""
Site search over every content app, from one place.

The searchable models are named in ``settings.SEARCH_MODELS`` ("app_label.ModelName"), so this
module imports no app. Each such model offers ``search_documents()``: one dict per site language
(``language``, ``text_language``, ``title``, ``body``, ``url``, ``date``), or an empty list when
the public may not see it, and ``search_visible_from`` (a publish-from time or None). Entries
are kept current by the signal handlers connected in ``CentreConfig.ready``.

Matching is the same on both databases for what visitors type: text and query are folded the
Azerbaijani way (``centre.text.fold``), and every word of the query must begin a word of the
title or text. PostgreSQL does this with a stored, GIN-indexed ``tsvector`` and prefix queries
(English and Russian stemming for English and Russian text; the ``simple`` configuration for
Azerbaijani, for which PostgreSQL has no stemmer); other databases compare the folded columns.
Order: title matches first, then (PostgreSQL) ``ts_rank`` on ``rank_vector``, the title and the
text's opening, then the newest.
"""

import contextlib
import functools
import operator
import re
import unicodedata
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection, transaction
from django.db.models import F, Q
from django.db.models.functions import Left
from django.db.models.lookups import Contains
from django.db.models.signals import post_delete, post_save
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import capfirst

from centre.html import BLOCK_MARK, text_blocks
from centre.i18n import language_codes, localized_field, site_language
from centre.models import SearchEntry
from centre.text import fold

#: PostgreSQL text-search configuration per language of the text.
SEARCH_CONFIGS = {"en": "english", "ru": "russian"}
DEFAULT_SEARCH_CONFIG = "simple"  # Azerbaijani: no stemmer exists; prefix matching instead

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
_WORD = re.compile(r"[^\W_]+")
_NOT_WORD = re.compile(r"[\W_]")
# A block ending in one of these reads on into the next; any other (a heading, a list item, a
# name) is set apart by BLOCK_SEPARATOR rather than run into the next block's first words.
_SENTENCE_END = ".!?:;…,"
BLOCK_SEPARATOR = " · "


def searchable_models():
    return [apps.get_model(label) for label in settings.SEARCH_MODELS]


def fold_for_matching(text):
    """Folded text with every non-word character as a space, the same length as ``text``."""
    return _NOT_WORD.sub(" ", fold(text))


def plain_text(html):
    """Rich text as one line: tags become spaces, and blocks stay apart (``join_blocks``)."""
    return join_blocks(text_blocks(html))


def join_blocks(blocks):
    """Blocks of text as one line, each set apart from the next unless it ends a sentence."""
    line = ""
    for block in blocks:
        block = " ".join(unicodedata.normalize("NFC", block.replace(BLOCK_MARK, " ")).split())
        if not block:
            continue
        if line:
            line += " " if line[-1] in _SENTENCE_END else BLOCK_SEPARATOR
        line += block
    return line


def documents_in_each_language(obj, title_field, text_fields, extra_text=None):
    """
    One document per site language: the object's own text where it has it, else the default
    language's. ``extra_text``, if given, is called in each language.
    """
    documents = []
    for code in language_codes():
        text_language = code if code in obj.available_languages else settings.LANGUAGE_CODE
        with translation.override(code):
            url = obj.get_absolute_url()
            extra = extra_text() if extra_text else ""
        texts = [
            plain_text(text)
            for text in (
                *(getattr(obj, localized_field(field, text_language)) for field in text_fields),
                extra,
            )
        ]
        # Each field is a block of its own, and said once: a text another field already holds
        # (a publisher who is also the author, or named on the PDF's first page) is left out.
        texts = [
            text
            for index, text in enumerate(texts)
            if text
            and not any(
                text in other and (len(other) > len(text) or other_index < index)
                for other_index, other in enumerate(texts)
                if other_index != index
            )
        ]
        documents.append(
            {
                "language": code,
                "text_language": text_language,
                "title": getattr(obj, localized_field(title_field, text_language)),
                "body": join_blocks(texts),
                "url": url,
            }
        )
    return documents


def index_object(obj):
    """Bring the object's entries in line with its current text and visibility."""
    label = obj._meta.label_lower
    documents = obj.search_documents() if obj.pk else []
    with transaction.atomic():
        # What is left in ``existing`` once every document has taken its entry is stale.
        existing = {
            entry.language: entry
            for entry in SearchEntry.objects.filter(model=label, object_id=obj.pk)
        }
        changed = []
        for document in documents:
            values = _entry_values(document, getattr(obj, "search_visible_from", None))
            entry = existing.pop(document["language"], None)
            if entry and all(getattr(entry, name) == value for name, value in values.items()):
                continue
            entry = entry or SearchEntry(model=label, object_id=obj.pk)
            for name, value in values.items():
                setattr(entry, name, value)
            entry.save()
            changed.append(entry.pk)
        if existing:
            SearchEntry.objects.filter(pk__in=[entry.pk for entry in existing.values()]).delete()
        if changed and connection.vendor == "postgresql":
            _update_vectors(SearchEntry.objects.filter(pk__in=changed))


def _entry_values(document, visible_from):
    title = plain_text(document["title"])[:500]
    body = plain_text(document["body"])
    return {
        **document,  # language, text_language, url and (news) date as they are
        "title": title,
        "title_folded": " " + fold_for_matching(title),
        "body": body,
        "body_folded": " " + fold_for_matching(body),
        "date": document.get("date"),
        "visible_from": visible_from,
    }


def _update_vectors(entries):
    for text_language in {entry.text_language for entry in entries}:
        config = SEARCH_CONFIGS.get(text_language, DEFAULT_SEARCH_CONFIG)
        title = SearchVector("title_folded", weight="A", config=config)
        entries.filter(text_language=text_language).update(
            search_vector=title + SearchVector("body_folded", weight="B", config=config),
            rank_vector=title + SearchVector(Left("body_folded", 500), weight="B", config=config),
        )


def rebuild_index():
    """Index every object of every searchable model; return how many objects were read."""
    count = 0
    for model in searchable_models():
        pks = []
        for obj in model._default_manager.all():
            index_object(obj)
            pks.append(obj.pk)
        SearchEntry.objects.filter(model=model._meta.label_lower).exclude(
            object_id__in=pks
        ).delete()
        count += len(pks)
    return count


def _reindex_on_save(sender, instance, raw=False, **kwargs):
    if not raw:  # loaddata: the entries are rebuilt afterwards with rebuild_search_index
        index_object(instance)


def _unindex_on_delete(sender, instance, **kwargs):
    SearchEntry.objects.filter(model=sender._meta.label_lower, object_id=instance.pk).delete()


def connect_signals():
    for model in searchable_models():
        post_save.connect(_reindex_on_save, sender=model, dispatch_uid=f"search-save-{model}")
        post_delete.connect(_unindex_on_delete, sender=model, dispatch_uid=f"search-del-{model}")


def query_terms(raw):
    """The words of a visitor's query, folded; hostile input becomes harmless or nothing."""
    text = unicodedata.normalize("NFC", (raw or "").replace("\x00", " "))[:MAX_QUERY_LENGTH]
    return list(dict.fromkeys(term[:50] for term in _WORD.findall(fold(text))))[:MAX_TERMS]


def search(terms):
    """Entries in the active language matching every term, best first (title matches on top)."""
    language = translation.get_language()
    entries = (
        SearchEntry.objects.filter(language=language)
        .filter(Q(visible_from__isnull=True) | Q(visible_from__lte=timezone.now()))
        # What the index matches on, never shown: thousands of words an entry, left unread.
        .defer("title_folded", "body_folded", "search_vector", "rank_vector")
    )
    if not terms:
        return entries.none()
    # Lookups as expressions: a third of the cost of building Case(When(Q())) for each search.
    in_title = [Contains(F("title_folded"), " " + term) for term in terms]
    entries = entries.annotate(title_match=functools.reduce(operator.and_, in_title))
    if connection.vendor == "postgresql":
        query = _tsquery(terms, DEFAULT_SEARCH_CONFIG)
        if language in SEARCH_CONFIGS:
            query |= _tsquery(terms, SEARCH_CONFIGS[language])
        return (
            entries.filter(search_vector=query)
            # Ranked on the small vector: reading every match's full one (out of the row, in
            # TOAST) a second time cost as much as matching. F(): a bare name would make Django
            # re-parse the vector as text, losing the weights.
            .annotate(rank=SearchRank(F("rank_vector"), query))
            .order_by("-title_match", "-rank", F("date").desc(nulls_last=True), "pk")
        )
    for term in terms:
        entries = entries.filter(
            Q(title_folded__contains=" " + term) | Q(body_folded__contains=" " + term)
        )
    return entries.order_by("-title_match", F("date").desc(nulls_last=True), "pk")


@contextlib.contextmanager
def through_the_index(terms):
    """
    Where the search's query runs: on PostgreSQL, planned through the GIN index. For a common
    word the planner reads every entry of the language and tests its vector, which it costs as
    cheap but which is out of the row (TOAST); the index answers without reading one. On the
    benchmark data (1,527 entries a language, a word in 97 % of them) the query took 24.7 ms
    that way and 12.9 ms through the index; the transaction and SET add 0.1 ms. No terms, no
    query: nothing to plan.
    """
    if connection.vendor != "postgresql" or not terms:
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
        yield


def _tsquery(terms, config):
    # Terms hold only letters and digits (query_terms), so the raw syntax is safe.
    return SearchQuery(" & ".join(f"{term}:*" for term in terms), search_type="raw", config=config)


@dataclass
class Result:
    entry: SearchEntry
    excerpt: str
    type_name: str
    lang: str  # the language of its text where it is not the page's, else ""


def results(entries, terms):
    """What the page shows of each entry, worked out here rather than by a tag per result."""
    page_language = site_language()
    return [
        Result(
            entry,
            highlight(entry.body or entry.title, terms),
            capfirst(apps.get_model(entry.model)._meta.verbose_name),
            entry.text_language if entry.text_language != page_language else "",
        )
        for entry in entries
    ]


def highlight(text, terms, width=240):
    """An excerpt of ``text`` around the first match, matches wrapped in <mark>, HTML-safe."""
    folded = " " + fold_for_matching(text)
    # The space before a word in ``folded`` is at the word's index in ``text``.
    spans = sorted(
        (match.start(), match.start() + len(term))
        for term in terms
        for match in re.finditer(" " + re.escape(term), folded)
    )
    first = spans[0][0] if spans else 0
    start = max(0, first - width // 3)
    if start:
        start = text.find(" ", start) + 1 or start
    end = min(len(text), start + width)
    if end < len(text):
        end = space if (space := text.rfind(" ", start, end)) > start else end
    pieces, cursor = [], start
    for span_start, span_end in spans:
        if span_start < cursor or span_end > end:
            continue
        pieces.append(escape(text[cursor:span_start]))
        pieces.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        cursor = span_end
    pieces.append(escape(text[cursor:end]))
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)  # noqa: S308 - every piece is escaped
