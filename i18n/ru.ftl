# The theme's reader-facing strings in Russian (Project Fluent, https://projectfluent.org).
# Same message ids and variables as i18n/en.ftl, which documents each one. A site
# overrides any of them by id in its own i18n/ru.ftl.
# Plurals use the CLDR categories of Russian: one (1, 21, 31…), few (2–4, 22–24…),
# many (0, 5–20, 25–30…) and other (fractions). A variant [1] catches exactly 1 where
# the words differ from 21, 31…
# Names after the "counterpart" words stay in the nominative (names from content are
# not declined), so those words end in a colon: "собеседник: Никол Пашинян".

## Navigation and footer (base.html)

skip-to-content = Перейти к содержанию
nav-main-label = Основное меню
nav-briefings = Сводки
nav-timeline = Хронология
nav-actors = Участники
nav-contacts = Контакты
nav-tags = Метки
footer-feed = Лента Atom
footer-corrections = Исправления
footer-data = Данные:

## Page titles (the <title> and og:title; the site's title follows)

title-actors = Участники
title-timeline = Хронология
title-timeline-year = Хронология: { $year }
title-page-n = Страница { $n } – { $site }
title-tag = Метка: { $tag }
title-tags = Метки
title-contacts = Кто с кем говорил
title-corrections = Исправления
title-not-found = Страница не найдена
title-actor-feed = { $actor } – { $site }

## Headings shared by several pages

heading-statements = Заявления
heading-actors = Участники
heading-briefings = Сводки
heading-sources = Источники
heading-corrections = Исправления
label-draft = черновик
column-actor = Участник
column-counterpart = Собеседник
column-statements = Заявления
column-first = Первое
column-last = Последнее

count-statements = { $count ->
    [one] { $count } заявление
    [few] { $count } заявления
    [many] { $count } заявлений
   *[other] { $count } заявления
}
count-briefings = { $count ->
    [one] { $count } сводка
    [few] { $count } сводки
    [many] { $count } сводок
   *[other] { $count } сводки
}

## Home page and its pages (index.html)

index-heading = Последние сводки
index-heading-page = Сводки, страница { $n }
index-empty = Сводок пока нет.
pagination-label = Страницы
pagination-newer = ← Новее
pagination-older = Старше →
pagination-position = Страница { $n } из { $total }

## Briefing page and card (briefing.html, partials/card.html)

briefing-updated = обновлено
briefing-corrected-note = В эту сводку внесены исправления.
card-corrected = исправлено

## One statement (partials/statement.html)

statement-quote = «{ $quote }»
statement-source = Источник:
statement-no-source = Источник не указан
statement-from = из сводки

## Actors list and actor page (actors.html, actor.html)

actors-heading = Участники
actors-empty = Участников пока нет.
title-actors-letter = Участники: { $letter }
actors-letter-heading = Участники: { $letter }
actors-letter-back = Все участники
actors-letter-count = { $count ->
    [one] { $count } участник
    [few] { $count } участника
    [many] { $count } участников
   *[other] { $count } участника
}
actors-index-intro = Всего участников: { $count }. Списки составлены по первой букве имени или названия.
actors-letters-label = Участники по первой букве
actors-by-kind = По типу
actors-most-cited = Упоминаются чаще всего
actor-addressed-in = адресовано: { $count }
actor-addressed-statements = { $count ->
    [one] адресовано { $count } заявление
    [few] адресованы { $count } заявления
    [many] адресовано { $count } заявлений
   *[other] адресовано { $count } заявления
}
actor-wikidata = Wikidata { $id }
actor-aliases = Другие написания: { $aliases }
actor-roles = Должности
role-from = с { $date }
role-to = по { $date }
actor-no-statements = Заявлений не записано.
actor-spoke-with = Говорил с

## Timeline (timeline.html)

timeline-heading = Хронология
timeline-heading-year = Хронология: { $year }
timeline-years-label = Годы
filter-actor = Участник
filter-all-actors = Все участники
filter-kind = Вид
filter-all-kinds = Все виды
filter-verification = Проверка
filter-any = Любая
# Under the timeline filters: how many statements show ($shown and $total are
# numbers), the button that clears the filters, and what shows when none matches.
filter-reset = Показать все
filter-nothing = На этой странице нет заявлений, подходящих под эти фильтры.
timeline-empty = Заявлений пока нет.
timeline-choose-year = Выберите год.
timeline-month = { $month } { $year } г.
timeline-month-not-known = { $year } г. (месяц неизвестен)
# Date first: a heading cannot capitalise a lowercase weekday name.
timeline-day = { $date }, { $weekday }
timeline-day-not-known = День неизвестен
timeline-month-unknown = Месяц неизвестен

