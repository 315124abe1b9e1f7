"""
The Centre's own pages, in az, en and ru, for ``manage.py seed_demo``.

The Azerbaijani text is the Centre's own description; English and Russian are faithful
translations. Dated facts come from public reporting (see the history page).

Seeding is idempotent: a page is looked up by its place in the tree (home, or parent and
Azerbaijani slug) and only created when missing; existing pages, possibly edited by staff,
are left as they are.
"""

import datetime

from django.urls import reverse
from django.utils import translation

from centre.models import Status
from centre.text import slugify_az

from .models import Milestone, Page

HOME = {
    "title": {
        "az": "Dördüncü Sənaye İnqilabının Təhlili və Koordinasiya Mərkəzi",
        "en": "Fourth Industrial Revolution Analysis and Coordination Centre",
        "ru": "Центр анализа и координации Четвёртой промышленной революции",
    },
    "summary": {
        "az": (
            "Mərkəz yeni reallıqlar şəraitində ölkəmizin mövqeyini gücləndirmək, qabaqcıl "
            "texnoloji imkanlardan maksimum yararlanmaq, bu sahədə beynəlxalq təşkilatlarla "
            "əməkdaşlıq və koordinasiya həyata keçirmək məqsədinə xidmət edir."
        ),
        "en": (
            "The Centre works to strengthen Azerbaijan's position in the new realities, to make "
            "the most of advanced technological opportunities, and to cooperate and coordinate "
            "with international organisations in this field."
        ),
        "ru": (
            "Центр служит укреплению позиций нашей страны в новых реалиях, максимальному "
            "использованию передовых технологических возможностей, сотрудничеству и координации "
            "с международными организациями в этой сфере."
        ),
    },
    "seo_description": {
        "az": (
            "4SİM — Dünya İqtisadi Forumunun Dördüncü Sənaye İnqilabı Mərkəzləri Şəbəkəsinin "
            "Azərbaycan Mərkəzi."
        ),
        "en": (
            "4SIM, Azerbaijan's Fourth Industrial Revolution Analysis and Coordination Centre: the "
            "World Economic Forum's C4IR Azerbaijan."
        ),
        "ru": (
            "4SİM — Центр анализа и координации Четвёртой промышленной революции, азербайджанский "
            "центр сети C4IR Всемирного экономического форума."
        ),
    },
    "body": {
        "az": (
            "<h2>Dördüncü Sənaye İnqilabı</h2>"
            "<p>Dördüncü Sənaye İnqilabı fiziki, rəqəmsal və bioloji müstəvilər arasındakı "
            "sərhədlərin çulğalaşmasını təsvir etmək üsuludur. Bu, süni intellekt (AI), "
            "robototexnika, əşyaların interneti (IoT), 3D çap, gen mühəndisliyi, kvant "
            "hesablamaları və digər texnologiyalarda irəliləyişlərin birləşməsidir.</p>"
            "<p>Azərbaycan qlobal çağırışlara və tendensiyalara adekvat cavab verən və "
            "post-pandemiya dövründə yeni inkişaf trendlərinin tətbiqində ön sıralarda olmaqda "
            "qərarlıdır. Bu baxımdan ölkəmizdə rəqəmsal iqtisadiyyatın və texnologiyaların "
            "inkişafı üçün əlverişli infrastrukturun, o cümlədən Dördüncü Sənaye İnqilabının "
            "standartlarına uyğun şəraitin formalaşdırılması istiqamətində fəal iş aparılır.</p>"
        ),
        "en": (
            "<h2>The Fourth Industrial Revolution</h2>"
            "<p>The Fourth Industrial Revolution is a way of describing the blurring of the "
            "boundaries between the physical, digital and biological spheres. It is the fusion "
            "of advances in artificial intelligence (AI), robotics, the Internet of Things (IoT), "
            "3D printing, genetic engineering, quantum computing and other technologies.</p>"
            "<p>Azerbaijan is determined to respond adequately to global challenges and trends "
            "and to be at the forefront in applying new development trends in the post-pandemic "
            "period. To this end, active work is under way in our country to build an "
            "infrastructure favourable to the development of the digital economy and "
            "technologies, including conditions that meet the standards of the Fourth Industrial "
            "Revolution.</p>"
        ),
        "ru": (
            "<h2>Четвёртая промышленная революция</h2>"
            "<p>Четвёртая промышленная революция — это способ описать размывание границ между "
            "физической, цифровой и биологической сферами. Это сочетание достижений в области "
            "искусственного интеллекта (ИИ), робототехники, интернета вещей (IoT), 3D-печати, "
            "генной инженерии, квантовых вычислений и других технологий.</p>"
            "<p>Азербайджан полон решимости адекватно отвечать на глобальные вызовы и тенденции и "
            "быть в первых рядах во внедрении новых трендов развития в постпандемический период. "
            "В этой связи в нашей стране ведётся активная работа по формированию благоприятной "
            "инфраструктуры для развития цифровой экономики и технологий, в том числе условий, "
            "отвечающих стандартам Четвёртой промышленной революции.</p>"
        ),
    },
}

