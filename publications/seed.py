"""
Sample publications for ``manage.py seed_demo``, each clearly labelled as a sample.

The Centre has prepared a research document on successful solutions of 4IR technologies across
sectors of the economy, but its real title, year and PDF are not available (see
shared/content/FACTS.md). The first sample stands in for it, built only from public facts
about the Centre and saying on every page that it is a sample; a few smaller samples give the
list and its filters something to show. Every sample has a real PDF per language, made here.

A sample presents no invented fact as real: its type is "Sample", it has no date (so no
citation, no ``citation_*`` tags, no year), and its summary describes the document.

Seeding is idempotent: sectors are looked up by slug and publications by their Azerbaijani
slug; whatever exists (possibly edited by staff) is left alone. The one exception: a sample
made by an earlier seed with an invented type and date is corrected, field by field, only
where it still holds exactly what that seed wrote (``EARLIER``); the database keeps no record
of who wrote a value, so a value staff typed that happens to equal the old one is corrected
too.
"""

import datetime
import hashlib

from django.core.files.base import ContentFile
from django.db import transaction

from centre.models import Status, Technology

from .models import Publication, PublicationFile, PublicationType, Sector
from .samples import build_pdf

SECTORS = [
    ("industry", "Sənaye", "Industry", "Промышленность"),
    ("energy", "Enerji", "Energy", "Энергетика"),
    ("agriculture", "Kənd təsərrüfatı", "Agriculture", "Сельское хозяйство"),
    ("transport-logistics", "Nəqliyyat və logistika", "Transport and logistics",
     "Транспорт и логистика"),
    ("healthcare", "Səhiyyə", "Healthcare", "Здравоохранение"),
    ("finance", "Maliyyə", "Finance", "Финансы"),
    ("education", "Təhsil", "Education", "Образование"),
    ("public-administration", "Dövlət idarəçiliyi", "Public administration",
     "Государственное управление"),
    ("trade", "Ticarət", "Trade", "Торговля"),
]  # fmt: skip

CENTRE = {
    "az": "Dördüncü Sənaye İnqilabının Təhlili və Koordinasiya Mərkəzi",
    "en": "Fourth Industrial Revolution Analysis and Coordination Centre",
    "ru": "Центр анализа и координации Четвёртой промышленной революции",
}

ABOUT_SAMPLE = {
    "az": (
        "Bu sənəd haqqında",
        "Bu, nümunə sənəddir, Mərkəzin real nəşri deyil: onun adı, ili və mətni burada "
        "təkrarlanmır. Aşağıdakı mətn yalnız Mərkəz haqqında açıq "
        "mənbələrdə dərc olunmuş faktlara əsaslanır.",
    ),
    "en": (
        "About this document",
        "This is a sample document, not a real publication of the Centre: its title, year and "
        "text are not reproduced here. The text "
        "below relies only on facts about the Centre published in open sources.",
    ),
    "ru": (
        "Об этом документе",
        "Это образец документа, а не настоящая публикация Центра: её название, год и текст "
        "здесь не воспроизводятся. Текст ниже "
        "основан только на фактах о Центре, опубликованных в открытых источниках.",
    ),
}

# The about-this-sample text of earlier seeds' PDFs, to recognise a file they made.
EARLIER_ABOUT = {
    "az": "Bu, saytın nümayişi üçün hazırlanmış nümunə sənəddir. Mərkəzin real nəşri deyil: "
    "onun adı, ili və mətni burada təkrarlanmır. Aşağıdakı mətn yalnız Mərkəz haqqında açıq "
    "mənbələrdə dərc olunmuş faktlara əsaslanır.",
    "en": "This is a sample document made to demonstrate the website. It is not a real "
    "publication of the Centre: its title, year and text are not reproduced here. The text "
    "below relies only on facts about the Centre published in open sources.",
    "ru": "Это образец документа, подготовленный для демонстрации сайта. Это не настоящая "
    "публикация Центра: её название, год и текст здесь не воспроизводятся. Текст ниже "
    "основан только на фактах о Центре, опубликованных в открытых источниках.",
}