## Contacts (contacts.html and the network drawing)

contacts-heading = Кто с кем говорил
contacts-lead = Линия соединяет двух участников, которые говорили друг с другом (телефонный разговор, встреча, обращение) или выступили вместе (совместное заявление). Чем толще линия, тем больше заявлений.
contacts-figcaption = Та же сеть в виде таблицы — ниже.
contacts-caption = Пары участников по связывающим их заявлениям
contacts-empty = Контактов пока не записано.
contacts-svg-title = Кто с кем говорил: { $actors ->
    [one] { $actors } участник
    [few] { $actors } участника
    [many] { $actors } участников
   *[other] { $actors } участника
}, { $pairs ->
    [one] { $pairs } пара
    [few] { $pairs } пары
    [many] { $pairs } пар
   *[other] { $pairs } пары
}

## Corrections, tags, 404

corrections-heading = Исправления
corrections-lead = Все исправления, внесённые в сводки, начиная с последних.
corrections-empty = Исправлений пока нет.
tags-heading = Метки
tags-empty = Меток пока нет.
tag-heading = Метка: { $tag }
not-found-heading = Страница не найдена
not-found-text-html = По этому адресу ничего нет. Посмотрите <a href="{ $home }">последние сводки</a>, <a href="{ $timeline }">хронологию</a> или <a href="{ $actors }">участников</a>.

## Kinds of statement and actor, verification (ids as written in front matter)

statement-kind-statement = Заявление
statement-kind-phone_call = Телефонный разговор
statement-kind-meeting = Встреча
statement-kind-press_conference = Пресс-конференция
statement-kind-interview = Интервью
statement-kind-joint_statement = Совместное заявление
statement-kind-readout = Официальное сообщение
statement-kind-social_post = Публикация в соцсетях
statement-kind-other = Другое
actor-kind-person = человек
actor-kind-state = государство
actor-kind-organization = организация
actor-kind-armed_group = вооружённая группировка
actor-kind-person-plural = Люди
actor-kind-state-plural = Государства
actor-kind-organization-plural = Организации
actor-kind-armed_group-plural = Вооружённые группировки
verification-verified = проверено
verification-unverified = не проверено
verification-disputed = оспаривается
verification-none = не оценено

## Dates (CLDR ru). Month names stand alone in lowercase ("октябрь 2020 г.");
## inside a day date the month is in the genitive ("2 октября 2020 г."); the short
## names are CLDR's abbreviated format forms, which also read as genitives
## ("2–3 окт. 2020 г.").

month-1 = январь
month-2 = февраль
month-3 = март
month-4 = апрель
month-5 = май
month-6 = июнь
month-7 = июль
month-8 = август
month-9 = сентябрь
month-10 = октябрь
month-11 = ноябрь
month-12 = декабрь
month-short-1 = янв.
month-short-2 = февр.
month-short-3 = мар.
month-short-4 = апр.
month-short-5 = мая
month-short-6 = июн.
month-short-7 = июл.
month-short-8 = авг.
month-short-9 = сент.
month-short-10 = окт.
month-short-11 = нояб.
month-short-12 = дек.
weekday-1 = понедельник
weekday-2 = вторник
weekday-3 = среда
weekday-4 = четверг
weekday-5 = пятница
weekday-6 = суббота
weekday-7 = воскресенье
date-year = { $year } г.
date-month = { $month } { $year } г.
date-day = { $day } { $month-genitive } { $year } г.
date-uncertain = { $date } (?)
date-approximate = ок. { $date }
date-range = { $start } – { $end }
date-range-same-year = { $start-day } { $start-month-genitive } – { $end-day } { $end-month-genitive } { $year } г.
date-range-same-month = { $start-day }–{ $end-day } { $month-genitive } { $year } г.

## Reader

