"""
Realistic text in az, en and ru for generated content (``generate_content``).

Generated objects are for load tests and benchmarks: their text must look like the Centre's
(the same vocabulary, lengths, letters such as ə, ı, ş and Cyrillic) without pretending to be
real. Every sentence exists in the three languages side by side, so a generated object reads as
a faithful translation; nouns that Azerbaijani and Russian would decline are quoted or placed
where their dictionary form is correct. The output depends only on the seed it is given.
"""

import random
import re
from dataclasses import dataclass

LANGUAGES = ("az", "en", "ru")

# Generated objects end their Azerbaijani slug in "-g<number>", so a second run finds them,
# tops them up to the number asked for, and --delete removes exactly them.
SLUG_MARK = re.compile(r"-g([0-9]+)$")
SLUG_MARK_REGEX = SLUG_MARK.pattern

ASPECTS = [
    ("imkanlar və risklər", "opportunities and risks", "возможности и риски"),
    ("tətbiq təcrübəsi", "experience of application", "опыт применения"),
    ("yol xəritəsi", "a roadmap", "дорожная карта"),
    ("tənzimləmə yanaşmaları", "regulatory approaches", "подходы к регулированию"),
    ("pilot layihələr", "pilot projects", "пилотные проекты"),
    ("bacarıqlar və kadr hazırlığı", "skills and workforce", "навыки и подготовка кадров"),
    ("məlumatların idarə edilməsi", "data governance", "управление данными"),
    ("beynəlxalq təcrübə", "international practice", "международная практика"),
    ("investisiya ehtiyacları", "investment needs", "инвестиционные потребности"),
    ("kibertəhlükəsizlik məsələləri", "cybersecurity issues", "вопросы кибербезопасности"),
]

# Each sentence in az, en, ru; {tech} and {sector} are filled with names in the same language.
SENTENCES = [
    (
        "Sənəd «{sector}» sahəsində «{tech}» texnologiyalarının tətbiqi ilə bağlı beynəlxalq "
        "təcrübəni təhlil edir.",
        "The document analyses international experience of applying {tech} in {sector}.",
        "Документ анализирует международный опыт применения технологий «{tech}» в сфере "
        "«{sector}».",
    ),
    (
        "Dördüncü Sənaye İnqilabı fiziki, rəqəmsal və bioloji müstəvilər arasındakı "
        "sərhədləri yaxınlaşdırır.",
        "The Fourth Industrial Revolution brings the physical, digital and biological worlds "
        "closer together.",
        "Четвертая промышленная революция сближает физический, цифровой и биологический миры.",
    ),
    (
        "Müəlliflər dövlət qurumları, özəl sektor və akademik dairələr arasında əməkdaşlığın "
        "yeni formalarını təklif edirlər.",
        "The authors propose new forms of cooperation between state bodies, the private sector "
        "and academia.",
        "Авторы предлагают новые формы сотрудничества между государственными органами, частным "
        "сектором и академическими кругами.",
    ),
    (
        "Pilot layihələrin nəticələri göstərir ki, «{tech}» xərcləri azaldır və xidmətlərin "
        "keyfiyyətini yüksəldir.",
        "Results of pilot projects show that {tech} lowers costs and improves the quality of "
        "services.",
        "Результаты пилотных проектов показывают, что «{tech}» снижает затраты и повышает "
        "качество услуг.",
    ),
    (
        "Dünya İqtisadi Forumunun Dördüncü Sənaye İnqilabı Mərkəzləri Şəbəkəsi təcrübə "
        "mübadiləsi üçün platforma yaradır.",
        "The World Economic Forum's C4IR Network offers a platform for sharing experience.",
        "Сеть центров Четвертой промышленной революции Всемирного экономического форума "
        "создаёт площадку для обмена опытом.",
    ),
    (
        "«{sector}» sahəsində rəqəmsal transformasiya üçün etibarlı məlumat infrastrukturu "
        "və aydın qaydalar lazımdır.",
        "Digital transformation in {sector} needs reliable data infrastructure and clear rules.",
        "Для цифровой трансформации в сфере «{sector}» нужны надёжная инфраструктура данных и "
        "ясные правила.",
    ),
    (
        "Sənəddə işçi qüvvəsinin yeni bacarıqlara yiyələnməsi üçün təhsil proqramları nəzərdən "
        "keçirilir.",
        "The document reviews education programmes that help the workforce gain new skills.",
        "В документе рассматриваются образовательные программы, помогающие работникам "
        "осваивать новые навыки.",
    ),
    (
        "Tövsiyələr 22 dövlət qurumunun nümayəndələrindən ibarət işçi qrupu ilə birlikdə "
        "hazırlanıb.",
        "The recommendations were prepared together with a working group of 22 state bodies.",
        "Рекомендации подготовлены вместе с рабочей группой из представителей 22 "
        "государственных органов.",
    ),
    (
        "«{tech}» üzrə tənzimləmə çevik olmalı, innovasiyaya imkan verməli və vətəndaşların "
        "hüquqlarını qorumalıdır.",
        "Regulation of {tech} should be agile, leave room for innovation and protect citizens' "
        "rights.",
        "Регулирование в области «{tech}» должно быть гибким, оставлять место для инноваций и "
        "защищать права граждан.",
    ),
    (
        "Kiçik və orta sahibkarlar yeni texnologiyalardan yararlanmaq üçün məsləhət və "
        "maliyyə dəstəyinə ehtiyac duyurlar.",
        "Small and medium-sized firms need advice and financial support to benefit from new "
        "technologies.",
        "Малым и средним предприятиям нужны консультации и финансовая поддержка, чтобы "
        "воспользоваться новыми технологиями.",
    ),
    (
        "Şəhər transformasiyası layihələrində əşyaların interneti nəqliyyat və enerji "
        "şəbəkələrini birləşdirir.",
        "In urban transformation projects the Internet of Things links transport and energy "
        "networks.",
        "В проектах городской трансформации интернет вещей объединяет транспортные и "
        "энергетические сети.",
    ),
    (
        "Mərkəz nəticələri açıq şəkildə dərc edir ki, digər qurumlar da onlardan istifadə "
        "edə bilsinlər.",
        "The Centre publishes its findings openly so that other institutions can use them.",
        "Центр открыто публикует результаты, чтобы ими могли воспользоваться и другие учреждения.",
    ),
]