RESEARCH = {
    "slug": "4si-texnologiyalarinin-ugurlu-helleri-numune",
    "type": PublicationType.SAMPLE,
    "featured": True,
    "technologies": [
        "artificial-intelligence",
        "robotics",
        "internet-of-things",
        "3d-printing",
        "genetic-engineering",
        "quantum-computing",
    ],
    "sectors": [slug for slug, *_names in SECTORS],
    "title": {
        "az": "4Sİ texnologiyalarının iqtisadiyyatın sahələrində uğurlu həlləri (nümunə sənəd)",
        "en": "Successful solutions of 4IR technologies across sectors of the economy "
        "(sample document)",
        "ru": "Успешные решения технологий 4ПР в отраслях экономики (образец документа)",
    },
    "abstract": {
        "az": (
            "Nümunə sənəd. Mərkəz 4Sİ texnologiyalarının iqtisadiyyatın müxtəlif sahələrinə dair "
            "uğurlu həllərini özündə ehtiva edən tədqiqat sənədi hazırlayıb; onun real adı, ili "
            "və PDF faylı bu saytda yoxdur. Bu nümunə onun yerini tutur və yalnız Mərkəz haqqında "
            "açıq faktlardan ibarətdir: Mərkəzin yaradılması, Dünya İqtisadi Forumu ilə "
            "əməkdaşlığı, süni intellekt, robototexnika, əşyaların interneti, 3D çap, gen "
            "mühəndisliyi və kvant hesablamaları.\n\n"
            "Fayl Azərbaycan, ingilis və rus dillərindədir."
        ),
        "en": (
            "Sample document. The Centre has prepared a research document on successful "
            "solutions of 4IR technologies across sectors of the economy; its real title, year "
            "and PDF are not on this site. This sample stands in for it and holds only public "
            "facts about the Centre: how it was created, its cooperation with the World Economic "
            "Forum, and artificial intelligence, robotics, the Internet of Things, 3D printing, "
            "genetic engineering and quantum computing.\n\n"
            "The file is available in Azerbaijani, English and Russian."
        ),
        "ru": (
            "Образец документа. Центр подготовил исследовательский документ об успешных решениях "
            "технологий 4ПР в различных отраслях экономики; его настоящие название, год и "
            "PDF-файл на этом сайте отсутствуют. Этот образец заменяет его и содержит только "
            "открытые факты о Центре: его создание, сотрудничество со Всемирным экономическим "
            "форумом, искусственный интеллект, робототехнику, интернет вещей, 3D-печать, генную "
            "инженерию и квантовые вычисления.\n\n"
            "Файл доступен на азербайджанском, английском и русском языках."
        ),
    },
    "subtitle": {
        "az": "Dördüncü Sənaye İnqilabı texnologiyalarının tətbiqinə dair tədqiqat sənədinin "
        "nümunəsi",
        "en": "A sample of a research document on applying Fourth Industrial Revolution "
        "technologies",
        "ru": "Образец исследовательского документа о применении технологий Четвёртой "
        "промышленной революции",
    },
    "sections": {
        "az": [
            (
                "Mərkəz",
                [
                    "Dördüncü Sənaye İnqilabının Təhlili və Koordinasiya Mərkəzi (4SİM) "
                    "Azərbaycan Respublikası Prezidentinin 6 yanvar 2021-ci il tarixli Fərmanı "
                    "ilə yaradılıb və İqtisadiyyat Nazirliyinin tabeliyindədir.",
                    "21 yanvar 2020-ci ildə Davosda, Dünya İqtisadi Forumunda Prezident İlham "
                    "Əliyev və Forumun prezidenti Borge Brende Dördüncü Sənaye İnqilabı "
                    "Mərkəzləri Şəbəkəsinin Azərbaycan Mərkəzinin yaradılması ilə bağlı niyyət "
                    "protokolu imzalayıblar.",
                    "1 aprel 2021-ci ildən Mərkəz bu Şəbəkənin Azərbaycan Mərkəzinin fəaliyyətini "
                    "koordinasiya edir. Bu, MDB məkanında yaradılan ilk belə mərkəzdir. Mərkəz 23 "
                    "fevral 2022-ci ildə Bakıda “Dördüncü Sənaye İnqilabının trendləri” konfransı "
                    "ilə rəsmən açılıb və 22 dövlət qurumunun nümayəndələrindən ibarət işçi "
                    "qrupunu əlaqələndirir.",
                ],
            ),
            (
                "Texnologiyalar",
                [
                    "Dördüncü Sənaye İnqilabı fiziki, rəqəmsal və bioloji müstəvilər arasındakı "
                    "sərhədlərin çulğalaşmasını təsvir edir. Mərkəzin mətnində adı çəkilən "
                    "texnologiyalar:",
                    [
                        "süni intellekt",
                        "robototexnika",
                        "əşyaların interneti",
                        "3D çap",
                        "gen mühəndisliyi",
                        "kvant hesablamaları",
                    ],
                ],
            ),
            (
                "İqtisadiyyatın sahələri",
                [
                    "Real sənəd bu texnologiyaların iqtisadiyyatın müxtəlif sahələrində uğurlu "
                    "həllərini araşdırır. Bu nümunədə həmin sahələrin yalnız adları verilir:",
                    [name_az for _slug, name_az, _en, _ru in SECTORS],
                ],
            ),
            (
                "Beynəlxalq əməkdaşlıq",
                [
                    "Mərkəz Dünya İqtisadi Forumunun süni intellekt və maşın öyrənməsi, "
                    "əşyaların interneti və şəhər transformasiyası, eləcə də rəqəmsal ticarət və "
                    "iqtisadiyyat platformaları ilə əməkdaşlıq edir.",
                    "Şəbəkənin Türkiyə, Birləşmiş Ərəb Əmirlikləri, İsrail və Yaponiyadakı "
                    "mərkəzləri ilə sıx əməkdaşlıq qurulur. Dünya İqtisadi Forumunun Dördüncü "
                    "Sənaye İnqilabı Mərkəzləri Şəbəkəsi 2017-ci ilin martında San-Fransiskoda "
                    "yaradılıb.",
                ],
            ),
        ],
        "en": [
            (
                "The Centre",
                [
                    "The Fourth Industrial Revolution Analysis and Coordination Centre (4SIM) "
                    "was created by Decree of the President of the Republic of Azerbaijan of "
                    "6 January 2021 and works under the Ministry of Economy.",
                    "On 21 January 2020, at the World Economic Forum in Davos, President Ilham "
                    "Aliyev and the Forum's President Børge Brende signed a protocol of intent on "
                    "creating the Azerbaijan centre of the Centre for the Fourth Industrial "
                    "Revolution Network.",
                    "Since 1 April 2021 the Centre has coordinated the Network's Azerbaijan "
                    "centre, the first such centre in the CIS. It was officially launched in "
                    "Baku on 23 February 2022 with the conference “Trends of the Fourth "
                    "Industrial Revolution”, and it coordinates a working group of "
                    "representatives of 22 state bodies.",
                ],
            ),
            (
                "Technologies",
                [
                    "The Fourth Industrial Revolution describes the blurring of the boundaries "
                    "between the physical, digital and biological spheres. The technologies the "
                    "Centre's text names:",
                    [
                        "artificial intelligence",
                        "robotics",
                        "the Internet of Things",
                        "3D printing",
                        "genetic engineering",
                        "quantum computing",
                    ],
                ],
            ),
            (
                "Sectors of the economy",
                [
                    "The real document examines successful solutions of these technologies in "
                    "various sectors of the economy. This sample only names those sectors:",
                    [name_en for _slug, _az, name_en, _ru in SECTORS],
                ],
            ),
            (
                "International cooperation",
                [
                    "The Centre works with the World Economic Forum's platforms on artificial "
                    "intelligence and machine learning, on the Internet of Things and urban "
                    "transformation, and on digital trade and the economy.",
                    "It builds close cooperation with the Network's centres in Türkiye, the "
                    "United Arab Emirates, Israel and Japan. The World Economic Forum's Centre "
                    "for the Fourth Industrial Revolution Network was founded in San Francisco "
                    "in March 2017.",
                ],
            ),
        ],
        "ru": [
            (
                "Центр",
                [
                    "Центр анализа и координации Четвёртой промышленной революции (4SİM) создан "
                    "Указом Президента Азербайджанской Республики от 6 января 2021 года и "
                    "действует при Министерстве экономики.",
                    "21 января 2020 года в Давосе, на Всемирном экономическом форуме, Президент "
                    "Ильхам Алиев и президент Форума Бёрге Бренде подписали протокол о намерениях "
                    "создать азербайджанский центр Сети центров Четвёртой промышленной революции.",
                    "С 1 апреля 2021 года Центр координирует деятельность азербайджанского центра "
                    "Сети — первого такого центра в СНГ. Центр официально открыт в Баку 23 "
                    "февраля 2022 года конференцией «Тренды Четвёртой промышленной революции» и "
                    "координирует рабочую группу из представителей 22 государственных органов.",
                ],
            ),
            (
                "Технологии",
                [
                    "Четвёртая промышленная революция — это размывание границ между физической, "
                    "цифровой и биологической сферами. Технологии, названные в тексте Центра:",
                    [
                        "искусственный интеллект",
                        "робототехника",
                        "интернет вещей",
                        "3D-печать",
                        "генная инженерия",
                        "квантовые вычисления",
                    ],
                ],
            ),
            (
                "Отрасли экономики",
                [
                    "Настоящий документ исследует успешные решения этих технологий в различных "
                    "отраслях экономики. В этом образце названы только сами отрасли:",
                    [name_ru for _slug, _az, _en, name_ru in SECTORS],
                ],
            ),
            (
                "Международное сотрудничество",
                [
                    "Центр сотрудничает с платформами Всемирного экономического форума по "
                    "искусственному интеллекту и машинному обучению, интернету вещей и "
                    "городской трансформации, а также цифровой торговле и экономике.",
                    "Налаживается тесное сотрудничество с центрами Сети в Турции, Объединённых "
                    "Арабских Эмиратах, Израиле и Японии. Сеть центров Четвёртой промышленной "
                    "революции Всемирного экономического форума основана в Сан-Франциско в марте "
                    "2017 года.",
                ],
            ),
        ],
    },
}