ABOUT = {
    "title": {"az": "Mərkəz haqqında", "en": "About the Centre", "ru": "О Центре"},
    "summary": {
        "az": "Mərkəz necə yaranıb, nəyə xidmət edir və kimlərlə əməkdaşlıq edir.",
        "en": "How the Centre came about, what it is for and whom it works with.",
        "ru": "Как появился Центр, чему он служит и с кем сотрудничает.",
    },
    "body": {
        "az": (
            "<p>Azərbaycan Respublikası Prezidentinin 6 yanvar 2021-ci il tarixli Fərmanı ilə "
            "yaradılmış Dördüncü Sənaye İnqilabının Təhlili və Koordinasiya Mərkəzi yeni "
            "reallıqlar şəraitində ölkəmizin mövqeyini gücləndirmək, qabaqcıl texnoloji "
            "imkanlardan maksimum yararlanmaq, bu sahədə beynəlxalq təşkilatlarla əməkdaşlıq və "
            "koordinasiya həyata keçirmək məqsədinə xidmət edir. Mərkəz Azərbaycan Respublikası "
            "ilə Dördüncü Sənaye İnqilabı sahəsində fəaliyyət göstərən beynəlxalq təşkilatlarla "
            "əməkdaşlığı və bu sahədə əlaqələndirməni, həmçinin rəqəmsal iqtisadiyyat üzrə "
            "çağırışların, təşəbbüslərin, strategiyaların və layihələrin təhlilini və "
            "koordinasiyasını həyata keçirir.</p>"
            "<p>2020-ci ilin 21 yanvar tarixində İsveçrənin Davos şəhərində keçirilən Dünya "
            "İqtisadi Forumunda Azərbaycan Respublikasının Prezidenti cənab İlham Əliyev və Dünya "
            "İqtisadi Forumunun prezidenti cənab Borge Brende arasında Dünya İqtisadi Forumunun "
            "Dördüncü Sənaye İnqilabı Mərkəzləri Şəbəkəsinin Azərbaycan Mərkəzinin yaradılması "
            "ilə bağlı niyyət protokolu imzalanmışdır. Bunun əsasında Azərbaycanda Dünya "
            "İqtisadi Forumunun Dördüncü Sənaye İnqilabı Mərkəzləri Şəbəkəsinin Mərkəzi "
            "yaradılıb ki, bu da ölkəmizi rəqəmsal və texnoloji mərkəzə çevirmək məqsədindən "
            "irəli gəlir. Azərbaycan Mərkəzi MDB məkanında yaradılan ilk bu cür mərkəzdir. "
            "Dördüncü Sənaye İnqilabının Təhlili və Koordinasiya Mərkəzi 2021-ci ilin 1 aprel "
            "tarixindən bu Mərkəzin fəaliyyətini də koordinasiya edir.</p>"
            "<p>Dördüncü Sənaye İnqilabının Təhlili və Koordinasiya Mərkəzi Dünya İqtisadi "
            "Forumunun süni intellekt və maşın öyrənməsi, əşyaların interneti və şəhər "
            "transformasiyası, eləcə də rəqəmsal ticarət və iqtisadiyyat platformaları ilə "
            "əməkdaşlıq edir. Bu platformalar çərçivəsində iqtisadiyyatın bir çox sahələrində "
            "müxtəlif istiqamətlərdə tədbirlərin həyata keçirilməsi nəzərdə tutulur. Eyni "
            "zamanda, Dördüncü Sənaye İnqilabı Şəbəkəsinin müxtəlif ölkələrdə yaradılmış "
            "Mərkəzləri ilə (Türkiyə, BƏƏ, İsrail, Yaponiya) sıx əməkdaşlığın qurulması və "
            "genişləndirilməsi üçün işlər aparılır.</p>"
            "<p>Dördüncü Sənaye İnqilabının Təhlili və Koordinasiya Mərkəzi 4Sİ "
            "texnologiyalarının iqtisadiyyatın müxtəlif sahələrinə dair uğurlu həllərini özündə "
            "ehtiva edən tədqiqat sənədi hazırlayıb. Onun real adı və ili bu saytda yoxdur: "
            '<a href="{document}">sənədin yerini tutan nümunəyə</a> baxın.</p>'
        ),
        "en": (
            "<p>The Fourth Industrial Revolution Analysis and Coordination Centre, created by "
            "Decree of the President of the Republic of Azerbaijan of 6 January 2021, serves to "
            "strengthen our country's position in the new realities, to make the most of "
            "advanced technological opportunities, and to cooperate and coordinate with "
            "international organisations in this field. The Centre carries out cooperation "
            "between the Republic of Azerbaijan and the international organisations active in "
            "the Fourth Industrial Revolution, and coordination in this field, as well as the "
            "analysis and coordination of challenges, initiatives, strategies and projects in "
            "the digital economy.</p>"
            "<p>On 21 January 2020, at the World Economic Forum in Davos, Switzerland, the "
            "President of the Republic of Azerbaijan, Mr Ilham Aliyev, and the President of the "
            "World Economic Forum, Mr Børge Brende, signed a protocol of intent on creating the "
            "Azerbaijan Centre of the World Economic Forum's Centre for the Fourth Industrial "
            "Revolution Network. On this basis, a Centre of the World Economic Forum's Centre for "
            "the Fourth Industrial Revolution Network was established in Azerbaijan, in pursuit "
            "of the aim of turning our country into a digital and technological hub. The "
            "Azerbaijan Centre is the first such centre in the CIS. Since 1 April 2021 the "
            "Fourth Industrial Revolution Analysis and Coordination Centre has also coordinated "
            "this Centre's activities.</p>"
            "<p>The Fourth Industrial Revolution Analysis and Coordination Centre works with the "
            "World Economic Forum's platforms on artificial intelligence and machine learning, on "
            "the Internet of Things and urban transformation, and on digital trade and the "
            "economy. Within these platforms, activities in various directions are planned in "
            "many sectors of the economy. At the same time, work is under way to build and "
            "expand close cooperation with the Centres of the Fourth Industrial Revolution "
            "Network established in other countries (Türkiye, the UAE, Israel, Japan).</p>"
            "<p>The Fourth Industrial Revolution Analysis and Coordination Centre has prepared a "
            "research document on successful solutions of 4IR technologies across various "
            "sectors of the economy. Its real title and year are not on this site: see "
            '<a href="{document}">the sample that stands in for it</a>.</p>'
        ),
        "ru": (
            "<p>Центр анализа и координации Четвёртой промышленной революции, созданный Указом "
            "Президента Азербайджанской Республики от 6 января 2021 года, служит цели укрепления "
            "позиций нашей страны в новых реалиях, максимального использования передовых "
            "технологических возможностей, осуществления сотрудничества и координации с "
            "международными организациями в этой сфере. Центр осуществляет сотрудничество "
            "Азербайджанской Республики с международными организациями, работающими в области "
            "Четвёртой промышленной революции, и координацию в этой сфере, а также анализ и "
            "координацию вызовов, инициатив, стратегий и проектов в области цифровой "
            "экономики.</p>"
            "<p>21 января 2020 года на Всемирном экономическом форуме в Давосе (Швейцария) "
            "Президент Азербайджанской Республики господин Ильхам Алиев и президент Всемирного "
            "экономического форума господин Бёрге Бренде подписали протокол о намерениях по "
            "созданию Азербайджанского центра Сети центров Четвёртой промышленной революции "
            "Всемирного экономического форума. На этой основе в Азербайджане создан Центр Сети "
            "центров Четвёртой промышленной революции Всемирного экономического форума, что "
            "вытекает из цели превратить нашу страну в цифровой и технологический хаб. "
            "Азербайджанский центр — первый подобный центр на пространстве СНГ. С 1 апреля 2021 "
            "года Центр анализа и координации Четвёртой промышленной революции координирует и "
            "деятельность этого Центра.</p>"
            "<p>Центр анализа и координации Четвёртой промышленной революции сотрудничает с "
            "платформами Всемирного экономического форума по искусственному интеллекту и "
            "машинному обучению, интернету вещей и трансформации городов, а также цифровой "
            "торговле и экономике. В рамках этих платформ предусматривается проведение "
            "мероприятий по различным направлениям во многих отраслях экономики. Вместе с тем "
            "ведётся работа по налаживанию и расширению тесного сотрудничества с центрами Сети "
            "Четвёртой промышленной революции, созданными в разных странах (Турция, ОАЭ, "
            "Израиль, Япония).</p>"
            "<p>Центр анализа и координации Четвёртой промышленной революции подготовил "
            "исследовательский документ, содержащий успешные решения технологий 4ПР в различных "
            "отраслях экономики. Его настоящие название и год на этом сайте отсутствуют: см. "
            '<a href="{document}">образец, заменяющий его</a>.</p>'
        ),
    },
}

