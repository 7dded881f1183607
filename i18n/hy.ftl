# The theme's reader-facing strings in Armenian (Project Fluent, https://projectfluent.org).
# Same message ids and variables as i18n/en.ftl, which documents each one. A site
# overrides any of them by id in its own i18n/hy.ftl.
# Plurals use the CLDR categories of Armenian: one (0 and 1) and other. After a number
# the noun stays singular ("5 հայտարարություն"), so both variants usually read the
# same; a variant [1] catches exactly 1 where the words differ.
# Sentences end with the Armenian full stop "։"; "." before a list or a value plays
# the part of a colon, as Armenian writes it.
# Names after the "counterpart" words stay in the nominative (names from content are
# not declined), so those words end in "՝": "զրուցակից՝ Նիկոլ Փաշինյան".

## Navigation and footer (base.html)

skip-to-content = Անցնել բովանդակությանը
nav-main-label = Հիմնական ընտրացանկ
nav-briefings = Տեղեկագրեր
nav-timeline = Ժամանակագրություն
nav-actors = Դերակատարներ
nav-contacts = Շփումներ
nav-tags = Պիտակներ
footer-feed = Atom լրահոս
footer-corrections = Ուղղումներ
footer-data = Տվյալներ.

## Page titles (the <title> and og:title; the site's title follows)

title-actors = Դերակատարներ
title-timeline = Ժամանակագրություն
title-timeline-year = Ժամանակագրություն՝ { $year } թ.
title-page-n = Էջ { $n } – { $site }
title-tag = Պիտակ՝ { $tag }
title-tags = Պիտակներ
title-contacts = Ով ում հետ է խոսել
title-corrections = Ուղղումներ
title-not-found = Էջը չի գտնվել
title-actor-feed = { $actor } – { $site }

## Headings shared by several pages

heading-statements = Հայտարարություններ
heading-actors = Դերակատարներ
heading-briefings = Տեղեկագրեր
heading-sources = Աղբյուրներ
heading-corrections = Ուղղումներ
label-draft = սևագիր
column-actor = Դերակատար
column-counterpart = Զրուցակից
column-statements = Հայտարարություններ
column-first = Առաջին
column-last = Վերջին

count-statements = { $count ->
    [one] { $count } հայտարարություն
   *[other] { $count } հայտարարություն
}
count-briefings = { $count ->
    [one] { $count } տեղեկագիր
   *[other] { $count } տեղեկագիր
}

## Home page and its pages (index.html)

index-heading = Վերջին տեղեկագրերը
index-heading-page = Տեղեկագրեր, էջ { $n }
index-empty = Տեղեկագրեր դեռ չկան։
pagination-label = Էջեր
pagination-newer = ← Ավելի նոր
pagination-older = Ավելի հին →
pagination-position = Էջ { $n }՝ { $total }-ից

## Briefing page and card (briefing.html, partials/card.html)

briefing-updated = թարմացվել է
briefing-corrected-note = Այս տեղեկագրում ուղղումներ են արվել։
card-corrected = ուղղված

## One statement (partials/statement.html)

statement-quote = «{ $quote }»
statement-source = Աղբյուր.
statement-no-source = Աղբյուրը նշված չէ
statement-from = տեղեկագիր.

## Actors list and actor page (actors.html, actor.html)

actors-heading = Դերակատարներ
actors-empty = Դերակատարներ դեռ չկան։
title-actors-letter = Դերակատարներ՝ { $letter }
actors-letter-heading = Դերակատարներ՝ { $letter }
actors-letter-back = Բոլոր դերակատարները
actors-letter-count = { $count ->
    [one] { $count } դերակատար
   *[other] { $count } դերակատար
}
actors-index-intro = Դերակատարներ՝ ընդամենը { $count }։ Ցանկերը կազմված են ըստ անվան կամ անվանման առաջին տառի։
actors-letters-label = Դերակատարներն ըստ առաջին տառի
actors-by-kind = Ըստ տեսակի
actors-most-cited = Ամենաշատ հիշատակվածները
actor-addressed-in = հասցեագրված՝ { $count }
actor-addressed-statements = { $count ->
    [one] հասցեագրված է { $count } հայտարարություն
   *[other] հասցեագրված է { $count } հայտարարություն
}
actor-wikidata = Wikidata { $id }
actor-aliases = Այլ գրելաձևեր. { $aliases }
actor-roles = Պաշտոններ
role-from = { $date }-ից
role-to = մինչև { $date }
actor-no-statements = Հայտարարություններ գրանցված չեն։
actor-spoke-with = Խոսել է

## Timeline (timeline.html)

