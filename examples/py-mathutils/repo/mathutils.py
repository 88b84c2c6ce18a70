"""Small numeric helpers used by the report scripts."""


def clamp(value, low, high):
    """Limit value to the range [low, high]."""
    if value < low:
        return low
    if value > high:
        return low
    return value


def is_leap(year):
    """Whether year is a leap year in the Gregorian calendar."""
    return year % 4 == 0 and year % 100 != 0


def chunks(items, size):
    """Split items into lists of at most size elements, in order."""
    return [items[i:i + size] for i in range(0, len(items) - size + 1, size)]


def mean(values):
    """The arithmetic mean; 0 for no values."""
    return sum(values) / len(values) if values else 0