def _short_sample(slug, technologies, sectors, title, abstract, body):
    """A smaller sample: an about-this-sample page and one page of its own."""
    subtitle = {"az": "Nümunə sənəd", "en": "Sample document", "ru": "Образец документа"}
    return {
        "slug": slug,
        "type": PublicationType.SAMPLE,
        "featured": False,
        "technologies": technologies,
        "sectors": sectors,
        "title": title,
        "abstract": abstract,
        "subtitle": {code: subtitle[code] for code in title},
        "sections": {code: [(heading, [text]) for heading, text in body[code]] for code in title},
    }


SMALL_SAMPLES = [
    _short_sample(
        "suni-intellekt-dovlet-xidmetlerinde-numune",
        ["artificial-intelligence"],
        ["public-administration", "healthcare"],
        title={
            "az": "Süni intellekt dövlət xidmətlərində: icmal (nümunə)",
            "en": "Artificial intelligence in public services: an overview (sample)",
        },
        abstract={
            "az": "Nümunə sənəd. Mərkəz Dünya İqtisadi Forumunun süni intellekt və maşın "
            "öyrənməsi platforması ilə əməkdaşlıq edir.",
            "en": "A sample document. The Centre works with the World Economic Forum's platform "
            "on artificial intelligence and machine learning.",
        },
        body={
            "az": [
                (
                    "Süni intellekt",
                    "Mərkəz Dünya İqtisadi Forumunun süni intellekt və maşın "
                    "öyrənməsi platforması ilə əməkdaşlıq edir. Bu platforma bu gün Süni İntellekt "
                    "İdarəçiliyi Alyansı adlanır və 2023-cü ildə yaradılıb.",
                ),
            ],
            "en": [
                (
                    "Artificial intelligence",
                    "The Centre works with the World Economic Forum's "
                    "platform on artificial intelligence and machine learning, known today as the "
                    "AI Governance Alliance, launched in 2023.",
                ),
            ],
        },
    ),
    _short_sample(
        "esyalarin-interneti-ve-seher-transformasiyasi-numune",
        ["internet-of-things"],
        ["transport-logistics", "energy"],
        title={
            "az": "Əşyaların interneti və şəhər transformasiyası (nümunə)",
            "ru": "Интернет вещей и городская трансформация (образец)",
        },
        abstract={
            "az": "Nümunə sənəd. Mərkəz Dünya İqtisadi Forumunun əşyaların interneti və şəhər "
            "transformasiyası platforması ilə əməkdaşlıq edir.",
            "ru": "Образец документа. Центр сотрудничает с платформой Всемирного экономического "
            "форума по интернету вещей и городской трансформации.",
        },
        body={
            "az": [
                (
                    "Əşyaların interneti",
                    "Mərkəz Dünya İqtisadi Forumunun “Əşyaların interneti və "
                    "şəhər transformasiyasının gələcəyinin formalaşdırılması” platforması ilə "
                    "əməkdaşlıq edir.",
                ),
            ],
            "ru": [
                (
                    "Интернет вещей",
                    "Центр сотрудничает с платформой Всемирного экономического "
                    "форума «Формирование будущего интернета вещей и городской трансформации».",
                ),
            ],
        },
    ),
    _short_sample(
        "robototexnika-ve-3d-cap-senayede-numune",
        ["robotics", "3d-printing"],
        ["industry"],
        title={"az": "Robototexnika və 3D çap sənayedə (nümunə)"},
        abstract={
            "az": "Nümunə sənəd, yalnız Azərbaycan dilində. Robototexnika və 3D çap Mərkəzin "
            "mətnində adı çəkilən Dördüncü Sənaye İnqilabı texnologiyalarındandır."
        },
        body={
            "az": [
                (
                    "Robototexnika və 3D çap",
                    "Robototexnika və 3D çap Mərkəzin mətnində adı çəkilən "
                    "Dördüncü Sənaye İnqilabı texnologiyalarındandır: süni intellekt, "
                    "robototexnika, əşyaların interneti, 3D çap, gen mühəndisliyi və kvant "
                    "hesablamaları.",
                ),
            ],
        },
    ),
]


