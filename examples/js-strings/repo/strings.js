'use strict';

// Upper-cases the first letter of every word; the rest of each word is left as it is.
function titleCase(text) {
  return text
    .split(' ')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase())
    .join(' ');
}

// Cuts text to at most max characters, ending with an ellipsis when something was cut.
function truncate(text, max) {
  if (text.length <= max) return text;
  return text.slice(0, max) + '…';
}

module.exports = { titleCase, truncate };
