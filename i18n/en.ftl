# The theme's reader-facing strings in English (Project Fluent, https://projectfluent.org).
# A site overrides any of them by id in its own i18n/<language>.ftl; what it leaves out
# comes from here. Templates read them with t(key="id", name=value, …); a message whose
# id ends in -html may hold markup (its arguments are still escaped).

## The language itself

# The language's own name, in the language switcher.
language-name = English
# The ten digits numbers are written with, zero first (Arabic: ٠١٢٣٤٥٦٧٨٩).
# Day and year numbers and counts use them.
number-digits = 0123456789

## Navigation and footer (base.html)

skip-to-content = Skip to content
nav-main-label = Main
# The language switcher's name for screen readers.
nav-languages-label = Languages
# The meta description of pages when site.yaml has no `description`.
site-description-fallback = { $site }: briefings, the actors in them and a dated timeline of what each said, with sources.
nav-briefings = Briefings
nav-timeline = Timeline
nav-actors = Actors
nav-contacts = Contacts
nav-tags = Tags
footer-feed = Atom feed
footer-corrections = Corrections
footer-data = Data:

## Page titles (the <title> and og:title; the site's title follows)

title-actors = Actors
title-timeline = Timeline
title-timeline-year = Timeline { $year }
title-page-n = Page { $n } – { $site }
title-tag = Tag: { $tag }
title-tags = Tags
title-contacts = Who spoke with whom
title-corrections = Corrections
title-not-found = Page not found
# The title of an actor's own Atom feed.
title-actor-feed = { $actor } – { $site }

## Headings shared by several pages

heading-statements = Statements
heading-actors = Actors
heading-briefings = Briefings
heading-sources = Sources
heading-corrections = Corrections
label-draft = draft
column-actor = Actor
column-counterpart = Counterpart
column-statements = Statements
column-first = First
column-last = Last

# "3 statements" (briefing cards, the actors list).
count-statements = { $count ->
    [one] { $count } statement
   *[other] { $count } statements
}
count-briefings = { $count ->
    [one] { $count } briefing
   *[other] { $count } briefings
}

## Home page and its pages (index.html)

index-heading = Latest briefings
index-heading-page = Briefings, page { $n }
index-empty = No briefings yet.
pagination-label = Pages
pagination-newer = ← Newer
pagination-older = Older →
pagination-position = Page { $n } of { $total }

## Briefing page and card (briefing.html, partials/card.html)

briefing-updated = updated
briefing-corrected-note = This briefing has been corrected.
card-corrected = corrected

## One statement (partials/statement.html)

statement-quote = “{ $quote }”
statement-source = Source:
statement-no-source = No source given
statement-from = from

## Actors list and actor page (actors.html, actor.html)

actors-heading = Actors
actors-empty = No actors yet.
# The actors index, past 300 actors (actors.html, actors_letter.html). $letter is
# the letter(s) as the names have them: "A", "Е Э".
title-actors-letter = Actors: { $letter }
actors-letter-heading = Actors: { $letter }
actors-letter-back = All actors
actors-letter-count = { $count ->
    [one] { $count } actor
   *[other] { $count } actors
}
actors-index-intro = { $count ->
    [one] { $count } actor, listed by the first letter of the name.
   *[other] { $count } actors, listed by the first letter of their names.
}
actors-letters-label = Actors by first letter
actors-by-kind = By kind
actors-most-cited = Most cited
# After the count of statements an actor made: "3 statements, addressed in 2".
actor-addressed-in = addressed in { $count }
actor-addressed-statements = addressed in { $count ->
    [one] { $count } statement
   *[other] { $count } statements
}
actor-wikidata = Wikidata { $id }
actor-aliases = Also written: { $aliases }
actor-roles = Roles
role-from = from { $date }
role-to = to { $date }
actor-no-statements = No statements recorded.
actor-spoke-with = Spoke with

## Timeline (timeline.html)

timeline-heading = Timeline
timeline-heading-year = Timeline: { $year }
timeline-years-label = Years
filter-actor = Actor
filter-all-actors = All actors
filter-kind = Kind
filter-all-kinds = All kinds
filter-verification = Verification
filter-any = Any
# Under the timeline filters: how many statements show ($shown and $total are
# numbers), the button that clears the filters, and what shows when none matches.
filter-reset = Show all
filter-nothing = No statement on this page matches these filters.
timeline-empty = No statements yet.
timeline-choose-year = Choose a year.
# Group headings: a month, a day, and dates known less precisely.
timeline-month = { $month } { $year }
timeline-month-not-known = { $year } (month not known)
timeline-day = { $weekday } { $date }
timeline-day-not-known = Day not known
timeline-month-unknown = Month not known

