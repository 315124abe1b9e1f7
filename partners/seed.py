"""
The Centre's partners, in az, en and ru, for ``manage.py seed_demo``: the four C4IR network
centres it works with (Türkiye, the UAE, Israel, Japan) and the four World Economic Forum
platforms named in its own text.

The facts come from public reporting (each partner's source is kept as its reference URL); the
sentences are our own. Logos are placeholders drawn here (initials on a coloured square), never
fetched: staff replace them with the real ones in the admin.

Seeding is idempotent: a partner is looked up by its Azerbaijani slug and only created when
missing, so staff edits survive a second run.
"""

import io

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

from centre.i18n import localized_field
from centre.models import Technology
from centre.seed import seed as seed_technologies
from centre.text import slugify_az

from .models import Kind, Partner

WEF = {
    "az": "Dünya İqtisadi Forumu",
    "en": "World Economic Forum",
    "ru": "Всемирный экономический форум",
}

PARTNERS = [
    {
        "kind": Kind.NETWORK_CENTRE,
        "country": "TR",
        "founded_year": 2020,
        "technologies": ["internet-of-things", "artificial-intelligence", "robotics"],
        "reference_url": (
            "https://www.hurriyetdailynews.com/"
            "turkey-launches-center-for-4th-industrial-revolution-160744"
        ),
        "logo": ("TR", "C4IR", (179, 38, 30)),
        "name": {
            "az": "Türkiyə Dördüncü Sənaye İnqilabı Mərkəzi",
            "en": "Centre for the Fourth Industrial Revolution Türkiye",
            "ru": "Центр Четвёртой промышленной революции Турции",
        },
        "short_name": {"az": "C4IR Türkiyə", "en": "C4IR Türkiye", "ru": "C4IR Турция"},
        "host_institution": {
            "az": (
                "MEXT Texnologiya Mərkəzi (Türkiyə Metal Sənayesi İşəgötürənlər İttifaqı — "
                "MESS tərəfindən yaradılıb), İstanbul"
            ),
            "en": (
                "MEXT Technology Center, founded by MESS (Turkish Employers' Association of "
                "Metal Industries), Istanbul"
            ),
            "ru": (
                "Технологический центр MEXT, созданный MESS (Союзом работодателей "
                "металлургической промышленности Турции), Стамбул"
            ),
        },
        "summary": {
            "az": (
                "C4IR Şəbəkəsinin İstanbuldakı mərkəzi: Türkiyə üçün əşyaların interneti, süni "
                "intellekt və robototexnika üzrə yol xəritələri hazırlayır."
            ),
            "en": (
                "The C4IR Network's centre in Istanbul, preparing Türkiye's roadmaps for the "
                "Internet of Things, artificial intelligence and robotics."
            ),
            "ru": (
                "Центр сети C4IR в Стамбуле, который готовит для Турции дорожные карты по "
                "интернету вещей, искусственному интеллекту и робототехнике."
            ),
        },
        "description": {
            "az": (
                "<p>Türkiyə 2020-ci ilin yanvarında Dünya İqtisadi Forumunun Dördüncü Sənaye "
                "İnqilabı Mərkəzləri Şəbəkəsinə qoşulub. Mərkəz Türkiyə Metal Sənayesi "
                "İşəgötürənlər İttifaqının (MESS) yaratdığı MEXT Texnologiya Mərkəzinin "
                "nəzdində fəaliyyət göstərir və 10 dekabr 2020-ci ildə İstanbulda rəsmi olaraq "
                "açılıb.</p>"
                "<p>Mərkəz Türkiyə üçün əşyaların interneti, süni intellekt, avtonom nəqliyyat "
                "vasitələri, dronlar, blokçeyn və robototexnika üzrə yol xəritələri "
                "hazırlayır.</p>"
            ),
            "en": (
                "<p>Türkiye joined the World Economic Forum's Centre for the Fourth Industrial "
                "Revolution Network in January 2020. The centre is hosted by the MEXT "
                "Technology Center, founded by the Turkish Employers' Association of Metal "
                "Industries (MESS), and was officially opened in Istanbul on 10 December "
                "2020.</p>"
                "<p>It prepares Türkiye's roadmaps for the Internet of Things, artificial "
                "intelligence, autonomous vehicles, drones, blockchain and robotics.</p>"
            ),
            "ru": (
                "<p>Турция присоединилась к Сети центров Четвёртой промышленной революции "
                "Всемирного экономического форума в январе 2020 года. Центр работает на базе "
                "технологического центра MEXT, созданного Союзом работодателей "
                "металлургической промышленности Турции (MESS), и был официально открыт в "
                "Стамбуле 10 декабря 2020 года.</p>"
                "<p>Центр разрабатывает для Турции дорожные карты в области интернета вещей, "
                "искусственного интеллекта, беспилотных транспортных средств, дронов, блокчейна "
                "и робототехники.</p>"
            ),
        },
    },
    {
        "kind": Kind.NETWORK_CENTRE,
        "country": "AE",
        "founded_year": 2019,
        "technologies": ["artificial-intelligence"],
        "reference_url": (
            "https://gulfnews.com/uae/government/"
            "uae-inaugurates-centre-for-fourth-industrial-revolution-1.1556483000248"
        ),
        "logo": ("AE", "C4IR", (11, 110, 79)),
        "name": {
            "az": "Birləşmiş Ərəb Əmirlikləri Dördüncü Sənaye İnqilabı Mərkəzi",
            "en": "Centre for the Fourth Industrial Revolution UAE",
            "ru": "Центр Четвёртой промышленной революции ОАЭ",
        },
        "short_name": {"az": "C4IR BƏƏ", "en": "C4IR UAE", "ru": "C4IR ОАЭ"},
        "host_institution": {
            "az": "Dubay Gələcək Fondu, AREA 2071, Emirates Towers, Dubay",
            "en": "Dubai Future Foundation, AREA 2071, Emirates Towers, Dubai",
            "ru": "Фонд будущего Дубая, AREA 2071, Emirates Towers, Дубай",
        },
        "summary": {
            "az": (
                "C4IR Şəbəkəsinin Dubaydakı mərkəzi: dövlət idarəçiliyində blokçeyn və süni "
                "intellektin tətbiqi üzərində işləyir."
            ),
            "en": (
                "The C4IR Network's centre in Dubai, working on blockchain and artificial "
                "intelligence in government."
            ),
            "ru": (
                "Центр сети C4IR в Дубае, который занимается применением блокчейна и "
                "искусственного интеллекта в государственном управлении."
            ),
        },
        "description": {
            "az": (
                "<p>BƏƏ hökuməti ilə Dünya İqtisadi Forumu mərkəzin yaradılması barədə anlaşma "
                "memorandumunu 2018-ci ilin yanvarında imzalayıb. Mərkəz 28 aprel 2019-cu ildə "
                "Dubayda, Emirates Towers kompleksindəki AREA 2071 məkanında açılıb və Dubay "
                "Gələcək Fondunun nəzdində fəaliyyət göstərir.</p>"
                "<p>Mərkəzin işinin əsas istiqaməti dövlət idarəçiliyində blokçeyn və süni "
                "intellekt texnologiyalarının tətbiqidir.</p>"
            ),
            "en": (
                "<p>The UAE government and the World Economic Forum signed a memorandum of "
                "understanding on the centre in January 2018. It opened on 28 April 2019 at "
                "AREA 2071 in Emirates Towers, Dubai, and is hosted by the Dubai Future "
                "Foundation.</p>"
                "<p>Its work centres on the use of blockchain and artificial intelligence in "
                "government.</p>"
            ),
            "ru": (
                "<p>Правительство ОАЭ и Всемирный экономический форум подписали меморандум о "
                "взаимопонимании по созданию центра в январе 2018 года. Центр открылся 28 "
                "апреля 2019 года в пространстве AREA 2071 комплекса Emirates Towers в Дубае и "
                "работает на базе Фонда будущего Дубая.</p>"
                "<p>Главное направление его работы — применение блокчейна и искусственного "
                "интеллекта в государственном управлении.</p>"
            ),
        },
    },
    {
        "kind": Kind.NETWORK_CENTRE,
        "country": "IL",
        "founded_year": 2019,
        "technologies": ["artificial-intelligence"],
        "reference_url": "https://innovationisrael.org.il/en/programs/c4ir-israel/",
        "logo": ("IL", "C4IR", (31, 78, 156)),
        "name": {
            "az": "İsrail Dördüncü Sənaye İnqilabı Mərkəzi",
            "en": "Centre for the Fourth Industrial Revolution Israel",
            "ru": "Центр Четвёртой промышленной революции Израиля",
        },
        "short_name": {"az": "C4IR İsrail", "en": "C4IR Israel", "ru": "C4IR Израиль"},
        "host_institution": {
            "az": (
                "İsrail İnnovasiya Agentliyi (İnnovativ Texnologiyaların Tənzimlənməsi üzrə "
                "İsrail Mərkəzi)"
            ),
            "en": (
                "Israel Innovation Authority (Israeli Center for Regulation of Innovative "
                "Technologies)"
            ),
            "ru": (
                "Управление инноваций Израиля (Израильский центр регулирования инновационных "
                "технологий)"
            ),
        },
        "summary": {
            "az": (
                "İsrailin C4IR Şəbəkəsindəki mərkəzi: tənzimləyicilərə süni intellekt, blokçeyn "
                "və avtonom nəqliyyatla ayaqlaşan qaydalar hazırlamağa kömək edir."
            ),
            "en": (
                "Israel's centre in the C4IR Network, helping regulators keep pace with "
                "artificial intelligence, blockchain and autonomous transport."
            ),
            "ru": (
                "Израильский центр сети C4IR, который помогает регуляторам успевать за "
                "искусственным интеллектом, блокчейном и беспилотным транспортом."
            ),
        },
        "description": {
            "az": (
                "<p>İsrail 2019-cu ildə C4IR Şəbəkəsinə qoşulub. Mərkəzi İsrail İnnovasiya "
                "Agentliyi İnnovativ Texnologiyaların Tənzimlənməsi üzrə İsrail Mərkəzi kimi "
                "yaradıb.</p>"
                "<p>Mərkəz ölkənin tənzimləyici qurumları ilə birlikdə süni intellekt, blokçeyn "
                "və avtonom nəqliyyat üçün texnologiyaların inkişafı ilə ayaqlaşan qaydalar "
                "üzərində işləyir.</p>"
            ),
            "en": (
                "<p>Israel joined the C4IR Network in 2019. Its centre was set up by the Israel "
                "Innovation Authority as the Israeli Center for Regulation of Innovative "
                "Technologies.</p>"
                "<p>It works with the country's regulators on rules for artificial "
                "intelligence, blockchain and autonomous transport that keep pace with the "
                "technology.</p>"
            ),
            "ru": (
                "<p>Израиль присоединился к сети C4IR в 2019 году. Центр создан Управлением "
                "инноваций Израиля как Израильский центр регулирования инновационных "
                "технологий.</p>"
                "<p>Вместе с регуляторами страны он работает над правилами для искусственного "
                "интеллекта, блокчейна и беспилотного транспорта, которые не отстают от "
                "развития технологий.</p>"
            ),
        },
    },
    {
        "kind": Kind.NETWORK_CENTRE,
        "country": "JP",
        "founded_year": 2018,
        "technologies": ["artificial-intelligence", "robotics"],
        "reference_url": "https://apinitiative.org/en/?p=23149",
        "logo": ("JP", "C4IR", (106, 44, 112)),
        "name": {
            "az": "Yaponiya Dördüncü Sənaye İnqilabı Mərkəzi",
            "en": "Centre for the Fourth Industrial Revolution Japan",
            "ru": "Центр Четвёртой промышленной революции Японии",
        },
        "short_name": {"az": "C4IR Yaponiya", "en": "C4IR Japan", "ru": "C4IR Япония"},
        "host_institution": {
            "az": (
                "Dünya İqtisadi Forumunun Tokiodakı mərkəzi; Yaponiyanın İqtisadiyyat, Ticarət "
                "və Sənaye Nazirliyi (METI) və Asiya-Sakit Okean Təşəbbüsü ilə birgə"
            ),
            "en": (
                "The World Economic Forum's centre in Tokyo, with Japan's Ministry of Economy, "
                "Trade and Industry (METI) and the Asia Pacific Initiative"
            ),
            "ru": (
                "Центр Всемирного экономического форума в Токио, совместно с Министерством "
                "экономики, торговли и промышленности Японии (METI) и Азиатско-Тихоокеанской "
                "инициативой"
            ),
        },
        "summary": {
            "az": (
                "Dünya İqtisadi Forumunun Tokiodakı mərkəzi: avtonom mobillik, məlumat siyasəti "
                "və dəqiq tibb üzərində işləyir."
            ),
            "en": (
                "The World Economic Forum's centre in Tokyo, working on autonomous mobility, "
                "data policy and precision medicine."
            ),
            "ru": (
                "Центр Всемирного экономического форума в Токио, который работает над "
                "автономной мобильностью, политикой в области данных и точной медициной."
            ),
        },
        "description": {
            "az": (
                "<p>Dünya İqtisadi Forumu Yaponiya Dördüncü Sənaye İnqilabı Mərkəzini 2 iyul "
                "2018-ci ildə Tokioda Yaponiyanın İqtisadiyyat, Ticarət və Sənaye Nazirliyi "
                "(METI) və Asiya-Sakit Okean Təşəbbüsü ilə birgə açıb.</p>"
                "<p>Mərkəz işə üç istiqamətlə başlayıb: avtonom mobillik, məlumat siyasəti və "
                "dəqiq tibb.</p>"
            ),
            "en": (
                "<p>The World Economic Forum opened the Centre for the Fourth Industrial "
                "Revolution Japan in Tokyo on 2 July 2018, together with Japan's Ministry of "
                "Economy, Trade and Industry (METI) and the Asia Pacific Initiative.</p>"
                "<p>The centre started with three areas of work: autonomous mobility, data "
                "policy and precision medicine.</p>"
            ),
            "ru": (
                "<p>Всемирный экономический форум открыл Центр Четвёртой промышленной "
                "революции Японии в Токио 2 июля 2018 года совместно с Министерством "
                "экономики, торговли и промышленности Японии (METI) и Азиатско-Тихоокеанской "
                "инициативой.</p>"
                "<p>Центр начал работу с трёх направлений: автономная мобильность, политика в "
                "области данных и точная медицина.</p>"
            ),
        },
    },
    {
        "kind": Kind.PLATFORM,
        "technologies": ["internet-of-things"],
        "website": "https://www.weforum.org/",
        "logo": ("IoT", "WEF", (11, 58, 103)),
        "name": {
            "az": "Əşyaların İnterneti və Şəhər Transformasiyasının Gələcəyinin Formalaşdırılması",
            "en": "Shaping the Future of the Internet of Things and Urban Transformation",
            "ru": "Формирование будущего интернета вещей и городской трансформации",
        },
        "short_name": {
            "az": "Əşyaların interneti və şəhər",
            "en": "IoT and urban transformation",
            "ru": "Интернет вещей и города",
        },
        "summary": {
            "az": (
                "Dünya İqtisadi Forumunun əşyaların interneti və şəhərlərin transformasiyası "
                "üzrə platforması."
            ),
            "en": (
                "The World Economic Forum's platform on the Internet of Things and the "
                "transformation of cities."
            ),
            "ru": (
                "Платформа Всемирного экономического форума по интернету вещей и "
                "трансформации городов."
            ),
        },
        "description": {
            "az": (
                "<p>Mərkəzin əməkdaşlıq etdiyi Dünya İqtisadi Forumu platformalarından biri. "
                "Platforma çərçivəsində iqtisadiyyatın bir çox sahələrində əşyaların interneti "
                "və şəhər transformasiyası istiqamətində tədbirlərin həyata keçirilməsi nəzərdə "
                "tutulur.</p>"
            ),
            "en": (
                "<p>One of the World Economic Forum platforms the Centre works with. Within it, "
                "activities on the Internet of Things and urban transformation are planned "
                "across many sectors of the economy.</p>"
            ),
            "ru": (
                "<p>Одна из платформ Всемирного экономического форума, с которыми сотрудничает "
                "Центр. В её рамках предусмотрены мероприятия по интернету вещей и городской "
                "трансформации во многих отраслях экономики.</p>"
            ),
        },
    },
    {
        "kind": Kind.PLATFORM,
        "technologies": [],
        "website": "https://www.weforum.org/",
        "logo": ("DT", "WEF", (14, 124, 138)),
        "name": {"az": "Rəqəmsal ticarət", "en": "Digital Trade", "ru": "Цифровая торговля"},
        "short_name": {"az": "Rəqəmsal ticarət", "en": "Digital trade", "ru": "Цифровая торговля"},
        "summary": {
            "az": (
                "Dünya İqtisadi Forumunun rəqəmsal ticarət platforması: kiçik şirkətlərin "
                "elektron ticarətə hazırlığı və bir-biri ilə uyğun məlumat axınları."
            ),
            "en": (
                "The World Economic Forum's platform on digital trade: e-commerce readiness "
                "for small firms and interoperable data flows."
            ),
            "ru": (
                "Платформа Всемирного экономического форума по цифровой торговле: готовность "
                "малых компаний к электронной коммерции и совместимые потоки данных."
            ),
        },
        "description": {
            "az": (
                "<p>Mərkəzin əməkdaşlıq etdiyi Dünya İqtisadi Forumu platformalarından biri. "
                "Onun mövzuları kiçik şirkətlərin elektron ticarətə hazırlığı və ölkələr arasında "
                "bir-biri ilə uyğun məlumat axınlarıdır.</p>"
            ),
            "en": (
                "<p>One of the World Economic Forum platforms the Centre works with. Its themes "
                "are the readiness of small firms for e-commerce and data flows that work "
                "together across borders.</p>"
            ),
            "ru": (
                "<p>Одна из платформ Всемирного экономического форума, с которыми сотрудничает "
                "Центр. Её темы — готовность малых компаний к электронной коммерции и "
                "совместимые потоки данных между странами.</p>"
            ),
        },
    },
    {
        "kind": Kind.PLATFORM,
        "technologies": ["artificial-intelligence"],
        "website": "https://www.weforum.org/",
        "reference_url": (
            "https://www.weforum.org/press/2023/06/"
            "world-economic-forum-launches-ai-governance-alliance-focused-on-responsible-"
            "generative-ai/"
        ),
        "logo": ("AI", "WEF", (52, 73, 94)),
        "name": {
            "az": "Süni intellekt və maşın öyrənməsi",
            "en": "Artificial Intelligence and Machine Learning",
            "ru": "Искусственный интеллект и машинное обучение",
        },
        "short_name": {
            "az": "Süni intellekt",
            "en": "AI and machine learning",
            "ru": "ИИ и машинное обучение",
        },
        "summary": {
            "az": (
                "Dünya İqtisadi Forumunun süni intellekt və maşın öyrənməsi platforması; bu "
                "gün onun işini 2023-cü ildə yaradılmış Süni İntellektin İdarə Edilməsi Alyansı "
                "davam etdirir."
            ),
            "en": (
                "The World Economic Forum's platform on artificial intelligence and machine "
                "learning, whose work the AI Governance Alliance, launched in 2023, carries on."
            ),
            "ru": (
                "Платформа Всемирного экономического форума по искусственному интеллекту и "
                "машинному обучению; сегодня её работу продолжает Альянс по управлению ИИ, "
                "созданный в 2023 году."
            ),
        },
        "description": {
            "az": (
                "<p>Mərkəzin əməkdaşlıq etdiyi Dünya İqtisadi Forumu platformalarından biri. "
                "Forum 2023-cü ildə bu sahədə Süni İntellektin İdarə Edilməsi Alyansını (AI "
                "Governance Alliance) yaradıb.</p>"
            ),
            "en": (
                "<p>One of the World Economic Forum platforms the Centre works with. In 2023 "
                "the Forum launched the AI Governance Alliance in this field.</p>"
            ),
            "ru": (
                "<p>Одна из платформ Всемирного экономического форума, с которыми сотрудничает "
                "Центр. В 2023 году Форум создал в этой области Альянс по управлению ИИ (AI "
                "Governance Alliance).</p>"
            ),
        },
    },
    {
        "kind": Kind.PLATFORM,
        "technologies": [],
        "website": "https://www.weforum.org/",
        "logo": ("DE", "WEF", (138, 90, 0)),
        "name": {
            "az": "Rəqəmsal iqtisadiyyat və yeni dəyər yaradılması",
            "en": "Digital Economy and New Value Creation",
            "ru": "Цифровая экономика и создание новой стоимости",
        },
        "short_name": {
            "az": "Rəqəmsal iqtisadiyyat",
            "en": "Digital economy",
            "ru": "Цифровая экономика",
        },
        "summary": {
            "az": (
                "Dünya İqtisadi Forumunun rəqəmsal iqtisadiyyat və yeni dəyər yaradılması üzrə "
                "platforması."
            ),
            "en": (
                "The World Economic Forum's platform on the digital economy and new value creation."
            ),
            "ru": (
                "Платформа Всемирного экономического форума по цифровой экономике и созданию "
                "новой стоимости."
            ),
        },
        "description": {
            "az": (
                "<p>Mərkəzin əməkdaşlıq etdiyi Dünya İqtisadi Forumu platformalarından biri. "
                "Platforma çərçivəsində iqtisadiyyatın müxtəlif sahələrində rəqəmsal "
                "iqtisadiyyatın inkişafı üzrə tədbirlər nəzərdə tutulur.</p>"
            ),
            "en": (
                "<p>One of the World Economic Forum platforms the Centre works with. Within it, "
                "activities to develop the digital economy are planned across sectors of the "
                "economy.</p>"
            ),
            "ru": (
                "<p>Одна из платформ Всемирного экономического форума, с которыми сотрудничает "
                "Центр. В её рамках предусмотрены мероприятия по развитию цифровой экономики в "
                "разных отраслях.</p>"
            ),
        },
    },
]

