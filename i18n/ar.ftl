# The theme's reader-facing strings in Arabic (Project Fluent, https://projectfluent.org).
# Same message ids and variables as i18n/en.ftl, which documents each one. A site
# overrides any of them by id in its own i18n/ar.ftl.
# Plurals use the CLDR categories of Arabic: zero (0), one (1), two (2), few (3–10,
# 103–110…), many (11–99, 111–199…) and other (100–102, 200…), with the counted noun
# as Arabic writes it: تصريح واحد، تصريحان، ٣ تصريحات، ١١ تصريحًا، ١٠٠ تصريح.
# Digits written in this file are Arabic-Indic, like `number-digits` below.

## Navigation and footer (base.html)

skip-to-content = انتقل إلى المحتوى
nav-main-label = القائمة الرئيسية
nav-briefings = الإحاطات
nav-timeline = التسلسل الزمني
nav-actors = الأطراف
nav-contacts = الاتصالات
nav-tags = الوسوم
footer-feed = موجز Atom
footer-corrections = التصحيحات
footer-data = البيانات:

## Page titles (the <title> and og:title; the site's title follows)

title-actors = الأطراف
title-timeline = التسلسل الزمني
title-timeline-year = التسلسل الزمني { $year }
title-page-n = الصفحة { $n } – { $site }
title-tag = الوسم: { $tag }
title-tags = الوسوم
title-contacts = من تحدّث مع من
title-corrections = التصحيحات
title-not-found = الصفحة غير موجودة
title-actor-feed = { $actor } – { $site }

## Headings shared by several pages

heading-statements = التصريحات
heading-actors = الأطراف
heading-briefings = الإحاطات
heading-sources = المصادر
heading-corrections = التصحيحات
label-draft = مسودة
column-actor = الطرف
column-counterpart = الطرف المقابل
column-statements = التصريحات
column-first = الأول
column-last = الأخير

count-statements = { $count ->
    [zero] لا تصريحات
    [one] تصريح واحد
    [two] تصريحان
    [few] { $count } تصريحات
    [many] { $count } تصريحًا
   *[other] { $count } تصريح
}
count-briefings = { $count ->
    [zero] لا إحاطات
    [one] إحاطة واحدة
    [two] إحاطتان
    [few] { $count } إحاطات
    [many] { $count } إحاطةً
   *[other] { $count } إحاطة
}

## Home page and its pages (index.html)

index-heading = أحدث الإحاطات
index-heading-page = الإحاطات، الصفحة { $n }
index-empty = لا توجد إحاطات بعد.
pagination-label = الصفحات
pagination-newer = → الأحدث
pagination-older = الأقدم ←
pagination-position = الصفحة { $n } من { $total }

## Briefing page and card (briefing.html, partials/card.html)

briefing-updated = حُدِّثت
briefing-corrected-note = أُجريت تصحيحات على هذه الإحاطة.
card-corrected = مصحَّحة

## One statement (partials/statement.html)

statement-quote = «{ $quote }»
statement-source = المصدر:
statement-no-source = لم يُذكر مصدر
statement-from = من إحاطة

## Actors list and actor page (actors.html, actor.html)

actors-heading = الأطراف
actors-empty = لا توجد أطراف بعد.
title-actors-letter = الأطراف: { $letter }
actors-letter-heading = الأطراف: { $letter }
actors-letter-back = كل الأطراف
actors-letter-count = { $count ->
    [zero] لا أطراف
    [one] طرف واحد
    [two] طرفان
    [few] { $count } أطراف
    [many] { $count } طرفًا
   *[other] { $count } طرف
}
actors-index-intro = عدد الأطراف: { $count }. القوائم مرتبة حسب الحرف الأول من الاسم.
actors-letters-label = الأطراف حسب الحرف الأول
actors-by-kind = حسب النوع
actors-most-cited = الأكثر ذكرًا
actor-addressed-in = وُجِّه إليه { $count }
actor-addressed-statements = { $count ->
    [zero] لم يُوجَّه إليه أي تصريح
    [one] وُجِّه إليه تصريح واحد
    [two] وُجِّه إليه تصريحان
    [few] وُجِّهت إليه { $count } تصريحات
    [many] وُجِّه إليه { $count } تصريحًا
   *[other] وُجِّه إليه { $count } تصريح
}
actor-wikidata = ويكي بيانات { $id }
actor-aliases = يُكتب أيضًا: { $aliases }
actor-roles = المناصب
role-from = منذ { $date }
role-to = حتى { $date }
actor-no-statements = لم تُسجَّل تصريحات.
actor-spoke-with = تحدّث مع