timeline-heading = Ժամանակագրություն
timeline-heading-year = Ժամանակագրություն՝ { $year } թ.
timeline-years-label = Տարիներ
filter-actor = Դերակատար
filter-all-actors = Բոլոր դերակատարները
filter-kind = Տեսակ
filter-all-kinds = Բոլոր տեսակները
filter-verification = Ստուգում
filter-any = Ցանկացած
# Under the timeline filters: how many statements show ($shown and $total are
# numbers), the button that clears the filters, and what shows when none matches.
filter-reset = Ցույց տալ բոլորը
filter-nothing = Այս էջում այս ֆիլտրերին համապատասխանող հայտարարություն չկա։
timeline-empty = Հայտարարություններ դեռ չկան։
timeline-choose-year = Ընտրեք տարին։
timeline-month = { $year } թ. { $month }
timeline-month-not-known = { $year } թ. (ամիսը հայտնի չէ)
# CLDR's full date order: "2020 թ. հոկտեմբերի 2, ուրբաթ".
timeline-day = { $date }, { $weekday }
timeline-day-not-known = Օրը հայտնի չէ
timeline-month-unknown = Ամիսը հայտնի չէ

## Contacts (contacts.html and the network drawing)

contacts-heading = Ով ում հետ է խոսել
contacts-lead = Յուրաքանչյուր գիծ միացնում է երկու դերակատարի, որոնք խոսել են միմյանց հետ (հեռախոսազրույց, հանդիպում, ուղերձ) կամ հանդես են եկել միասին (համատեղ հայտարարություն)։ Որքան հաստ է գիծը, այնքան շատ են հայտարարությունները։
contacts-figcaption = Նույն ցանցը՝ աղյուսակի տեսքով, ներկայացված է ստորև։
contacts-caption = Դերակատարների զույգերը՝ ըստ նրանց կապող հայտարարությունների
contacts-empty = Շփումներ դեռ գրանցված չեն։
contacts-svg-title = Ով ում հետ է խոսել. { $actors } դերակատար, { $pairs ->
    [one] { $pairs } զույգ
   *[other] { $pairs } զույգ
}

## Corrections, tags, 404

corrections-heading = Ուղղումներ
corrections-lead = Տեղեկագրերում արված բոլոր ուղղումները՝ սկսած վերջիններից։
corrections-empty = Ուղղումներ դեռ չկան։
tags-heading = Պիտակներ
tags-empty = Պիտակներ դեռ չկան։
tag-heading = Պիտակ՝ { $tag }
not-found-heading = Էջը չի գտնվել
not-found-text-html = Այս հասցեում ոչինչ չկա։ Փորձեք <a href="{ $home }">վերջին տեղեկագրերը</a>, <a href="{ $timeline }">ժամանակագրությունը</a> կամ <a href="{ $actors }">դերակատարներին</a>։

## Kinds of statement and actor, verification (ids as written in front matter)

statement-kind-statement = Հայտարարություն
statement-kind-phone_call = Հեռախոսազրույց
statement-kind-meeting = Հանդիպում
statement-kind-press_conference = Մամուլի ասուլիս
statement-kind-interview = Հարցազրույց
statement-kind-joint_statement = Համատեղ հայտարարություն
statement-kind-readout = Պաշտոնական հաղորդագրություն
statement-kind-social_post = Գրառում սոցիալական ցանցում
statement-kind-other = Այլ
actor-kind-person = անձ
actor-kind-state = պետություն
actor-kind-organization = կազմակերպություն
actor-kind-armed_group = զինված խմբավորում
actor-kind-person-plural = Անձինք
actor-kind-state-plural = Պետություններ
actor-kind-organization-plural = Կազմակերպություններ
actor-kind-armed_group-plural = Զինված խմբավորումներ
verification-verified = ստուգված
verification-unverified = չստուգված
verification-disputed = վիճարկվող
verification-none = չգնահատված

## Dates (CLDR hy). Month names stand alone ("2020 թ. հոկտեմբեր"); inside a day
## date the month takes its genitive and the year comes first, as Armenian writes
## it: "2020 թ. հոկտեմբերի 2". The short names are CLDR's abbreviations.

