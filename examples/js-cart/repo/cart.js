'use strict';

class Cart {
  constructor() {
    this.lines = [];
  }

  add(sku, price, quantity = 1) {
    this.lines.push({ sku, price, quantity });
  }

  subtotal() {
    return this.lines.reduce((sum, line) => sum + line.price * line.quantity, 0);
  }

  // percent is 0-100: 10 means ten percent off.
  total(percent = 0) {
    return this.subtotal() * (1 - percent);
  }
}

module.exports = { Cart };