## Timeline (timeline.html)

timeline-heading = التسلسل الزمني
timeline-heading-year = التسلسل الزمني: { $year }
timeline-years-label = السنوات
filter-actor = الطرف
filter-all-actors = كل الأطراف
filter-kind = النوع
filter-all-kinds = كل الأنواع
filter-verification = التحقق
filter-any = أي حالة
# Under the timeline filters: how many statements show ($shown and $total are
# numbers), the button that clears the filters, and what shows when none matches.
filter-reset = عرض الكل
filter-nothing = لا يوجد في هذه الصفحة تصريح يطابق هذه المرشِّحات.
timeline-empty = لا توجد تصريحات بعد.
timeline-choose-year = اختر سنة.
timeline-month = { $month } { $year }
timeline-month-not-known = { $year } (الشهر غير معروف)
# CLDR's full date order: "الجمعة، ٢ أكتوبر ٢٠٢٠".
timeline-day = { $weekday }، { $date }
timeline-day-not-known = اليوم غير معروف
timeline-month-unknown = الشهر غير معروف

## Contacts (contacts.html and the network drawing)

contacts-heading = من تحدّث مع من
contacts-lead = يصل كل خط بين طرفين تحدّث أحدهما إلى الآخر (اتصال أو لقاء أو خطاب) أو تحدّثا معًا (بيان مشترك). كلما كان الخط أسمك كانت التصريحات أكثر.
contacts-figcaption = الشبكة نفسها في جدول أدناه.
contacts-caption = أزواج الأطراف بحسب التصريحات التي تربط بينها
contacts-empty = لم تُسجَّل اتصالات بعد.
contacts-svg-title = من تحدّث مع من: { $actors ->
    [zero] لا أطراف
    [one] طرف واحد
    [two] طرفان
    [few] { $actors } أطراف
    [many] { $actors } طرفًا
   *[other] { $actors } طرف
}، { $pairs ->
    [zero] لا أزواج
    [one] زوج واحد
    [two] زوجان
    [few] { $pairs } أزواج
    [many] { $pairs } زوجًا
   *[other] { $pairs } زوج
}

## Corrections, tags, 404

corrections-heading = التصحيحات
corrections-lead = كل تصحيح أُجري على إحاطة، من الأحدث إلى الأقدم.
corrections-empty = لا توجد تصحيحات حتى الآن.
tags-heading = الوسوم
tags-empty = لا توجد وسوم بعد.
tag-heading = الوسم: { $tag }
not-found-heading = الصفحة غير موجودة
not-found-text-html = لا يوجد شيء في هذا العنوان. جرّب <a href="{ $home }">أحدث الإحاطات</a> أو <a href="{ $timeline }">التسلسل الزمني</a> أو <a href="{ $actors }">الأطراف</a>.

## Kinds of statement and actor, verification (ids as written in front matter)

