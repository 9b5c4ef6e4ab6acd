// The (name, value) pairs both CookieStorage comparisons write, ours against the JS SDK's:
// tests/packaging/cookie-kat.test.mjs (in Node, with a document.cookie of its own) and
// tests/e2e/cookie-storage.test.mjs (in Chromium's real cookie jar). Strings only, so a
// page can be handed them; the Node test adds the values that are no strings.

/** Every printable ASCII character. */
export const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');

const JWT = 'eyJraWQiOiJhYmMiLCJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjMiLCJlbWFpbCI6ImFAYi5jIn0.c2lnbmF0dXJlX2J5dGVzLV8';

export const STRING_PAIRS = [
  ['CognitoIdentityServiceProvider.abc123.LastAuthUser', 'alice'],
  ['CognitoIdentityServiceProvider.abc123.alice.idToken', JWT],
  ['CognitoIdentityServiceProvider.abc123.alice.clockDrift', '0'],
  ['a b', 'c d'],
  ['semi;colon', 'x;y'],
  ['eq=name', 'a=b==c'],
  ['pct%name', '100% %41 %zz'],
  ['uni é 日本 😀', 'välue ✓ 😀'],
  ['(paren)', '(v)'],
  ['quote"d', '"quoted"'],
  ["apos'", "it's"],
  ['json', JSON.stringify({ a: 1, b: [true, null], 'c d': 'e"f', g: 'h;i,j' })],
  ['#$&+^`|', '#$&+/:<=>?@[]^`{|}'],
  ['!*~-_.', '!*~-_.'],
  ['comma,back\\slash', 'comma,back\\slash'],
  ['ctl\t\n', 'tab\there\r\n'],
  ['ascii', ASCII],
  [ASCII, 'ascii-name'],
  [ASCII, ASCII],
  ['empty', ''],
  ['user@example.com', 'user@example.com'],
  ['123', '456'],
];
