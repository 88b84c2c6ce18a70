import unittest

from inventory import Inventory
from report import restock, sell


class InventoryTests(unittest.TestCase):
    def test_add_and_value(self):
        inv = Inventory()
        inv.add("pen", 3, 2.0)
        self.assertEqual(inv.total_value(), 6.0)

    def test_remove_too_many_raises(self):
        inv = Inventory()
        inv.add("pen", 1, 2.0)
        with self.assertRaises(ValueError):
            inv.remove("pen", 2)

    def test_report_helpers(self):
        inv = Inventory()
        self.assertEqual(restock(inv, "cup", 2, 5.0), 10.0)
        self.assertEqual(sell(inv, "cup", 1), 5.0)


if __name__ == "__main__":
    unittest.main()