statement-kind-statement = تصريح
statement-kind-phone_call = اتصال هاتفي
statement-kind-meeting = لقاء
statement-kind-press_conference = مؤتمر صحفي
statement-kind-interview = مقابلة
statement-kind-joint_statement = بيان مشترك
statement-kind-readout = بيان رسمي عن المحادثة
statement-kind-social_post = منشور على وسائل التواصل
statement-kind-other = أخرى
actor-kind-person = شخص
actor-kind-state = دولة
actor-kind-organization = منظمة
actor-kind-armed_group = جماعة مسلحة
actor-kind-person-plural = أشخاص
actor-kind-state-plural = دول
actor-kind-organization-plural = منظمات
actor-kind-armed_group-plural = جماعات مسلحة
verification-verified = موثَّق
verification-unverified = غير موثَّق
verification-disputed = متنازع عليه
verification-none = لم يُقيَّم

## Dates (CLDR ar): "٢ أكتوبر ٢٠٢٠". The month names are CLDR's for `ar` (the
## Egyptian and Gulf usage); a desk writing for the Levant or Iraq may prefer
## كانون الثاني، شباط، آذار، نيسان، أيار، حزيران، تموز، آب، أيلول، تشرين الأول،
## تشرين الثاني، كانون الأول and overrides month-*, month-short-* and
## month-genitive-* in its site's i18n/ar.ftl. Arabic has no separate short or
## genitive forms: all three lists are the same.

month-1 = يناير
month-2 = فبراير
month-3 = مارس
month-4 = أبريل
month-5 = مايو
month-6 = يونيو
month-7 = يوليو
month-8 = أغسطس
month-9 = سبتمبر
month-10 = أكتوبر
month-11 = نوفمبر
month-12 = ديسمبر
month-short-1 = يناير
month-short-2 = فبراير
month-short-3 = مارس
month-short-4 = أبريل
month-short-5 = مايو
month-short-6 = يونيو
month-short-7 = يوليو
month-short-8 = أغسطس
month-short-9 = سبتمبر
month-short-10 = أكتوبر
month-short-11 = نوفمبر
month-short-12 = ديسمبر
weekday-1 = الاثنين
weekday-2 = الثلاثاء
weekday-3 = الأربعاء
weekday-4 = الخميس
weekday-5 = الجمعة
weekday-6 = السبت
weekday-7 = الأحد
date-year = { $year }
date-month = { $month } { $year }
date-day = { $day } { $month } { $year }
date-uncertain = { $date }؟
date-approximate = حوالي { $date }
date-range = { $start } – { $end }
date-range-same-year = { $start-day } { $start-month } – { $end-day } { $end-month } { $year }
date-range-same-month = { $start-day }–{ $end-day } { $month } { $year }

## Reader

methodology-title = المنهجية
methodology-summary = كيف تُقرأ علامات التحقق وتواريخ التصريحات في هذا الموقع.
legend-verification-heading = التحقق
legend-verification-lead = يحمل كل تصريح إحدى هذه العلامات.
legend-verification-verified = جرت مطابقته مع المصدر الأصلي، مثل البيان الرسمي أو النص الحرفي.
legend-verification-unverified = نُقل، لكن لم تجرِ مطابقته مع المصدر الأصلي.
legend-verification-disputed = تختلف الأطراف أو المصادر الموثوقة حول ما قيل.
legend-verification-none = لم يقيّم أحد هذا التصريح بعد: فهو غير مؤكَّد وغير مشكوك فيه.
legend-dates-heading = التواريخ
legend-dates-lead = لا تُظهر التواريخ إلا ما هو معروف عن وقت التصريح.
legend-dates-precision-term = أكتوبر ٢٠٢٠، ٢٠٢٠
legend-dates-precision = الشهر أو السنة فقط معروفان.
legend-dates-uncertain-term = ١ أكتوبر ٢٠٢٠؟
legend-dates-uncertain = تشير الأدلة إلى هذا اليوم لكنها لا تثبته.
legend-dates-approximate-term = حوالي ٢ أكتوبر ٢٠٢٠
legend-dates-approximate = في هذا اليوم أو نحوه.
legend-dates-interval-term = ٢–٣ مارس ٢٠٢١
legend-dates-interval = في وقت ما بين هذين اليومين.
legend-verification-link = { $label }: ماذا تعني هذه العلامة
legend-dates-link = { $date }: كيف تُعرض التواريخ
statement-role = ({ $role })
statement-and = و
statement-counterpart-statement = موجَّهًا إلى
statement-counterpart-phone_call = في اتصال مع
statement-counterpart-meeting = في لقاء مع
statement-counterpart-press_conference = موجَّهًا إلى
statement-counterpart-interview = في مقابلة مع
statement-counterpart-joint_statement = بالاشتراك مع
statement-counterpart-readout = عن محادثات مع
statement-counterpart-social_post = موجَّهًا إلى
statement-counterpart-other = مع
statement-permalink = رابط
statement-permalink-label = رابط التصريح { $n }
briefing-statements-label = التصريحات في هذه الإحاطة
briefing-statements-jump = { $count ->
    [zero] لا تصريحات أدناه
    [one] تصريح واحد أدناه
    [two] تصريحان أدناه
    [few] { $count } تصريحات أدناه
    [many] { $count } تصريحًا أدناه
   *[other] { $count } تصريح أدناه
}
correction-of-statement = (التصريح { $n })
card-actors = الأطراف:
contacts-legend-talk = تحدّثا أحدهما إلى الآخر
contacts-legend-joint = بيان مشترك فقط
## Authoring
draft-banner-label = مسودة.
draft-banner = هذه الإحاطة غير منشورة: يستبعدها `sitroom build` ما دام `draft: true` في ترويستها.
## Search (search.html, search.js, the header's search box in base.html)