month-1 = հունվար
month-2 = փետրվար
month-3 = մարտ
month-4 = ապրիլ
month-5 = մայիս
month-6 = հունիս
month-7 = հուլիս
month-8 = օգոստոս
month-9 = սեպտեմբեր
month-10 = հոկտեմբեր
month-11 = նոյեմբեր
month-12 = դեկտեմբեր
month-short-1 = հնվ
month-short-2 = փտվ
month-short-3 = մրտ
month-short-4 = ապր
month-short-5 = մյս
month-short-6 = հնս
month-short-7 = հլս
month-short-8 = օգս
month-short-9 = սեպ
month-short-10 = հոկ
month-short-11 = նոյ
month-short-12 = դեկ
weekday-1 = երկուշաբթի
weekday-2 = երեքշաբթի
weekday-3 = չորեքշաբթի
weekday-4 = հինգշաբթի
weekday-5 = ուրբաթ
weekday-6 = շաբաթ
weekday-7 = կիրակի
date-year = { $year } թ.
date-month = { $year } թ. { $month }
date-day = { $year } թ. { $month-genitive } { $day }
date-uncertain = { $date } (?)
date-approximate = մոտ. { $date }
date-range = { $start } – { $end }
date-range-same-year = { $year } թ. { $start-month-genitive } { $start-day } – { $end-month-genitive } { $end-day }
date-range-same-month = { $year } թ. { $month-genitive } { $start-day }–{ $end-day }

## Reader

methodology-title = Մեթոդաբանություն
methodology-summary = Ինչպես կարդալ այս կայքի հայտարարությունների ստուգման պիտակներն ու ամսաթվերը։
legend-verification-heading = Ստուգում
legend-verification-lead = Յուրաքանչյուր հայտարարություն ունի այս պիտակներից մեկը։
legend-verification-verified = Ստուգված է սկզբնաղբյուրով, օրինակ՝ պաշտոնական հաղորդագրությամբ կամ սղագրությամբ։
legend-verification-unverified = Հաղորդվել է, բայց սկզբնաղբյուրով չի հաստատվել։
legend-verification-disputed = Կողմերը կամ վստահելի աղբյուրները տարակարծիք են այն հարցում, թե ինչ է ասվել։
legend-verification-none = Այս հայտարարությունը դեռ ոչ ոք չի գնահատել. այն ո՛չ հաստատված է, ո՛չ էլ կասկածի տակ դրված։
legend-dates-heading = Ամսաթվեր
legend-dates-lead = Ամսաթիվը ցույց է տալիս միայն այն, ինչ հայտնի է հայտարարության ժամանակի մասին։
legend-dates-precision-term = 2020 թ. հոկտեմբեր, 2020 թ.
legend-dates-precision = Հայտնի է միայն ամիսը կամ տարին։
legend-dates-uncertain-term = 2020 թ. հոկտեմբերի 1 (?)
legend-dates-uncertain = Տվյալները մատնանշում են այս օրը, բայց չեն ապացուցում։
legend-dates-approximate-term = մոտ. 2020 թ. հոկտեմբերի 2
legend-dates-approximate = Այս օրը կամ դրան մոտ։
legend-dates-interval-term = 2021 թ. մրտ 2–3
legend-dates-interval = Այս օրերի միջև ինչ-որ ժամանակ։
legend-verification-link = { $label }. ինչ է նշանակում այս պիտակը
legend-dates-link = { $date }. ինչպես են ցույց տրվում ամսաթվերը
statement-role = ({ $role })
statement-and = և
statement-counterpart-statement = հասցեատեր՝
statement-counterpart-phone_call = զրուցակից՝
statement-counterpart-meeting = զրուցակից՝
statement-counterpart-press_conference = հասցեատեր՝
statement-counterpart-interview = զրուցակից՝
statement-counterpart-joint_statement = համահեղինակ՝
statement-counterpart-readout = զրուցակից՝
statement-counterpart-social_post = հասցեատեր՝
statement-counterpart-other = մասնակից՝
statement-permalink = Հղում
statement-permalink-label = Հղում հայտարարություն { $n }-ին
briefing-statements-label = Հայտարարություններն այս տեղեկագրում
briefing-statements-jump = { $count ->
    [one] { $count } հայտարարություն ստորև
   *[other] { $count } հայտարարություն ստորև
}
correction-of-statement = (հայտարարություն { $n })
card-actors = Մասնակիցներ.
contacts-legend-talk = Խոսել են միմյանց հետ
contacts-legend-joint = Միայն համատեղ հայտարարություն
## Authoring
draft-banner-label = Սևագիր։
draft-banner = Այս տեղեկագիրը հրապարակված չէ. `sitroom build`-ը այն բաց է թողնում, քանի դեռ դրա վերնամասում գրված է `draft: true`։
## Search (search.html, search.js, the header's search box in base.html)

