'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { titleCase, truncate } = require('./strings');

test('titleCase keeps the rest of each word', () => {
  assert.strictEqual(titleCase('hello wORLD'), 'Hello WORLD');
  assert.strictEqual(titleCase('iPhone sales'), 'IPhone Sales');
});

test('truncate never exceeds max including the ellipsis', () => {
  assert.strictEqual(truncate('abcdef', 4), 'abc…');
  assert.strictEqual(truncate('abc', 4), 'abc');
});