# What earlier seeds wrote and this one no longer does: the invented type and date of each
# sample, and summaries that spoke of the website. A row still holding them is corrected.
EARLIER = {
    RESEARCH["slug"]: {"type": PublicationType.RESEARCH, "date": datetime.date(2022, 2, 23)},
    "suni-intellekt-dovlet-xidmetlerinde-numune": {
        "type": PublicationType.REPORT,
        "date": datetime.date(2023, 6, 15),
        "abstract": {
            "az": "Nümunə sənəd, saytın siyahısını və filtrlərini göstərmək üçün. Mərkəz Dünya "
            "İqtisadi Forumunun süni intellekt və maşın öyrənməsi platforması ilə əməkdaşlıq "
            "edir.",
            "en": "A sample document, to show the site's list and filters. The Centre works "
            "with the World Economic Forum's platform on artificial intelligence and machine "
            "learning.",
        },
    },
    "esyalarin-interneti-ve-seher-transformasiyasi-numune": {
        "type": PublicationType.STRATEGY,
        "date": datetime.date(2022, 10, 3),
    },
    "robototexnika-ve-3d-cap-senayede-numune": {
        "type": PublicationType.POLICY_BRIEF,
        "date": datetime.date(2024, 3, 12),
    },
}


def seed():
    """Create the sectors and sample publications that are missing; return how many."""
    created = 0
    for order, (slug, name_az, name_en, name_ru) in enumerate(SECTORS, start=1):
        _sector, new = Sector.objects.get_or_create(
            slug=slug,
            defaults={"name_az": name_az, "name_en": name_en, "name_ru": name_ru, "order": order},
        )
        created += new
    for sample in (RESEARCH, *SMALL_SAMPLES):
        created += _ensure_publication(sample)
    return created