MANDATE = {
    "title": {"az": "Mərkəzin mandatı", "en": "Mandate", "ru": "Мандат Центра"},
    "summary": {
        "az": "Mərkəzin fəaliyyət istiqamətləri.",
        "en": "What the Centre is charged with.",
        "ru": "Направления деятельности Центра.",
    },
    "body": {
        "az": (
            "<p>Mərkəz Azərbaycan Respublikası Prezidentinin 6 yanvar 2021-ci il tarixli Fərmanı "
            "ilə yaradılıb və İqtisadiyyat Nazirliyinin tabeliyində fəaliyyət göstərir. Onun "
            "fəaliyyət istiqamətləri bunlardır:</p>"
            "<ul>"
            "<li>Azərbaycan Respublikası ilə Dördüncü Sənaye İnqilabı sahəsində fəaliyyət "
            "göstərən beynəlxalq təşkilatlar arasında əməkdaşlıq və bu sahədə "
            "əlaqələndirmə;</li>"
            "<li>rəqəmsal iqtisadiyyat üzrə çağırışların, təşəbbüslərin, strategiyaların və "
            "layihələrin təhlili və koordinasiyası;</li>"
            "<li>2021-ci ilin 1 aprelindən Dünya İqtisadi Forumunun Dördüncü Sənaye İnqilabı "
            "Mərkəzləri Şəbəkəsinin Azərbaycan Mərkəzinin fəaliyyətinin koordinasiyası;</li>"
            "<li>Dünya İqtisadi Forumunun süni intellekt və maşın öyrənməsi, əşyaların interneti "
            "və şəhər transformasiyası, rəqəmsal ticarət və iqtisadiyyat platformaları ilə "
            "əməkdaşlıq;</li>"
            "<li>Şəbəkənin Türkiyə, BƏƏ, İsrail və Yaponiyadakı mərkəzləri ilə sıx "
            "əməkdaşlığın qurulması və genişləndirilməsi;</li>"
            "<li>22 dövlət qurumunun nümayəndələrindən ibarət Dördüncü Sənaye İnqilabı üzrə "
            "işçi qrupunun fəaliyyətinin əlaqələndirilməsi;</li>"
            "<li>4Sİ texnologiyalarının iqtisadiyyatın müxtəlif sahələrində tətbiqinə dair "
            "tədqiqatların aparılması.</li>"
            "</ul>"
        ),
        "en": (
            "<p>The Centre was created by Decree of the President of the Republic of Azerbaijan "
            "of 6 January 2021 and works under the Ministry of Economy. Its work covers:</p>"
            "<ul>"
            "<li>cooperation between the Republic of Azerbaijan and the international "
            "organisations active in the Fourth Industrial Revolution, and coordination in this "
            "field;</li>"
            "<li>analysis and coordination of challenges, initiatives, strategies and projects "
            "in the digital economy;</li>"
            "<li>coordinating, since 1 April 2021, the Azerbaijan Centre of the World Economic "
            "Forum's Centre for the Fourth Industrial Revolution Network;</li>"
            "<li>cooperation with the World Economic Forum's platforms on artificial "
            "intelligence and machine learning, the Internet of Things and urban "
            "transformation, and digital trade and the economy;</li>"
            "<li>building and expanding close cooperation with the Network's centres in "
            "Türkiye, the UAE, Israel and Japan;</li>"
            "<li>coordinating the Fourth Industrial Revolution working group of representatives "
            "of 22 state bodies;</li>"
            "<li>research on applying 4IR technologies in the various sectors of the "
            "economy.</li>"
            "</ul>"
        ),
        "ru": (
            "<p>Центр создан Указом Президента Азербайджанской Республики от 6 января 2021 года и "
            "действует при Министерстве экономики. Направления его деятельности:</p>"
            "<ul>"
            "<li>сотрудничество Азербайджанской Республики с международными организациями, "
            "работающими в области Четвёртой промышленной революции, и координация в этой "
            "сфере;</li>"
            "<li>анализ и координация вызовов, инициатив, стратегий и проектов в области "
            "цифровой экономики;</li>"
            "<li>координация с 1 апреля 2021 года деятельности Азербайджанского центра Сети "
            "центров Четвёртой промышленной революции Всемирного экономического форума;</li>"
            "<li>сотрудничество с платформами Всемирного экономического форума по "
            "искусственному интеллекту и машинному обучению, интернету вещей и трансформации "
            "городов, цифровой торговле и экономике;</li>"
            "<li>налаживание и расширение тесного сотрудничества с центрами Сети в Турции, ОАЭ, "
            "Израиле и Японии;</li>"
            "<li>координация рабочей группы по Четвёртой промышленной революции из "
            "представителей 22 государственных органов;</li>"
            "<li>исследования применения технологий 4ПР в различных отраслях экономики.</li>"
            "</ul>"
        ),
    },
}

