"""Generated pages, partners and publications for ``generate_content``, in the order made."""

from . import pages, partners, publications

GENERATORS = {"pages": pages, "partners": partners, "publications": publications}
