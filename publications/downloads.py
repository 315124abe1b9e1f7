"""A publication's PDF, served by ``centre.downloads``: as a download or ``inline``."""

from urllib.parse import quote

from django.conf import settings

from centre import downloads


def file_response(request, publication_file, *, public, inline=False):
    """``centre.downloads.file_response`` for the PDF; ``inline`` changes only the disposition."""
    kind = "inline" if inline else "attachment"
    ascii_name, unicode_name = (
        publication_file.download_name,
        publication_file.unicode_download_name,
    )
    return downloads.file_response(
        request,
        publication_file.file.storage,
        publication_file.file.name,
        size=publication_file.size,
        etag=f'"{publication_file.sha256}"',
        last_modified=int(publication_file.uploaded_at.timestamp()),
        headers={
            "Content-Type": "application/pdf",
            # An ASCII filename, the real name as filename*.
            "Content-Disposition": f'{kind}; filename="{ascii_name}"; '
            f"filename*=UTF-8''{quote(unicode_name)}",
        },
        # Caches may keep the file but must ask again (ETag) before reusing it, so a
        # publication taken back offline is not served from a cache; max-age=0 also keeps
        # Django's own cache middleware from storing it.
        cache_control={"public": True, "no_cache": True, "max_age": 0}
        if public
        else {"private": True, "no_store": True},
        accel=settings.PUBLICATION_X_ACCEL_REDIRECT,
    )