HISTORY = {
    "title": {"az": "Tarixçə", "en": "History", "ru": "История"},
    "summary": {
        "az": "Davosdakı niyyət protokolundan Bakıdakı rəsmi açılışa qədər.",
        "en": "From the protocol of intent in Davos to the official launch in Baku.",
        "ru": "От протокола о намерениях в Давосе до официального открытия в Баку.",
    },
    "body": {
        "az": (
            "<p>Dünya İqtisadi Forumunun Dördüncü Sənaye İnqilabı Mərkəzləri Şəbəkəsi 2017-ci "
            "ilin martında San-Fransiskoda yaradılıb.</p>"
        ),
        "en": (
            "<p>The World Economic Forum's Centre for the Fourth Industrial Revolution Network "
            "was founded in San Francisco in March 2017.</p>"
        ),
        "ru": (
            "<p>Сеть центров Четвёртой промышленной революции Всемирного экономического форума "
            "основана в Сан-Франциско в марте 2017 года.</p>"
        ),
    },
    "milestones": [
        {
            "date": datetime.date(2020, 1, 21),
            "title": {
                "az": "Davosda niyyət protokolu imzalandı",
                "en": "Protocol of intent signed in Davos",
                "ru": "В Давосе подписан протокол о намерениях",
            },
            "description": {
                "az": (
                    "Dünya İqtisadi Forumunda Prezident İlham Əliyev və Forumun prezidenti "
                    "Borge Brende Şəbəkənin Azərbaycan Mərkəzinin yaradılması ilə bağlı niyyət "
                    "protokolunu imzaladılar."
                ),
                "en": (
                    "At the World Economic Forum, President Ilham Aliyev and the Forum's "
                    "President Børge Brende signed a protocol of intent to create the Network's "
                    "Azerbaijan Centre."
                ),
                "ru": (
                    "На Всемирном экономическом форуме Президент Ильхам Алиев и президент Форума "
                    "Бёрге Бренде подписали протокол о намерениях по созданию Азербайджанского "
                    "центра Сети."
                ),
            },
        },
        {
            "date": datetime.date(2021, 1, 6),
            "title": {
                "az": "Prezidentin Fərmanı ilə Mərkəz yaradıldı",
                "en": "The Centre is created by Presidential Decree",
                "ru": "Центр создан Указом Президента",
            },
            "description": {
                "az": (
                    "Dördüncü Sənaye İnqilabının Təhlili və Koordinasiya Mərkəzi İqtisadiyyat "
                    "Nazirliyinin tabeliyində yaradıldı."
                ),
                "en": (
                    "The Fourth Industrial Revolution Analysis and Coordination Centre is set up "
                    "under the Ministry of Economy."
                ),
                "ru": (
                    "Центр анализа и координации Четвёртой промышленной революции создан при "
                    "Министерстве экономики."
                ),
            },
        },
        {
            "date": datetime.date(2021, 4, 1),
            "title": {
                "az": "C4IR Azərbaycan Mərkəzinin koordinasiyası",
                "en": "Coordination of C4IR Azerbaijan begins",
                "ru": "Начало координации C4IR Азербайджан",
            },
            "description": {
                "az": (
                    "Mərkəz Dünya İqtisadi Forumunun Azərbaycan Mərkəzinin fəaliyyətini "
                    "koordinasiya etməyə başladı: MDB məkanında ilk bu cür mərkəz."
                ),
                "en": (
                    "The Centre starts coordinating the World Economic Forum's Azerbaijan "
                    "Centre, the first such centre in the CIS."
                ),
                "ru": (
                    "Центр начинает координировать деятельность Азербайджанского центра "
                    "Всемирного экономического форума — первого подобного центра в СНГ."
                ),
            },
        },
        {
            "date": datetime.date(2022, 2, 23),
            "title": {
                "az": "Bakıda rəsmi açılış",
                "en": "Official launch in Baku",
                "ru": "Официальное открытие в Баку",
            },
            "description": {
                "az": "Mərkəz “Dördüncü Sənaye İnqilabının trendləri” konfransı ilə rəsmən açıldı.",
                "en": (
                    "The Centre is officially launched with the conference “Trends of the Fourth "
                    "Industrial Revolution”."
                ),
                "ru": (
                    "Центр официально открыт конференцией «Тренды Четвёртой промышленной "
                    "революции»."
                ),
            },
        },
    ],
}