search-heading = Որոնում
search-label = Որոնել կայքում
search-submit = Որոնել
search-header-link = Արխիվ
search-filters = Զտել և դասավորել
search-filter-type = Տեսակ
search-filter-actor = Դերակատար
search-filter-kind = Հայտարարության տեսակ
search-filter-verification = Ստուգում
search-filter-year = Տարի
search-filter-tag = Պիտակ
search-filter-any = Բոլորը
search-sort = Դասավորել ըստ
search-sort-relevance = Համապատասխանության
search-sort-newest = Սկզբում նորերը
search-sort-oldest = Սկզբում հները
search-results-label = Որոնման արդյունքներ
search-count = { $count ->
    [one] { $count } արդյունք
   *[other] { $count } արդյունք
}
search-prompt = Մուտքագրեք բառ կամ ընտրեք զտիչ։
search-loading = Որոնում…
search-none = Այս որոնմանը ոչինչ չի համապատասխանում։
search-reset = Մաքրել որոնումն ու զտիչները
search-more = Ցույց տալ ավելին
search-error = Որոնման ինդեքսը չհաջողվեց բեռնել։
search-needs-server = Որոնումն աշխատում է, երբ կայքը բացվում է վեբ սերվերից. ֆայլից բացված էջը չի կարող բեռնել որոնման ինդեքսը։
search-needs-js = Որոնման համար անհրաժեշտ է JavaScript։ Առանց դրա տեղեկագրերը, ժամանակագրությունը և դերակատարներին գտեք ընտրացանկից։
search-type-briefing = Տեղեկագիր
search-type-statement = Հայտարարություն
search-type-actor = Դերակատար
search-type-page = Էջ
## Archive (archive.html, the timeline's jump bar, actor year pages, paginated lists)

nav-archive = Արխիվ
title-archive = Արխիվ
title-archive-year = Արխիվ՝ { $year } թ.
title-archive-month = Արխիվ՝ { $month }
title-actor-year = { $actor }՝ { $year } թ.
title-paged = { $title }, էջ { $n }
archive-heading = Արխիվ
archive-heading-year = Արխիվ՝ { $year } թ.
archive-heading-month = Արխիվ՝ { $month }
archive-years-label = Տարիներ և ամիսներ
archive-link = Բոլոր տեղեկագրերը՝ ըստ տարիների և ամիսների
archive-split = { $count ->
    [one] { $count } տեղեկագիր այս տարում. ընտրեք ամիսը։
   *[other] { $count } տեղեկագիր այս տարում. ընտրեք ամիսը։
}
tag-heading-page = Պիտակ՝ { $tag }, էջ { $n }
pagination-earlier = ← Ավելի վաղ
pagination-later = Ավելի ուշ →
timeline-latest = { $count ->
    [1] Վերջին հայտարարությունը։ Ավելի վաղերը՝ ըստ տարիների և ամիսների.
    [one] Վերջին { $count } հայտարարությունները։ Ավելի վաղերը՝ ըստ տարիների և ամիսների.
   *[other] Վերջին { $count } հայտարարությունները։ Ավելի վաղերը՝ ըստ տարիների և ամիսների.
}
timeline-months-label = Ամիսներ
timeline-day-uncertain = { $date } (ամսաթիվը հաստատված չէ)
timeline-day-approximate = { $date } (մոտավոր ամսաթիվ)
timeline-day-interval = { $date } (մի քանի օրվա ընթացքում)
actor-years-label = Հայտարարություններ՝ ըստ տարիների
actor-said-addressed = արել է՝ { $said }, իրեն հասցեագրված՝ { $addressed }
actor-latest = { $count ->
    [1] Վերջին հայտարարությունը.
    [one] Վերջին հայտարարությունները՝ { $count }-ից. մնացածը՝ ըստ տարիների.
   *[other] Վերջին հայտարարությունները՝ { $count }-ից. մնացածը՝ ըստ տարիների.
}
actor-all-of-year = { $count ->
    [1] { $year } թ. { $count } հայտարարությունը
    [one] { $year } թ. բոլոր { $count } հայտարարությունները
   *[other] { $year } թ. բոլոր { $count } հայտարարությունները
}
actor-year-heading = { $actor }՝ { $year } թ. հայտարարությունները
actor-year-back = { $actor }՝ պրոֆիլ
actor-contacts-top = Ամենահաճախակի { $shown } զրուցակիցները՝ { $count }-ից. բոլորը.
actor-briefings-latest = Վերջին { $shown } տեղեկագրերը՝ { $count }-ից։
contacts-top = Ամենաշատ հայտարարություններով { $shown } զույգերը՝ { $count }-ից. բոլոր զույգերը.
contacts-csv = contacts.csv
## languages
language-name = Հայերեն
number-digits = 0123456789
month-genitive-1 = հունվարի
month-genitive-2 = փետրվարի
month-genitive-3 = մարտի
month-genitive-4 = ապրիլի
month-genitive-5 = մայիսի
month-genitive-6 = հունիսի
month-genitive-7 = հուլիսի
month-genitive-8 = օգոստոսի
month-genitive-9 = սեպտեմբերի
month-genitive-10 = հոկտեմբերի
month-genitive-11 = նոյեմբերի
month-genitive-12 = դեկտեմբերի

