# STAND-IN (wip-lang): a few messages so the machinery compiles and tests run.
# wip-ltext writes the real translation; the lead drops this file at merge.
language-name = Русский
number-digits = 0123456789
nav-timeline = Хроника
nav-actors = Участники
count-statements = { $count ->
    [one] { $count } заявление
    [few] { $count } заявления
   *[many] { $count } заявлений
}
month-10 = октябрь
month-genitive-10 = октября
month-short-10 = окт.
date-day = { $day } { $month-genitive } { $year }
