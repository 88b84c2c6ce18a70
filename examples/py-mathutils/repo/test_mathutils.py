import unittest

from mathutils import chunks, clamp, is_leap, mean


class ClampTests(unittest.TestCase):
    def test_clamp_limits_both_ends(self):
        self.assertEqual(clamp(-5, 0, 10), 0)
        self.assertEqual(clamp(15, 0, 10), 10)
        self.assertEqual(clamp(7, 0, 10), 7)


class LeapTests(unittest.TestCase):
    def test_leap_years_follow_the_400_rule(self):
        self.assertTrue(is_leap(2024))
        self.assertFalse(is_leap(1900))
        self.assertTrue(is_leap(2000))


class ChunkTests(unittest.TestCase):
    def test_chunks_keep_the_last_partial_chunk(self):
        self.assertEqual(chunks([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]])
        self.assertEqual(chunks([1, 2], 2), [[1, 2]])


class MeanTests(unittest.TestCase):
    def test_mean(self):
        self.assertEqual(mean([1, 2, 3]), 2)
        self.assertEqual(mean([]), 0)


if __name__ == "__main__":
    unittest.main()