## Added with statement ids, archived sources, EDTF dates, feeds and languages

actor-og-description = { $name }. { $count ->
    [one] { $count } հայտարարություն
   *[other] { $count } հայտարարություն
}
data-slide-briefing = Տեղեկագրում՝ { $title }
data-slide-who = { $speakers } → { $with }, { $kind }
data-slide-who-alone = { $speakers }, { $kind }
date-end-unknown = { $start }-ից (ավարտը հայտնի չէ)
date-since = { $start }-ից
date-start-unknown = մինչև { $end } (սկիզբը հայտնի չէ)
date-time = { $date }, { $time } UTC{ $offset }
date-uncertain-approximate = մոտ. { $date } (?)
date-until = մինչև { $end }
factcheck-rating-false = Կեղծ
factcheck-rating-misleading = Մոլորեցնող
factcheck-rating-mixed = Մասամբ ճիշտ
factcheck-rating-mostly_false = Հիմնականում կեղծ
factcheck-rating-mostly_true = Հիմնականում ճիշտ
factcheck-rating-true = Ճիշտ
factcheck-rating-unproven = Ապացուցված չէ
feed-statement-title = { $speakers } – { $kind }, { $date }
legend-dates-open = Սկսվել է այդ օրը և դեռ շարունակվում է։ «Մինչև 2023 թ.»-ը հակառակն է՝ ավարտվել է այդ ժամանակ, սկիզբը նշված չէ։
legend-dates-open-term = 2022 թ. փետրվարի 24-ից
legend-dates-time = Օրվա ժամը այնտեղ, որտեղ ասվել է, UTC-ից շեղումով․ այն դասավորում է նույն օրվա հայտարարությունները։
legend-dates-time-term = 2020 թ. հոկտեմբերի 2, 14:30 UTC+3
legend-dates-uncertain-approximate = Այս օրվա մոտակայքում, և տվյալները դա չեն ապացուցում։
legend-dates-uncertain-approximate-term = մոտ. 2020 թ. հոկտեմբերի 2 (?)
legend-dates-unknown = Սկսվել է այդ ժամանակ և ավարտվել է, բայց հայտնի չէ՝ երբ։ «Մինչև 2023 թ. (սկիզբը հայտնի չէ)»-ն հակառակն է։ Սա նույնը չէ, ինչ «դեռ շարունակվում է»։
legend-dates-unknown-term = 2021 թ. մայիսից (ավարտը հայտնի չէ)
nav-languages-label = Լեզուներ
# The meta description of pages when site.yaml has no `description`.
site-description-fallback = { $site }. տեղեկագրեր, դրանց դերակատարները և նրանց հայտարարությունների թվագրված ժամանակագրություն՝ աղբյուրներով։
source-accessed = դիտվել է { $date }
source-archived = արխիվային պատճեն
source-archived-label = արխիվային պատճեն՝ { $outlet }
statement-badge-disputed-by = հակասում է մեկ այլ հայտարարություն
statement-badge-disputes = հակասում է մեկ այլ հայտարարության
statement-disputed-by = Վիճարկում է՝ { $speakers }, { $date }
statement-disputes = Հակասում է՝ { $speakers }, { $date }
statement-factcheck = Փաստերի ստուգում՝ { $rating }
statement-factcheck-link = Կարդալ փաստերի ստուգումը
timeline-day-open = { $date }
timeline-day-uncertain-approximate = { $date } (մոտավոր ամսաթիվ, հաստատված չէ)
## original-language quotes
statement-original = { $language ->
    [en] Անգլերեն՝
    [ru] Ռուսերեն՝
    [hy] Հայերեն՝
    [ar] Արաբերեն՝
    [az] Ադրբեջաներեն՝
    [fr] Ֆրանսերեն՝
    [tr] Թուրքերեն՝
    [fa] Պարսկերեն՝
    [uk] Ուկրաիներեն՝
    [ka] Վրացերեն՝
    [he] Եբրայերեն՝
    [de] Գերմաներեն՝
   *[other] Բնագրում ({ $language })՝
}
## qa
filter-shown = { $shown }՝ { $total } հայտարարությունից
plain-number = { $n }
