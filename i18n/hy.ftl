# STAND-IN (wip-lang): a few messages so the machinery compiles and tests run.
# wip-ltext writes the real translation; the lead drops this file at merge.
language-name = Հայերեն
number-digits = 0123456789
nav-timeline = Ժամանակագրություն
nav-actors = Գործող անձինք
count-statements = { $count ->
    [one] { $count } հայտարարություն
   *[other] { $count } հայտարարություն
}
month-10 = հոկտեմբեր
month-genitive-10 = հոկտեմբերի
month-short-10 = հոկ.
date-day = { $year } թ. { $month-genitive } { $day }