## Contacts (contacts.html and the network drawing)

contacts-heading = Who spoke with whom
contacts-lead = Each line joins two actors who spoke to each other (a call, a meeting, an address) or together (a joint statement). Thicker lines stand for more statements.
contacts-figcaption = The same network as a table follows.
contacts-caption = Pairs of actors, by the statements that link them
contacts-empty = No contacts recorded yet.
contacts-svg-title = Who spoke with whom: { $actors } actors, { $pairs ->
    [one] { $pairs } pair
   *[other] { $pairs } pairs
}

## Corrections, tags, 404

corrections-heading = Corrections
corrections-lead = Every correction made to a briefing, newest first.
corrections-empty = No corrections so far.
tags-heading = Tags
tags-empty = No tags yet.
tag-heading = Tag: { $tag }
not-found-heading = Page not found
not-found-text-html = Nothing lives at this address. Try the <a href="{ $home }">latest briefings</a>, the <a href="{ $timeline }">timeline</a> or the <a href="{ $actors }">actors</a>.

## Kinds of statement and actor, verification (ids as written in front matter)

statement-kind-statement = Statement
statement-kind-phone_call = Phone call
statement-kind-meeting = Meeting
statement-kind-press_conference = Press conference
statement-kind-interview = Interview
statement-kind-joint_statement = Joint statement
statement-kind-readout = Readout
statement-kind-social_post = Social media post
statement-kind-other = Other
actor-kind-person = person
actor-kind-state = state
actor-kind-organization = organization
actor-kind-armed_group = armed group
actor-kind-person-plural = People
actor-kind-state-plural = States
actor-kind-organization-plural = Organizations
actor-kind-armed_group-plural = Armed groups
verification-verified = verified
verification-unverified = unverified
verification-disputed = disputed
verification-none = not assessed

## Dates. Rust fills these patterns in once per date, so they take only the
## variables shown (no selectors). Months and weekdays are numbered from 1
## (January, Monday).

month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
# The month in a day date, where languages such as Russian and Armenian decline it
# ("2 октября"): date patterns get it as $month-genitive.
month-genitive-1 = January
month-genitive-2 = February
month-genitive-3 = March
month-genitive-4 = April
month-genitive-5 = May
month-genitive-6 = June
month-genitive-7 = July
month-genitive-8 = August
month-genitive-9 = September
month-genitive-10 = October
month-genitive-11 = November
month-genitive-12 = December
month-short-1 = Jan
month-short-2 = Feb
month-short-3 = Mar
month-short-4 = Apr
month-short-5 = May
month-short-6 = Jun
month-short-7 = Jul
month-short-8 = Aug
month-short-9 = Sep
month-short-10 = Oct
month-short-11 = Nov
month-short-12 = Dec
weekday-1 = Monday
weekday-2 = Tuesday
weekday-3 = Wednesday
weekday-4 = Thursday
weekday-5 = Friday
weekday-6 = Saturday
weekday-7 = Sunday
# A date known to the year, the month ($month is the full name) or the day
# ($month is the short name, $month-genitive the full name as a day date declines
# it; the range patterns get $month-genitive, $start-month-genitive and
# $end-month-genitive alike).
date-year = { $year }
date-month = { $month } { $year }
date-day = { $day } { $month } { $year }
# `2020-10-02?` and `2020-10-02~`.
date-uncertain = { $date }?
date-approximate = c. { $date }
# Intervals: in general, within one year, within one month.
date-range = { $start } – { $end }
date-range-same-year = { $start-day } { $start-month } – { $end-day } { $end-month } { $year }
date-range-same-month = { $start-day }–{ $end-day } { $month } { $year }

## Reader

