"""English month names for reading dates in news text.

Not `calendar.month_name`: it follows the process locale, and Qt sets the locale from the
environment, so in the app it may name the months in German or Arabic.
"""

MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
MONTH_ABBREVIATIONS = ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")
