// The SDK's exported `AuthenticationHelper`: the SRP toolbox apps use to run
// USER_SRP_AUTH or a device's SRP themselves. Same constructor, methods, arities and
// own properties as the JS SDK's; every value is computed by the core's SRP
// (src/srp/helper.rs, through the `srp.*` operations of src/flows/authentication_helper.rs,
// which take and give arrays of strings in the order that file's table says), the code
// our own sign-in runs. This object only holds the values between calls.
//
// Integers: where the JS SDK takes jsbn BigIntegers, this takes anything whose
// `toString(16)` is the number in hex (the JS SDK's BigInteger from
// 'amazon-cognito-identity-js/lib/BigInteger', a native bigint, a number, one of the
// values handed out here) or the hex text itself (`SRP_B` and `SALT` as Cognito sends
// them). Where the JS SDK gives BigIntegers, this gives an `SrpInteger`: what apps do with
// those is print them (`A.toString(16)` for SRP_A) and hand them back.
//
// Needs `nowOk` (core.js) and `WordArray` and `hexOf` (WordArray.js) in scope.

/** The core's `srp.<method>` operation on the strings `input`: its outputs (an array);
 * throws the core's error. */
function srpNow(method, ...input) {
  return nowOk(`srp.${method}`, input);
}

/**
 * An integer the helper hands out (never negative): prints with `toString(radix)` (jsbn's
 * radixes and any other BigInt takes), compares with `equals` and `compareTo`.
 */
class SrpInteger {
  constructor(hex) {
    this.hex = hex;
    Object.freeze(this);
  }

  toString(radix) {
    return radix === 16 ? this.hex : BigInt(`0x${this.hex}`).toString(radix);
  }

  compareTo(other) {
    const a = BigInt(`0x${this.hex}`);
    const b = srpBigInt(other);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  equals(other) {
    return this.compareTo(other) === 0;
  }
}

/** `n` random bytes in hex, drawn as the SDK's `randomBytes` draws them (a WordArray's
 * words): the core's helper operations take their randomness as input. */
function srpRandomHex(n) {
  return new WordArray().random(n).toString();
}

/** `value` as `toString(16)` text: what the core reads an integer from. */
function srpHexOf(value) {
  if (value === null || value === undefined) throw new Error('Not a BigInteger');
  return typeof value === 'string' ? value : String(value.toString(16));
}

function srpBigInt(value) {
  const hex = srpHexOf(value);
  return hex.startsWith('-') ? -BigInt(`0x${hex.slice(1)}`) : BigInt(`0x${hex}`);
}

/** The bytes the SDK's SHA-256 hashes for `data`, in hex: text as UTF-8, a view's bytes,
 * else `new Uint8Array(data)` (an ArrayBuffer, an array of numbers). */
function srpDataHex(data) {
  if (data === null || data === undefined) throw new TypeError(`Cannot hash ${data}`);
  const bytes =
    typeof data === 'string'
      ? new TextEncoder().encode(data)
      : ArrayBuffer.isView(data)
        ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
        : new Uint8Array(data);
  return hexOf(bytes);
}

function srpHexBytes(hex) {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.substr(2 * i, 2), 16);
  return bytes;
}

/** [N, g, k] (as SrpIntegers), infoBits and the new-password attribute prefix, the same
 * for every helper: asked for once. */
let srpConstants;

function srpConstantValues() {
  if (!srpConstants) srpConstants = srpNow('constants').map((value, i) => (i < 3 ? new SrpInteger(value) : value));
  return srpConstants;
}

class AuthenticationHelper {
  /** @param {string} PoolName the user pool's name (the id after its `_`). */
  constructor(PoolName) {
    const [N, g, k, infoBits] = srpConstantValues();
    this.N = N;
    this.g = g;
    this.k = k;
    this.smallAValue = this.generateRandomSmallA();
    this.getLargeAValue(() => {});
    this.infoBits = srpHexBytes(infoBits);
    this.poolName = PoolName;
  }

  getSmallAValue() {
    return this.smallAValue;
  }

  getLargeAValue(callback) {
    if (this.largeAValue) {
      callback(null, this.largeAValue);
      return;
    }
    this.calculateA(this.smallAValue, (err, largeAValue) => {
      if (err) {
        callback(err, null);
        return;
      }
      this.largeAValue = largeAValue;
      callback(null, this.largeAValue);
    });
  }

  /** A fresh secret `a`: 512 random bits (the JS SDK draws 1024; src/srp/client.rs says why 512 are enough). */
  generateRandomSmallA() {
    return new SrpInteger(BigInt(`0x${srpRandomHex(64)}`).toString(16));
  }

  /** 40 random bytes in base64: a device's password. */
  generateRandomString() {
    return srpNow('generateRandomString', srpRandomHex(40))[0];
  }

  getRandomPassword() {
    return this.randomPassword;
  }

  getSaltDevices() {
    return this.SaltToHashDevices;
  }

  getVerifierDevices() {
    return this.verifierDevices;
  }

  /** A new device's password, salt and verifier (for ConfirmDevice), kept on the helper;
   * the password is drawn first, then the salt's 16 bytes, as the SDK draws them. */
  generateHashDevice(deviceGroupKey, username, callback) {
    this.randomPassword = this.generateRandomString();
    [this.SaltToHashDevices, this.verifierDevices] = srpNow('generateHashDevice', `${deviceGroupKey}`, `${username}`, this.randomPassword, srpRandomHex(16));
    callback(null, null);
  }

  calculateA(a, callback) {
    callback(null, new SrpInteger(srpNow('calculateA', srpHexOf(a))[0]));
  }

  calculateU(A, B) {
    const [u, hexHash] = srpNow('calculateU', srpHexOf(A), srpHexOf(B));
    this.UHexHash = hexHash;
    return new SrpInteger(u);
  }

  hash(buf) {
    return srpNow('hash', srpDataHex(buf))[0];
  }

  /** `hash` of `Buffer.from(hexStr, 'hex')`: the whole digit pairs up to the first pair
   * that is not two hex digits (a trailing odd digit is dropped). */
  hexHash(hexStr) {
    if (typeof hexStr !== 'string') throw new TypeError('hexHash takes a hex string');
    return srpNow('hash', /^(?:[\da-f]{2})*/i.exec(hexStr)[0])[0];
  }

  computehkdf(ikm, salt) {
    return srpHexBytes(srpNow('computehkdf', srpDataHex(ikm), srpDataHex(salt))[0]);
  }

  /** The 16-byte key that signs PASSWORD_VERIFIER, to `callback(null, key)`; throws for a
   * B the SRP refuses ('B cannot be zero.'). */
  getPasswordAuthenticationKey(username, password, serverBValue, salt, callback) {
    const [key, u, hexHash] = srpNow(
      'getPasswordAuthenticationKey',
      `${this.poolName}`,
      `${username}`,
      `${password}`,
      srpHexOf(serverBValue),
      srpHexOf(salt),
      srpHexOf(this.smallAValue),
      srpHexOf(this.largeAValue),
    );
    this.UHexHash = hexHash;
    this.UValue = new SrpInteger(u);
    callback(null, srpHexBytes(key));
  }

  calculateS(xValue, serverBValue, callback) {
    const [s] = srpNow('calculateS', srpHexOf(this.smallAValue), srpHexOf(this.UValue), srpHexOf(xValue), srpHexOf(serverBValue));
    callback(null, new SrpInteger(s));
  }

  getNewPasswordRequiredChallengeUserAttributePrefix() {
    return srpConstantValues()[4];
  }

  padHex(bigInt) {
    return srpNow('padHex', srpHexOf(bigInt))[0];
  }
}
