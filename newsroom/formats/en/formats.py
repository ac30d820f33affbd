"""English dates as the paper prints them (December 1, 2026), not Django's default (Dec. 1, 2026).

Templates write chrome dates with these names (|date:"DATE_FORMAT"), so Korean readers get Django's
Korean formats (2026년 12월 1일) from the same template.
"""

DATE_FORMAT = "F j, Y"
DATETIME_FORMAT = "F j, Y, g:i a"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "F j"