methodology-title = Методика
methodology-summary = Как читать отметки о проверке и даты заявлений на этом сайте.
legend-verification-heading = Проверка
legend-verification-lead = У каждого заявления есть одна из этих отметок.
legend-verification-verified = Сверено с первоисточником, например с официальным сообщением или стенограммой.
legend-verification-unverified = Сообщалось, но с первоисточником не сверено.
legend-verification-disputed = Стороны или заслуживающие доверия источники расходятся в том, что было сказано.
legend-verification-none = Заявление ещё никто не оценивал: оно не подтверждено и не поставлено под сомнение.
legend-dates-heading = Даты
legend-dates-lead = Дата показывает только то, что известно о времени заявления.
legend-dates-precision-term = октябрь 2020 г., 2020 г.
legend-dates-precision = Известен только месяц или год.
legend-dates-uncertain-term = 1 октября 2020 г. (?)
legend-dates-uncertain = Данные указывают на этот день, но не доказывают его.
legend-dates-approximate-term = ок. 2 октября 2020 г.
legend-dates-approximate = В этот день или около него.
legend-dates-interval-term = 2–3 мар. 2021 г.
legend-dates-interval = В какой-то из дней этого промежутка.
legend-verification-link = { $label }: что означает эта отметка
legend-dates-link = { $date }: как показаны даты
statement-role = ({ $role })
statement-and = и
statement-counterpart-statement = адресат:
statement-counterpart-phone_call = собеседник:
statement-counterpart-meeting = собеседник:
statement-counterpart-press_conference = адресат:
statement-counterpart-interview = собеседник:
statement-counterpart-joint_statement = соавтор:
statement-counterpart-readout = собеседник:
statement-counterpart-social_post = адресат:
statement-counterpart-other = с участием:
statement-permalink = Ссылка
statement-permalink-label = Ссылка на заявление { $n }
briefing-statements-label = Заявления в этой сводке
briefing-statements-jump = { $count ->
    [one] { $count } заявление ниже
    [few] { $count } заявления ниже
    [many] { $count } заявлений ниже
   *[other] { $count } заявления ниже
}
correction-of-statement = (заявление { $n })
card-actors = Участники:
contacts-legend-talk = Говорили друг с другом
contacts-legend-joint = Только совместное заявление
## Authoring
draft-banner-label = Черновик.
draft-banner = Эта сводка не опубликована: `sitroom build` пропускает её, пока в её заголовке стоит `draft: true`.
## Search (search.html, search.js, the header's search box in base.html)

search-heading = Поиск
search-label = Поиск по сайту
search-submit = Найти
search-header-link = Архив
search-filters = Фильтры и сортировка
search-filter-type = Тип
search-filter-actor = Участник
search-filter-kind = Вид заявления
search-filter-verification = Проверка
search-filter-year = Год
search-filter-tag = Метка
search-filter-any = Все
search-sort = Сортировка
search-sort-relevance = По релевантности
search-sort-newest = Сначала новые
search-sort-oldest = Сначала старые
search-results-label = Результаты поиска
search-count = { $count ->
    [one] { $count } результат
    [few] { $count } результата
    [many] { $count } результатов
   *[other] { $count } результата
}
search-prompt = Введите слово или выберите фильтр.
search-loading = Поиск…
search-none = Ничего не найдено.
search-reset = Сбросить поиск и фильтры
search-more = Показать ещё
search-error = Не удалось загрузить поисковый индекс.
search-needs-server = Поиск работает, когда сайт открыт через веб-сервер; страница, открытая из файла, не может загрузить поисковый индекс.
search-needs-js = Для поиска нужен JavaScript. Без него сводки, хронология и участники доступны из меню.
search-type-briefing = Сводка
search-type-statement = Заявление
search-type-actor = Участник
search-type-page = Страница
## Archive (archive.html, the timeline's jump bar, actor year pages, paginated lists)

nav-archive = Архив
title-archive = Архив
title-archive-year = Архив: { $year }
title-archive-month = Архив: { $month }
title-actor-year = { $actor }: { $year }
title-paged = { $title }, страница { $n }
archive-heading = Архив
archive-heading-year = Архив: { $year }
archive-heading-month = Архив: { $month }
archive-years-label = Годы и месяцы
archive-link = Все сводки по годам и месяцам
archive-split = { $count ->
    [one] { $count } сводка за этот год; выберите месяц.
    [few] { $count } сводки за этот год; выберите месяц.
    [many] { $count } сводок за этот год; выберите месяц.
   *[other] { $count } сводки за этот год; выберите месяц.
}
tag-heading-page = Метка: { $tag }, страница { $n }
pagination-earlier = ← Раньше
pagination-later = Позже →
timeline-latest = { $count ->
    [1] Последнее заявление. Более ранние — по годам и месяцам:
    [one] Последние { $count } заявление. Более ранние — по годам и месяцам:
    [few] Последние { $count } заявления. Более ранние — по годам и месяцам:
    [many] Последние { $count } заявлений. Более ранние — по годам и месяцам:
   *[other] Последние { $count } заявления. Более ранние — по годам и месяцам:
}
timeline-months-label = Месяцы
timeline-day-uncertain = { $date } (дата не подтверждена)
timeline-day-approximate = { $date } (приблизительная дата)
timeline-day-interval = { $date } (в течение нескольких дней)
actor-years-label = Заявления по годам
actor-said-addressed = сделано: { $said }, адресовано: { $addressed }
actor-latest = { $count ->
    [1] Последнее заявление:
    [one] Последние заявления из { $count }; остальные — по годам:
    [few] Последние заявления из { $count }; остальные — по годам:
    [many] Последние заявления из { $count }; остальные — по годам:
   *[other] Последние заявления из { $count }; остальные — по годам:
}
actor-all-of-year = { $count ->
    [1] { $count } заявление за { $year } г.
    [one] Все { $count } заявление за { $year } г.
    [few] Все { $count } заявления за { $year } г.
    [many] Все { $count } заявлений за { $year } г.
   *[other] Все { $count } заявления за { $year } г.
}
actor-year-heading = { $actor }: заявления за { $year } г.
actor-year-back = Профиль: { $actor }
actor-contacts-top = Самые частые собеседники ({ $shown } из { $count }). Все:
actor-briefings-latest = Последние сводки ({ $shown } из { $count }).
contacts-top = Пары с наибольшим числом заявлений ({ $shown } из { $count }). Все пары:
contacts-csv = contacts.csv
## languages
language-name = Русский
number-digits = 0123456789
month-genitive-1 = января
month-genitive-2 = февраля
month-genitive-3 = марта
month-genitive-4 = апреля
month-genitive-5 = мая
month-genitive-6 = июня
month-genitive-7 = июля
month-genitive-8 = августа
month-genitive-9 = сентября
month-genitive-10 = октября
month-genitive-11 = ноября
month-genitive-12 = декабря