search-heading = البحث
search-label = ابحث في الموقع
search-submit = ابحث
search-header-link = تصفّح الأرشيف
search-filters = التصفية والترتيب
search-filter-type = النوع
search-filter-actor = الطرف
search-filter-kind = نوع التصريح
search-filter-verification = التحقق
search-filter-year = السنة
search-filter-tag = الوسم
search-filter-any = الكل
search-sort = الترتيب حسب
search-sort-relevance = الصلة
search-sort-newest = الأحدث أولًا
search-sort-oldest = الأقدم أولًا
search-results-label = نتائج البحث
# Every variant keeps { $count }: the script picks the variant by plural form.
search-count = { $count ->
    [zero] { $count } نتيجة
    [one] { $count } نتيجة
    [two] { $count } نتيجتان
    [few] { $count } نتائج
    [many] { $count } نتيجةً
   *[other] { $count } نتيجة
}
search-prompt = اكتب كلمة أو اختر عامل تصفية.
search-loading = جارٍ البحث…
search-none = لا شيء يطابق هذا البحث.
search-reset = امسح البحث وعوامل التصفية
search-more = اعرض مزيدًا من النتائج
search-error = تعذّر تحميل فهرس البحث.
search-needs-server = يعمل البحث حين يقدّم الموقعَ خادمُ ويب؛ أما الصفحة المفتوحة من ملف فلا تستطيع تحميل فهرس البحث.
search-needs-js = يحتاج البحث إلى JavaScript. من دونه تصفّح الإحاطات والتسلسل الزمني والأطراف من القائمة.
search-type-briefing = إحاطة
search-type-statement = تصريح
search-type-actor = طرف
search-type-page = صفحة
## Archive (archive.html, the timeline's jump bar, actor year pages, paginated lists)