# Sectors of the economy to write about when the caller names none.
SECTORS = [
    ("Sənaye", "Industry", "Промышленность"),
    ("Enerji", "Energy", "Энергетика"),
    ("Kənd təsərrüfatı", "Agriculture", "Сельское хозяйство"),
    ("Səhiyyə", "Healthcare", "Здравоохранение"),
    ("Təhsil", "Education", "Образование"),
    ("Dövlət idarəçiliyi", "Public administration", "Государственное управление"),
]

HEADINGS = [
    ("Giriş", "Introduction", "Введение"),
    ("Əsas nəticələr", "Key findings", "Основные выводы"),
    ("Tövsiyələr", "Recommendations", "Рекомендации"),
    ("Növbəti addımlar", "Next steps", "Следующие шаги"),
    ("Metodologiya", "Methodology", "Методология"),
]

ORGANISATION_KINDS = [
    ("İnnovasiya Mərkəzi", "Innovation Centre", "Инновационный центр"),
    ("Texnologiya Parkı", "Technology Park", "Технопарк"),
    ("Tədqiqat İnstitutu", "Research Institute", "Исследовательский институт"),
    ("Rəqəmsal İnkişaf Agentliyi", "Digital Development Agency", "Агентство цифрового развития"),
    ("Universiteti", "University", "Университет"),
    ("Sənaye Assosiasiyası", "Industry Association", "Отраслевая ассоциация"),
    (
        "Rəqəmsal Əməkdaşlıq Şurası",
        "Digital Cooperation Council",
        "Совет по цифровому сотрудничеству",
    ),
    ("4Sİ Mərkəzi", "C4IR Centre", "Центр 4ПР"),
    (
        "Rəqəmsal İqtisadiyyat Platforması",
        "Digital Economy Platform",
        "Платформа цифровой экономики",
    ),
]

PLACES = [
    ("Bakı", "Baku", "Баку"),
    ("Gəncə", "Ganja", "Гянджа"),
    ("Sumqayıt", "Sumgait", "Сумгаит"),
    ("Şəki", "Shaki", "Шеки"),
    ("Lənkəran", "Lankaran", "Ленкорань"),
    ("Naxçıvan", "Nakhchivan", "Нахчыван"),
    ("İstanbul", "Istanbul", "Стамбул"),
    ("Tokio", "Tokyo", "Токио"),
    ("Dubay", "Dubai", "Дубай"),
    ("Cenevrə", "Geneva", "Женева"),
    ("Sinqapur", "Singapore", "Сингапур"),
    ("Seul", "Seoul", "Сеул"),
]

SURNAMES = [
    ("Məmmədov", "Mammadov", "Мамедов"),
    ("Əliyeva", "Aliyeva", "Алиева"),
    ("Hüseynov", "Huseynov", "Гусейнов"),
    ("Quliyeva", "Guliyeva", "Гулиева"),
    ("Həsənov", "Hasanov", "Гасанов"),
    ("İsmayılova", "Ismayilova", "Исмаилова"),
    ("Şükürov", "Shukurov", "Шукюров"),
    ("Cəfərova", "Jafarova", "Джафарова"),
]
GIVEN_NAMES = [
    ("Elvin", "Elvin", "Эльвин"),
    ("Günay", "Gunay", "Гюнай"),
    ("Rəşad", "Rashad", "Рашад"),
    ("Aytən", "Aytan", "Айтан"),
    ("Orxan", "Orkhan", "Орхан"),
    ("Nərmin", "Narmin", "Нармин"),
]


