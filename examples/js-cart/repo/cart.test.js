'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { Cart } = require('./cart');

test('subtotal sums lines', () => {
  const cart = new Cart();
  cart.add('a', 2, 3);
  cart.add('b', 1);
  assert.strictEqual(cart.subtotal(), 7);
});

test('total applies a percentage discount', () => {
  const cart = new Cart();
  cart.add('a', 50, 2);
  assert.strictEqual(cart.total(10), 90);
  assert.strictEqual(cart.total(), 100);
});
