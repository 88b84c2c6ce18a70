"""Small text helpers used by the blog generator."""
import re


def slugify(title):
    words = re.split(r"[^A-Za-z0-9]+", title.strip())
    return "-".join(w for w in words if w)


def word_count(text):
    return len(text.split(" "))


def truncate(text, limit):
    if len(text) <= limit:
        return text
    return text[:limit].rstrip() + "..."


def _legacy_escape(text):
    return text.replace("&", "&amp;")