# The theme's default methodology page (a site's content/pages/methodology.md replaces it).
methodology-title = Methodology
methodology-summary = How to read the verification labels and the dates of the statements on this site.
legend-verification-heading = Verification
legend-verification-lead = Each statement carries one of these labels.
legend-verification-verified = Checked against the primary source, such as the official readout or transcript.
legend-verification-unverified = Reported, but not confirmed against the primary source.
legend-verification-disputed = The parties or credible sources disagree about what was said.
legend-verification-none = Nobody has assessed this statement yet: it is neither confirmed nor doubted.
legend-dates-heading = Dates
legend-dates-lead = Dates show only what is known about when a statement was made.
legend-dates-precision-term = October 2020, 2020
legend-dates-precision = Known only to the month or the year.
legend-dates-uncertain-term = 1 Oct 2020?
legend-dates-uncertain = The evidence points to this day but does not prove it.
legend-dates-approximate-term = c. 2 Oct 2020
legend-dates-approximate = On or around this day.
legend-dates-interval-term = 2–3 Mar 2021
legend-dates-interval = Some time between these days.
# The accessible names of the links from a badge or a date to the legend.
legend-verification-link = { $label }: what this label means
legend-dates-link = { $date }: how dates are shown
# Who spoke to whom, by kind of statement: "Putin (President) to Pashinyan (Prime Minister)".
statement-role = ({ $role })
statement-and = and
statement-counterpart-statement = addressing
statement-counterpart-phone_call = to
statement-counterpart-meeting = met
statement-counterpart-press_conference = addressing
statement-counterpart-interview = to
statement-counterpart-joint_statement = jointly with
statement-counterpart-readout = on talks with
statement-counterpart-social_post = addressing
statement-counterpart-other = with
# A statement's visible permalink; the accessible name says which statement.
statement-permalink = Link
statement-permalink-label = Link to statement { $n }
# The briefing's compact list of its statements, near the top.
briefing-statements-label = Statements in this briefing
briefing-statements-jump = { $count ->
    [one] { $count } statement below
   *[other] { $count } statements below
}
# A correction that names the statement it changed.
correction-of-statement = (statement { $n })
# Home page cards: the briefing's main actors.
card-actors = With
# The contacts drawing's key to its lines.
contacts-legend-talk = Spoke to each other
contacts-legend-joint = Joint statement only
## Authoring
# The banner on a draft's page, shown only where drafts are built (`serve`, or
# `build --drafts`).
draft-banner-label = Draft.
draft-banner = This briefing is not published: `sitroom build` leaves it out until `draft: true` is removed from its front matter.
## Search (search.html, search.js, the header's search box in base.html)

search-heading = Search
search-label = Search the site
search-submit = Search
# Without JavaScript the header offers this link instead of the search box.
search-header-link = Browse the archive
search-filters = Filter and sort
search-filter-type = Type
search-filter-actor = Actor
search-filter-kind = Statement kind
search-filter-verification = Verification
search-filter-year = Year
search-filter-tag = Tag
search-filter-any = All
search-sort = Sort by
search-sort-relevance = Relevance
search-sort-newest = Newest first
search-sort-oldest = Oldest first
search-results-label = Search results
# Announced after each search. The page renders it for a few numbers and the script
# picks the one with the same plural form, so keep { $count } in every variant.
search-count = { $count ->
    [one] { $count } result
   *[other] { $count } results
}
search-prompt = Type a word, or choose a filter.
search-loading = Searching…
search-none = Nothing matches this search.
search-reset = Clear the search and filters
search-more = Show more results
search-error = The search index could not be loaded.
search-needs-server = Search works when the site is served by a web server; a page opened from a file cannot load the search index.
search-needs-js = Search needs JavaScript. Without it, browse the briefings, the timeline and the actors from the menu.
# What a result is, as the type filter and each result show it.
search-type-briefing = Briefing
search-type-statement = Statement
search-type-actor = Actor
search-type-page = Page
## Archive (archive.html, the timeline's jump bar, actor year pages, paginated lists)

nav-archive = Archive
title-archive = Archive
title-archive-year = Archive { $year }
title-archive-month = Archive: { $month }
title-actor-year = { $actor }: { $year }
# A later page of a paginated list: "Tag: ceasefire, page 2".
title-paged = { $title }, page { $n }
archive-heading = Archive
archive-heading-year = Archive: { $year }
archive-heading-month = Archive: { $month }
archive-years-label = Years and months
archive-link = All briefings by year and month
archive-split = { $count ->
    [one] { $count } briefing this year; choose a month.
   *[other] { $count } briefings this year; choose a month.
}
tag-heading-page = Tag: { $tag }, page { $n }
pagination-earlier = ← Earlier
pagination-later = Later →
timeline-latest = { $count ->
    [one] The latest statement. Earlier ones by year and month:
   *[other] The latest { $count } statements. Earlier ones by year and month:
}
timeline-months-label = Months
# Day headings over dates that are not one certain day: the date as written for
# readers, and what kind of inexact it is.
timeline-day-uncertain = { $date } (date not confirmed)
timeline-day-approximate = { $date } (approximate date)
timeline-day-interval = { $date } (over several days)
actor-years-label = Statements by year
# Counts of an actor's statements, kept apart: what they said, what was said to them.
actor-said-addressed = { $said } said, { $addressed } addressed to them
actor-latest = { $count ->
    [one] The latest statement:
   *[other] The latest statements of { $count }; the rest by year:
}
actor-all-of-year = { $count ->
    [one] The { $count } statement of { $year }
   *[other] All { $count } statements of { $year }
}
actor-year-heading = { $actor }: statements of { $year }
actor-year-back = Profile of { $actor }
actor-contacts-top = The { $shown } most frequent of { $count } contacts. All of them:
actor-briefings-latest = The latest { $shown } of { $count } briefings.
contacts-top = The { $shown } pairs with the most statements, of { $count }. Every pair:
contacts-csv = contacts.csv

