// `CookieStorage`: the SDK's cookie-backed storage, its object model exactly (the fields
// domain, path, expires, secure, sameSite, set as the SDK's constructor sets them). Pass
// one as `Storage` to `new CognitoUserPool({ ..., Storage })`. This object reads and
// writes `document.cookie`; the strings, the reads and the errors are the core's
// (src/js/entry/cookie.rs, src/storage/cookie.rs: js-cookie's format, byte for byte).

class CookieStorage {
  constructor(data = {}) {
    if (data.domain) {
      this.domain = data.domain;
    }
    this.path = data.path ? data.path : '/';
    this.expires = Object.prototype.hasOwnProperty.call(data, 'expires') ? data.expires : 365;
    this.secure = Object.prototype.hasOwnProperty.call(data, 'secure') ? data.secure : true;
    if (Object.prototype.hasOwnProperty.call(data, 'sameSite')) {
      const sameSite = typeof data.sameSite === 'string' ? data.sameSite : null;
      okOrThrow(coreNow('cookieStorage', { secure: Boolean(this.secure), sameSite }));
      this.sameSite = data.sameSite;
    } else {
      this.sameSite = null;
    }
  }

  /** Writes the cookie and returns what reading it back gives (undefined when the
   * browser refused it or the key is empty), as the SDK does. */
  setItem(key, value) {
    const write = okOrThrow(coreNow('cookieSet', { cookie: cookieJar(), options: cookieOptions(this), name: cookieText(key), value: cookieText(value) }));
    if (write !== undefined) globalThis.document.cookie = write;
    return cookieLookup(key);
  }

  /** The cookie's decoded value, or null. */
  getItem(key) {
    const item = cookieLookup(key);
    return item ?? null;
  }

  /** Expires the cookie (with this storage's path, domain, secure and sameSite). */
  removeItem(key) {
    const write = okOrThrow(coreNow('cookieRemove', { cookie: cookieJar(), options: cookieOptions(this), name: cookieText(key) }));
    if (write !== undefined) globalThis.document.cookie = write;
  }

  /** Removes every cookie the page can read, with this storage's attributes (cookies set
   * with another path or domain survive, as in the SDK), and returns `{}`. */
  clear() {
    const names = okOrThrow(coreNow('cookieClear', { cookie: cookieJar() }));
    for (const name of names) this.removeItem(name);
    return {};
  }
}

/** `document.cookie`, or null where there is no document (a worker). */
function cookieJar() {
  const doc = globalThis.document;
  return doc === undefined || doc === null ? null : String(doc.cookie);
}

/** `Cookies.get(key)`: the value, or undefined. */
function cookieLookup(key) {
  return okOrThrow(coreNow('cookieGet', { cookie: cookieJar(), name: cookieText(key), truthy: Boolean(key) }));
}

/** A key or value as text; null for a Symbol, which js-cookie cannot encode (the core
 * throws its TypeError at the point js-cookie would). */
function cookieText(v) {
  return typeof v === 'symbol' ? null : String(v);
}

/** The storage's fields as data (src/js/entry/cookie.rs says how each is read). */
function cookieOptions(storage) {
  const attribute = (v) => (typeof v === 'string' ? v : Boolean(v));
  const e = storage.expires;
  const expires = typeof e === 'number' ? { days: e } : e instanceof Date ? { at: e.getTime() } : Boolean(e);
  return { path: attribute(storage.path), expires, domain: attribute(storage.domain), secure: Boolean(storage.secure), sameSite: attribute(storage.sameSite) };
}

