from inventory import Inventory


def restock(inventory, name, qty, price):
    inventory.add(name, qty, price)
    return inventory.total_value()


def sell(inventory, name, qty):
    inventory.remove(name, qty)
    return inventory.total_value()