# The sample that stands in for the Centre's research document (publications/seed.py), by its
# slug in each language; the about page links it. Pages import no app: the address is reversed
# by name.
RESEARCH_DOCUMENT_SLUGS = {
    "az": "4si-texnologiyalarinin-ugurlu-helleri-numune",
    "en": "successful-solutions-of-4ir-technologies-across-sectors-of-the-economy-sample-document",
    "ru": "uspeshnye-resheniya-tekhnologiy-4pr-v-otraslyakh-ekonomiki-obrazets-dokumenta",
}


def _document_address(code):
    with translation.override(code):
        return reverse("publications:detail", kwargs={"slug": RESEARCH_DOCUMENT_SLUGS[code]})


def _translated(field, values):
    return {
        f"{field}_{code}": text.replace("{document}", _document_address(code))
        if "{document}" in text
        else text
        for code, text in values.items()
    }


def _page_fields(content):
    fields = {}
    for field in ("title", "summary", "body", "seo_description"):
        if field in content:
            fields.update(_translated(field, content[field]))
    return fields


def _ensure_page(lookup, content, **extra):
    page = Page.objects.filter(**lookup).first()
    if page is not None:
        return page, False
    page = Page(status=Status.PUBLISHED, **_page_fields(content), **extra)
    page.save()
    for milestone in content.get("milestones", []):
        Milestone.objects.create(
            page=page,
            date=milestone["date"],
            **_translated("title", milestone["title"]),
            **_translated("description", milestone["description"]),
        )
    return page, True


def seed():
    """Create the Centre's pages that are missing; return how many were created."""
    _home, created = _ensure_page({"is_home": True}, HOME, is_home=True, show_in_menu=False)
    about, new = _ensure_child(None, ABOUT, menu_order=10)
    created += new
    for order, content in enumerate((MANDATE, HISTORY), start=1):
        _page, new = _ensure_child(about, content, menu_order=order * 10)
        created += new
    return created


def _ensure_child(parent, content, **extra):
    lookup = {"parent": parent, "slug_az": slugify_az(content["title"]["az"])}
    return _ensure_page(lookup, content, parent=parent, **extra)
