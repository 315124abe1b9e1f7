from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.utils import translation

from benchmarks.generate import GENERATORS
from benchmarks.generate.text import TextMaker, names_of
from centre import cache
from centre.models import Technology


class Command(BaseCommand):
    help = (
        "Load the demo content (seed_demo), then add generated pages, partners and publications "
        "with realistic az/en/ru text for load tests and benchmarks. Each --<kind> N tops that "
        "kind's generated objects up to N, so a second run adds nothing. Never on a real site."
    )

    def add_arguments(self, parser):
        for kind in GENERATORS:
            parser.add_argument(
                f"--{kind}", type=int, default=0, help=f"How many generated {kind} to have."
            )
        parser.add_argument(
            "--large-pdfs",
            type=int,
            default=2,
            help="How many of the generated publications carry a large PDF (for downloads); "
            "0 for none.",
        )
        parser.add_argument(
            "--large-pdf-mb", type=int, default=200, help="Size of each large PDF, in MB."
        )
        parser.add_argument("--seed", default="4sim", help="Seed of the text generator.")
        parser.add_argument(
            "--delete", action="store_true", help="Remove every generated object instead."
        )

    def handle(self, *args, **options):
        with translation.override("az"):
            if options["delete"]:
                for kind, module in reversed(GENERATORS.items()):
                    self.stdout.write(f"{kind}: {module.delete()} deleted")
            else:
                call_command("seed_demo", stdout=self.stdout)
                self.generate(options)
        # Staff did not make these changes through the admin: start the page cache afresh.
        cache.invalidate()
        # Thousands of rows just arrived: the query planner's statistics still describe the
        # few before (PostgreSQL's autovacuum catches up only later), and with them it picks
        # plans fit for a handful of rows (a related-publications query took 5 ms, not 0.3).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    def generate(self, options):
        technologies = [names_of(technology) for technology in Technology.objects.all()]

        def text(key):
            # One generator per object: the same object gets the same text on every run.
            return TextMaker.seeded(f"{options['seed']}-{key}", technologies)

        for kind, module in GENERATORS.items():
            created = module.generate(
                options[kind],
                text=text,
                large_pdfs=options["large_pdfs"],
                large_pdf_mb=options["large_pdf_mb"],
            )
            self.stdout.write(f"{kind}: {created} generated")
