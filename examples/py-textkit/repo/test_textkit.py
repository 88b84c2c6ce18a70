import unittest

from textkit import slugify, truncate, word_count


class TextkitTests(unittest.TestCase):
    def test_slugify_lowercases_and_joins_words(self):
        self.assertEqual(slugify("Hello, World!"), "hello-world")

    def test_slugify_collapses_separators(self):
        self.assertEqual(slugify("  a -- b  "), "a-b")

    def test_word_count_ignores_repeated_spaces(self):
        self.assertEqual(word_count("one  two   three"), 3)

    def test_truncate_adds_ellipsis(self):
        self.assertEqual(truncate("abcdef", 3), "abc...")
        self.assertEqual(truncate("abc", 3), "abc")


if __name__ == "__main__":
    unittest.main()
