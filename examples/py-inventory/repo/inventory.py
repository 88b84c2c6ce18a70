"""A tiny stock ledger for a shop."""


class Inventory:
    def __init__(self):
        self._items = {}
        self._prices = {}

    def add(self, name, qty, price):
        self._items[name] = self._items.get(name, 0) + qty
        self._prices[name] = price

    def remove(self, name, qty):
        have = self._items.get(name, 0)
        if qty > have:
            raise ValueError(f"only {have} {name} in stock")
        self._items[name] = have - qty

    def total_value(self):
        return sum(self._items[n] * self._prices[n] for n in self._items)