nav-archive = الأرشيف
title-archive = الأرشيف
title-archive-year = الأرشيف { $year }
title-archive-month = الأرشيف: { $month }
title-actor-year = { $actor }: { $year }
title-paged = { $title }، الصفحة { $n }
archive-heading = الأرشيف
archive-heading-year = الأرشيف: { $year }
archive-heading-month = الأرشيف: { $month }
archive-years-label = السنوات والأشهر
archive-link = كل الإحاطات حسب السنة والشهر
archive-split = { $count ->
    [zero] لا إحاطات في هذه السنة.
    [one] إحاطة واحدة في هذه السنة؛ اختر شهرًا.
    [two] إحاطتان في هذه السنة؛ اختر شهرًا.
    [few] { $count } إحاطات في هذه السنة؛ اختر شهرًا.
    [many] { $count } إحاطةً في هذه السنة؛ اختر شهرًا.
   *[other] { $count } إحاطة في هذه السنة؛ اختر شهرًا.
}
tag-heading-page = الوسم: { $tag }، الصفحة { $n }
pagination-earlier = → الأقدم
pagination-later = الأحدث ←
timeline-latest = { $count ->
    [zero] لا تصريحات حديثة. التصريحات السابقة حسب السنة والشهر:
    [one] آخر تصريح. التصريحات السابقة حسب السنة والشهر:
    [two] آخر تصريحين. التصريحات السابقة حسب السنة والشهر:
    [few] آخر { $count } تصريحات. التصريحات السابقة حسب السنة والشهر:
    [many] آخر { $count } تصريحًا. التصريحات السابقة حسب السنة والشهر:
   *[other] آخر { $count } تصريح. التصريحات السابقة حسب السنة والشهر:
}
timeline-months-label = الأشهر
timeline-day-uncertain = { $date } (تاريخ غير مؤكَّد)
timeline-day-approximate = { $date } (تاريخ تقريبي)
timeline-day-interval = { $date } (على مدى عدة أيام)
actor-years-label = التصريحات حسب السنة
actor-said-addressed = تصريحاته: { $said }، والموجَّهة إليه: { $addressed }
actor-latest = { $count ->
    [zero] لا تصريحات.
    [one] آخر تصريح:
    [two] آخر التصريحات من أصل اثنين؛ والباقي حسب السنة:
    [few] آخر التصريحات من أصل { $count }؛ والباقي حسب السنة:
    [many] آخر التصريحات من أصل { $count }؛ والباقي حسب السنة:
   *[other] آخر التصريحات من أصل { $count }؛ والباقي حسب السنة:
}
actor-all-of-year = { $count ->
    [zero] لا تصريحات في { $year }
    [one] التصريح الوحيد في { $year }
    [two] التصريحان في { $year }
    [few] كل التصريحات الـ{ $count } في { $year }
    [many] كل التصريحات الـ{ $count } في { $year }
   *[other] كل التصريحات الـ{ $count } في { $year }
}
actor-year-heading = { $actor }: تصريحات { $year }
actor-year-back = الملف التعريفي لـ{ $actor }
actor-contacts-top = أكثر من تواصل معهم ({ $shown } من أصل { $count }). كلهم:
actor-briefings-latest = آخر الإحاطات ({ $shown } من أصل { $count }).
contacts-top = الأزواج الأكثر تصريحات ({ $shown } من أصل { $count }). كل الأزواج:
contacts-csv = contacts.csv
## languages
language-name = العربية
# CLDR's default numbering system for `ar` is Arabic-Indic (arab). A desk writing
# for the Maghreb, where CLDR's ar-MA, ar-DZ and ar-TN use Latin digits, overrides
# this with `number-digits = 0123456789` in its site's i18n/ar.ftl.
number-digits = ٠١٢٣٤٥٦٧٨٩
month-genitive-1 = يناير
month-genitive-2 = فبراير
month-genitive-3 = مارس
month-genitive-4 = أبريل
month-genitive-5 = مايو
month-genitive-6 = يونيو
month-genitive-7 = يوليو
month-genitive-8 = أغسطس
month-genitive-9 = سبتمبر
month-genitive-10 = أكتوبر
month-genitive-11 = نوفمبر
month-genitive-12 = ديسمبر

## Added with statement ids, archived sources, EDTF dates, feeds and languages

