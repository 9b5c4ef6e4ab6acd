// `CookieStorage`: the SDK's cookie-backed storage, its object model exactly (the fields
// domain, path, expires, secure, sameSite, set as the SDK's constructor sets them). Pass
// one as `Storage` to `new CognitoUserPool({ ..., Storage })`.
//
// The cookie strings are js-cookie 3.0.8's (what the SDK calls), by js-cookie's own
// algorithm on the browser's encodeURIComponent, decodeURIComponent and toUTCString: the
// same text as the SDK's byte for byte, with no copy of those in the wasm (a Rust one was
// 6.2 KB of it). tests/packaging/cookie-kat.test.mjs compares it with the SDK's class.

class CookieStorage {
  constructor(data = {}) {
    if (data.domain) {
      this.domain = data.domain;
    }
    this.path = data.path ? data.path : '/';
    this.expires = Object.prototype.hasOwnProperty.call(data, 'expires') ? data.expires : 365;
    this.secure = Object.prototype.hasOwnProperty.call(data, 'secure') ? data.secure : true;
    if (Object.prototype.hasOwnProperty.call(data, 'sameSite')) {
      if (!['strict', 'lax', 'none'].includes(data.sameSite)) {
        throw new Error('The sameSite value of cookieStorage must be "lax", "strict" or "none".');
      }
      if (data.sameSite === 'none' && !this.secure) {
        throw new Error('sameSite = None requires the Secure attribute in latest browser versions.');
      }
      this.sameSite = data.sameSite;
    } else {
      this.sameSite = null;
    }
  }

  /** Writes the cookie and returns what reading it back gives (undefined when the
   * browser refused it or the key is empty), as the SDK does. */
  setItem(key, value) {
    cookieSet(this, key, value, this.expires);
    return cookieGet(key);
  }

  /** The cookie's decoded value, or null. */
  getItem(key) {
    const item = cookieGet(key);
    return item ?? null;
  }

  /** Expires the cookie (with this storage's path, domain, secure and sameSite). */
  removeItem(key) {
    cookieSet(this, key, '', -1);
  }

  /** Removes every cookie the page can read, with this storage's attributes (cookies set
   * with another path or domain survive, as in the SDK), and returns `{}`. */
  clear() {
    for (const name of Object.keys(cookieGet())) this.removeItem(name);
    return {};
  }
}

/** js-cookie's `set(key, value, attributes)` with the SDK's attributes (path, expires,
 * domain, secure, then sameSite when set; js-cookie's default path comes first anyway).
 * Its TypeErrors keep the words of js-cookie's unminified code. */
function cookieSet(storage, key, value, expires) {
  const doc = globalThis.document;
  if (doc == null) return;
  const attributes = { path: storage.path, expires, domain: storage.domain, secure: storage.secure };
  if (storage.sameSite) attributes.sameSite = storage.sameSite;
  if (typeof expires === 'number') attributes.expires = new Date(Date.now() + expires * 864e5);
  if (attributes.expires) {
    if (typeof attributes.expires.toUTCString !== 'function') throw new TypeError('attributes.expires.toUTCString is not a function');
    attributes.expires = attributes.expires.toUTCString();
  }
  const name = encodeURIComponent(key).replace(/%(2[346B]|5E|60|7C)/g, decodeURIComponent).replace(/[()]/g, escape);
  let text = '';
  for (const attribute in attributes) {
    const v = attributes[attribute];
    if (!v) continue;
    text += '; ' + attribute;
    if (v === true) continue;
    if (typeof v.split !== 'function') throw new TypeError('attributes[attributeName].split is not a function');
    // RFC 6265 5.2: an attribute value ends at its first ';'.
    text += '=' + v.split(';')[0];
  }
  doc.cookie = name + '=' + encodeURIComponent(value).replace(/%(2[346BF]|3[AC-F]|40|5[BDE]|60|7[BCD])/g, decodeURIComponent) + text;
}

/** js-cookie's `get(name)`: the first decodable cookie of that name (undefined for a
 * falsy name); without an argument, the whole jar (an object, as js-cookie's: `clear`
 * removes its keys in `Object.keys` order). */
function cookieGet(name) {
  const doc = globalThis.document;
  if (doc == null || (arguments.length && !name)) return;
  const cookies = doc.cookie ? doc.cookie.split('; ') : [];
  const jar = {};
  for (const cookie of cookies) {
    const parts = cookie.split('=');
    let value = parts.slice(1).join('=');
    try {
      const found = decodeURIComponent(parts[0]);
      if (value[0] === '"') value = value.slice(1, -1);
      if (!(found in jar)) jar[found] = value.replace(/(%[\dA-F]{2})+/gi, decodeURIComponent);
      if (name === found) break;
    } catch {
      // A name or value that does not decode: js-cookie skips the cookie.
    }
  }
  return name ? jar[name] : jar;
}
