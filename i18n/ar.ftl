# STAND-IN (wip-lang): a few messages so the machinery compiles and tests run.
# wip-ltext writes the real translation; the lead drops this file at merge.
language-name = العربية
number-digits = ٠١٢٣٤٥٦٧٨٩
nav-timeline = التسلسل الزمني
nav-actors = الأطراف
count-statements = { $count ->
    [zero] لا تصريحات
    [one] تصريح واحد
    [two] تصريحان
    [few] { $count } تصريحات
    [many] { $count } تصريحًا
   *[other] { $count } تصريح
}
month-10 = أكتوبر
month-genitive-10 = أكتوبر
month-short-10 = أكتوبر
date-day = { $day } { $month-genitive } { $year }