actor-og-description = { $name }: { $count ->
    [zero] لا تصريحات
    [one] تصريح واحد
    [two] تصريحان
    [few] { $count } تصريحات
    [many] { $count } تصريحًا
   *[other] { $count } تصريح
}
data-slide-briefing = في الإحاطة: { $title }
data-slide-who = { $speakers } ← { $with }، { $kind }
data-slide-who-alone = { $speakers }، { $kind }
date-end-unknown = منذ { $start } (تاريخ الانتهاء غير معروف)
date-since = منذ { $start }
date-start-unknown = حتى { $end } (تاريخ البدء غير معروف)
date-time = { $date }، الساعة { $time } UTC{ $offset }
date-uncertain-approximate = حوالي { $date }؟
date-until = حتى { $end }
factcheck-rating-false = خاطئ
factcheck-rating-misleading = مضلِّل
factcheck-rating-mixed = صحيح جزئيًا
factcheck-rating-mostly_false = خاطئ في معظمه
factcheck-rating-mostly_true = صحيح في معظمه
factcheck-rating-true = صحيح
factcheck-rating-unproven = غير مُثبت
feed-statement-title = { $speakers } – { $kind }، { $date }
legend-dates-open = بدأ في هذا اليوم وما زال مستمرًا. و«حتى ٢٠٢٣» عكس ذلك: انتهى حينها ولم يُذكر له بداية.
legend-dates-open-term = منذ ٢٤ فبراير ٢٠٢٢
legend-dates-time = الوقت من اليوم في مكان الإدلاء بالتصريح، مع فارقه عن التوقيت العالمي؛ وبه تُرتَّب تصريحات اليوم الواحد.
legend-dates-time-term = ٢ أكتوبر ٢٠٢٠، الساعة ١٤:٣٠ UTC+3
legend-dates-uncertain-approximate = في حدود هذا اليوم، والأدلة لا تثبت ذلك.
legend-dates-uncertain-approximate-term = حوالي ٢ أكتوبر ٢٠٢٠؟
legend-dates-unknown = بدأ حينها وانتهى، لكن لا أحد يعرف متى؛ و«حتى ٢٠٢٣ (تاريخ البدء غير معروف)» عكس ذلك. وهذا ليس كقولنا «ما زال مستمرًا».
legend-dates-unknown-term = منذ مايو ٢٠٢١ (تاريخ الانتهاء غير معروف)
nav-languages-label = اللغات
# The meta description of pages when site.yaml has no `description`.
site-description-fallback = { $site }: إحاطات، والأطراف الواردة فيها، وتسلسل زمني مؤرَّخ لتصريحات كل منها مع مصادرها.
source-accessed = اطُّلع عليه في { $date }
source-archived = نسخة مؤرشفة
source-archived-label = نسخة مؤرشفة من { $outlet }
statement-badge-disputed-by = يناقضه تصريح آخر
statement-badge-disputes = يناقض تصريحًا آخر
statement-disputed-by = يعترض عليه: { $speakers }، { $date }
statement-disputes = يناقض تصريح: { $speakers }، { $date }
statement-factcheck = تدقيق الحقائق: { $rating }
statement-factcheck-link = اقرأ تدقيق الحقائق
timeline-day-open = { $date }
timeline-day-uncertain-approximate = { $date } (تاريخ تقريبي وغير مؤكَّد)
## original-language quotes
statement-original = { $language ->
    [en] بالإنجليزية:
    [ru] بالروسية:
    [hy] بالأرمنية:
    [ar] بالعربية:
    [az] بالأذربيجانية:
    [fr] بالفرنسية:
    [tr] بالتركية:
    [fa] بالفارسية:
    [uk] بالأوكرانية:
    [ka] بالجورجية:
    [he] بالعبرية:
    [de] بالألمانية:
   *[other] باللغة الأصلية ({ $language }):
}
## qa
filter-shown = { $shown } { $total ->
    [zero] من أصل { $total } تصريح
    [one] من أصل تصريح واحد
    [two] من أصل تصريحين
    [few] من أصل { $total } تصريحات
    [many] من أصل { $total } تصريحًا
   *[other] من أصل { $total } تصريح
}
plain-number = { $n }