TRANSLATED_FIELDS = ("name", "short_name", "host_institution", "summary", "description")


def placeholder_logo(label, caption, colour, size=320):
    """A square PNG with ``label`` large and ``caption`` small, white on ``colour``."""
    image = Image.new("RGB", (size, size), colour)
    draw = ImageDraw.Draw(image)
    draw.text(
        (size / 2, size * 0.45),
        label,
        font=ImageFont.load_default(size=size // 3),
        fill="white",
        anchor="mm",
    )
    draw.text(
        (size / 2, size * 0.78),
        caption,
        font=ImageFont.load_default(size=size // 8),
        fill="white",
        anchor="mm",
    )
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return ContentFile(buffer.getvalue(), name=f"{label.lower()}.png")


def seed():
    """Create the partners that are missing (looked up by Azerbaijani slug); return how many."""
    seed_technologies()  # the taxonomy partners link to; a no-op once seeded
    technologies = {technology.slug: technology for technology in Technology.objects.all()}
    created = 0
    for data in PARTNERS:
        if Partner.objects.filter(slug_az=slugify_az(data["name"]["az"])).exists():
            continue
        partner = Partner(
            kind=data["kind"],
            country=data.get("country", ""),
            founded_year=data.get("founded_year"),
            website=data.get("website", ""),
            reference_url=data.get("reference_url", ""),
            logo=placeholder_logo(*data["logo"]),
        )
        for field in TRANSLATED_FIELDS:
            values = WEF if field == "host_institution" and field not in data else data[field]
            for code, value in values.items():
                setattr(partner, localized_field(field, code), value)
        partner.save()
        partner.technologies.set([technologies[slug] for slug in data["technologies"]])
        created += 1
    return created