def _by_language(values):
    return dict(zip(LANGUAGES, values, strict=True))


def names_of(obj, field="name"):
    """A translated field of ``obj`` in every language, the Azerbaijani text standing in."""
    default = getattr(obj, f"{field}_az")
    return {code: getattr(obj, f"{field}_{code}", None) or default for code in LANGUAGES}


@dataclass(frozen=True)
class Topic:
    """A technology and a sector, each named in every language."""

    tech: dict
    sector: dict

    def fill(self, template, language):
        return template.format(tech=self.tech[language], sector=self.sector[language])


class TextMaker:
    """
    Parallel az/en/ru text from one random generator. Every method returns a dict
    ``{"az": …, "en": …, "ru": …}``; ``technologies`` and ``sectors`` are such dicts too.
    """

    def __init__(self, rng, technologies, sectors):
        self.rng = rng
        self.technologies = list(technologies) or [_by_language(("texnologiya",) * 3)]
        self.sectors = list(sectors) or [_by_language(names) for names in SECTORS]

    @classmethod
    def seeded(cls, seed, technologies=(), sectors=()):
        return cls(random.Random(seed), technologies, sectors)  # noqa: S311 - not for security

    def topic(self, tech=None, sector=None):
        """A topic: the technology and sector given (as name dicts), or random ones."""
        return Topic(
            tech or self.rng.choice(self.technologies), sector or self.rng.choice(self.sectors)
        )

    def title(self, topic):
        aspect = _by_language(self.rng.choice(ASPECTS))
        return {
            "az": f"{topic.tech['az']}: «{topic.sector['az']}» sahəsində {aspect['az']}",
            "en": f"{topic.tech['en']} in {topic.sector['en'].lower()}: {aspect['en']}",
            "ru": f"«{topic.tech['ru']}» в сфере «{topic.sector['ru']}»: {aspect['ru']}",
        }

    def sentences(self, topic, count):
        chosen = [self.rng.choice(SENTENCES) for _ in range(count)]
        return {
            code: " ".join(topic.fill(sentence[index], code) for sentence in chosen)
            for index, code in enumerate(LANGUAGES)
        }

    def rich_text(self, topic, sections=2):
        """HTML with headings and paragraphs, as the rich-text editor stores it."""
        parts = {code: [] for code in LANGUAGES}
        for heading in self.rng.sample(HEADINGS, k=min(sections, len(HEADINGS))):
            paragraphs = [self.sentences(topic, self.rng.randint(3, 6)) for _ in range(2)]
            for index, code in enumerate(LANGUAGES):
                parts[code].append(f"<h2>{heading[index]}</h2>")
                parts[code].extend(f"<p>{paragraph[code]}</p>" for paragraph in paragraphs)
        return {code: "".join(html) for code, html in parts.items()}

    def organisation(self, kinds=ORGANISATION_KINDS):
        """An organisation's name: a place and one of ``kinds`` (az, en, ru triples)."""
        place = _by_language(self.rng.choice(PLACES))
        kind = _by_language(self.rng.choice(kinds))
        return {
            "az": f"{place['az']} {kind['az']}",
            "en": f"{place['en']} {kind['en']}",
            "ru": f"{kind['ru']} ({place['ru']})",
        }

    def people(self, count):
        """Authors as the publications app wants them: ``Surname, Given names``, one a line."""
        people = [
            (_by_language(self.rng.choice(SURNAMES)), _by_language(self.rng.choice(GIVEN_NAMES)))
            for _ in range(count)
        ]
        return {
            code: "\n".join(f"{surname[code]}, {given[code]}" for surname, given in people)
            for code in LANGUAGES
        }

    def short(self, words):
        """A few words for a title or name: the start of a sentence, without its full stop."""
        sentence = self.sentences(self.topic(), 1)
        return {
            code: " ".join(text.rstrip(".").split()[:words]).rstrip(",")
            for code, text in sentence.items()
        }

    def languages(self, number):
        """The languages an object is translated into: always az, usually en, often ru."""
        return ["az"] + (["en"] if number % 9 else []) + (["ru"] if number % 5 else [])


def marked_slug(slug, number, max_length=100):
    """``slug`` with the generated-object mark for ``number``, within ``max_length``."""
    mark = f"-g{number}"
    return slug[: max_length - len(mark)].rstrip("-") + mark


def slug_number(slug):
    """The number in a generated object's slug, or None for any other slug."""
    match = SLUG_MARK.search(slug or "")
    return int(match[1]) if match else None