## statements: ids, disputes, fact-checks
statement-badge-disputes = contradicts another statement
statement-badge-disputed-by = contradicted by another statement
statement-disputes = Disputes { $speakers }, { $date }
statement-disputed-by = Disputed by { $speakers }, { $date }
statement-factcheck = Fact-check: { $rating }
statement-factcheck-link = Read the fact-check
factcheck-rating-false = False
factcheck-rating-misleading = Misleading
factcheck-rating-mostly_false = Mostly false
factcheck-rating-mixed = Mixed
factcheck-rating-mostly_true = Mostly true
factcheck-rating-true = True
factcheck-rating-unproven = Unproven
## sources: archive and access dates
# Next to a source's link: a link to its archived copy, and the day the desk read it.
source-archived = archived
source-archived-label = archived copy of { $outlet }
source-accessed = accessed { $date }
## dates: EDTF level 1
## Patterns Rust fills in once per date (variables only, no selectors), headings
## over them on the timeline, and their entries in the methodology legend.

# `2020-10-02%`: approximate and not confirmed.
date-uncertain-approximate = c. { $date }?
# `2022-02-24/..`: still going on. `../2023`: reaching back with no start.
date-since = since { $start }
date-until = until { $end }
# `2021-05/` and `/2023`: the interval has that end, but nobody knows when.
date-end-unknown = from { $start } (end unknown)
date-start-unknown = until { $end } (start unknown)
# A day with a time: $time is `14:30` (or `14:30:05`); $offset follows "UTC" and is
# `+3`, `−5`, `+5:30`, or empty for UTC itself.
date-time = { $date }, { $time } UTC{ $offset }
timeline-day-uncertain-approximate = { $date } (approximate date, not confirmed)
# An interval with an open or unknown side: its words already say which.
timeline-day-open = { $date }
legend-dates-uncertain-approximate-term = c. 2 Oct 2020?
legend-dates-uncertain-approximate = Around this day, and the evidence does not prove it.
legend-dates-open-term = since 24 Feb 2022
legend-dates-open = Began on this day and is still going on. “Until 2023” is the reverse: it ended then, and no beginning is given.
legend-dates-unknown-term = from May 2021 (end unknown)
legend-dates-unknown = It began then and has ended, but nobody knows when; “until 2023 (start unknown)” is the reverse. This is not the same as still going on.
legend-dates-time-term = 2 Oct 2020, 14:30 UTC+3
legend-dates-time = The time of day where it was said, as an offset from UTC; it orders statements of the same day.
## feeds and data
# A TimelineJS slide (data/timeline.json): who spoke to whom and how, and the
# link back to the briefing. Names and titles are the site's own.
data-slide-who = { $speakers } → { $with }, { $kind }
data-slide-who-alone = { $speakers }, { $kind }
data-slide-briefing = In the briefing: { $title }
# An entry of an actor's Atom feed: one statement.
feed-statement-title = { $speakers } – { $kind }, { $date }
# An actor page's og:description when the actor has no biography.
actor-og-description = { $name }: { $count ->
    [one] { $count } statement
   *[other] { $count } statements
}
## original-language quotes
# The label before a statement's words in the language they were said in
# (`original:`); $language is that language's code. A language without its own
# variant is named by its code.
statement-original = { $language ->
    [en] In English:
    [ru] In Russian:
    [hy] In Armenian:
    [ar] In Arabic:
    [az] In Azerbaijani:
    [fr] In French:
    [tr] In Turkish:
    [fa] In Persian:
    [uk] In Ukrainian:
    [ka] In Georgian:
    [he] In Hebrew:
    [de] In German:
   *[other] In the original ({ $language }):
}
## qa
# The timeline filter's count, as the filters change: `shown` of this page's `total`.
filter-shown = { $shown } of { $total ->
    [one] { $total } statement
   *[other] { $total } statements
}
# A bare number (a year, a count) in the language's digits.
plain-number = { $n }