def _ensure_publication(sample):
    existing = Publication.objects.filter(slug_az=sample["slug"]).first()
    if existing is not None:
        _correct_earlier_seed(existing, sample)
        return 0
    with transaction.atomic():
        publication = Publication(
            slug_az=sample["slug"],
            publication_type=sample["type"],
            featured=sample["featured"],
            status=Status.PUBLISHED,
            **{f"title_{code}": text for code, text in sample["title"].items()},
            **{f"abstract_{code}": text for code, text in sample["abstract"].items()},
        )
        publication.save()
        publication.technologies.set(Technology.objects.filter(slug__in=sample["technologies"]))
        publication.sectors.set(Sector.objects.filter(slug__in=sample["sectors"]))
        for code in sample["title"]:
            PublicationFile.objects.create(
                publication=publication,
                language=code,
                file=ContentFile(_sample_pdf(sample, code), name=f"{sample['slug']}-{code}.pdf"),
            )
        publication.refresh_cover()
    return 1


def _sample_pdf(sample, code, date=None, about_text=None):
    about_heading, own_about_text = ABOUT_SAMPLE[code]
    return build_pdf(
        language=code,
        title=sample["title"][code],
        subtitle=sample["subtitle"][code],
        publisher=CENTRE[code],
        date=date.isoformat() if date else "",
        sections=[(about_heading, [about_text or own_about_text]), *sample["sections"][code]],
    )


def _correct_earlier_seed(publication, sample):
    """Take out what an earlier seed invented, where the row still holds exactly that."""
    earlier = EARLIER.get(sample["slug"])
    if earlier is None or (
        publication.publication_type,
        publication.publication_date,
    ) != (earlier["type"], earlier["date"]):
        return
    with transaction.atomic():
        publication.publication_type = sample["type"]
        publication.publication_date = None
        for code, text in earlier.get("abstract", {}).items():
            if getattr(publication, f"abstract_{code}") == text:
                setattr(publication, f"abstract_{code}", sample["abstract"][code])
        publication.save()
        # The PDFs printed the date on their first page (and so on the cover made from it):
        # a file still as that seed made it is made again.
        for stored in publication.files.all():
            if stored.language not in sample["title"]:
                continue
            old = _sample_pdf(
                sample, stored.language, earlier["date"], EARLIER_ABOUT[stored.language]
            )
            if stored.sha256 == hashlib.sha256(old).hexdigest():
                stored.file = ContentFile(
                    _sample_pdf(sample, stored.language),
                    name=f"{sample['slug']}-{stored.language}.pdf",
                )
                stored.save()
        publication.refresh_cover()