## Added with statement ids, archived sources, EDTF dates, feeds and languages

# Описание страницы актора (og:description), когда у него нет биографии.
actor-og-description = { $name }: { $count ->
    [one] { $count } заявление
    [few] { $count } заявления
    [many] { $count } заявлений
   *[other] { $count } заявления
}
data-slide-briefing = В сводке: { $title }
data-slide-who = { $speakers } → { $with }, { $kind }
data-slide-who-alone = { $speakers }, { $kind }
date-end-unknown = с { $start } (дата окончания неизвестна)
date-since = с { $start }
date-start-unknown = до { $end } (дата начала неизвестна)
date-time = { $date }, { $time } UTC{ $offset }
date-uncertain-approximate = ок. { $date } (?)
date-until = до { $end }
factcheck-rating-false = Ложь
factcheck-rating-misleading = Вводит в заблуждение
factcheck-rating-mixed = Отчасти правда
factcheck-rating-mostly_false = В основном ложь
factcheck-rating-mostly_true = В основном правда
factcheck-rating-true = Правда
factcheck-rating-unproven = Не доказано
feed-statement-title = { $speakers } – { $kind }, { $date }
legend-dates-open = Началось в этот день и продолжается. «До 2023 г.» — обратный случай: закончилось тогда, начало не указано.
legend-dates-open-term = с 24 февраля 2022 г.
legend-dates-time = Время суток в месте заявления, со смещением от UTC; оно упорядочивает заявления одного дня.
legend-dates-time-term = 2 октября 2020 г., 14:30 UTC+3
legend-dates-uncertain-approximate = Около этого дня, и данные этого не доказывают.
legend-dates-uncertain-approximate-term = ок. 2 октября 2020 г. (?)
legend-dates-unknown = Началось тогда и уже закончилось, но когда — неизвестно; «до 2023 г. (дата начала неизвестна)» — обратный случай. Это не то же самое, что «продолжается».
legend-dates-unknown-term = с мая 2021 г. (дата окончания неизвестна)
nav-languages-label = Языки
# The meta description of pages when site.yaml has no `description`.
site-description-fallback = { $site }: сводки, их участники и датированная хроника их заявлений с источниками.
source-accessed = просмотрено { $date }
source-archived = архивная копия
source-archived-label = архивная копия: { $outlet }
statement-badge-disputed-by = оспорено другим заявлением
statement-badge-disputes = противоречит другому заявлению
statement-disputed-by = Оспорено заявлением: { $speakers }, { $date }
statement-disputes = Противоречит заявлению: { $speakers }, { $date }
statement-factcheck = Проверка фактов: { $rating }
statement-factcheck-link = Читать проверку фактов
timeline-day-open = { $date }
timeline-day-uncertain-approximate = { $date } (приблизительная дата, не подтверждена)
## original-language quotes
statement-original = { $language ->
    [en] По-английски:
    [ru] По-русски:
    [hy] По-армянски:
    [ar] По-арабски:
    [az] По-азербайджански:
    [fr] По-французски:
    [tr] По-турецки:
    [fa] На фарси:
    [uk] По-украински:
    [ka] По-грузински:
    [he] На иврите:
    [de] По-немецки:
   *[other] В оригинале ({ $language }):
}
## qa
filter-shown = { $shown } из { $total ->
    [one] { $total } заявления
    [few] { $total } заявлений
    [many] { $total } заявлений
   *[other] { $total } заявления
}
plain-number = { $n }
