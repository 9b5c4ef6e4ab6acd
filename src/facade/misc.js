// The SDK's small data classes.

class CognitoUserAttribute {
  constructor({ Name, Value } = {}) {
    this.Name = Name || '';
    this.Value = Value || '';
  }

  getValue() {
    return this.Value;
  }

  setValue(value) {
    this.Value = value;
    return this;
  }

  getName() {
    return this.Name;
  }

  setName(name) {
    this.Name = name;
    return this;
  }

  toString() {
    return JSON.stringify(this);
  }

  toJSON() {
    return { Name: this.Name, Value: this.Value };
  }
}

class AuthenticationDetails {
  constructor(data) {
    const { ValidationData, Username, Password, AuthParameters, ClientMetadata, PreferredChallenge } = data || {};
    this.validationData = ValidationData || {};
    this.authParameters = AuthParameters || {};
    this.clientMetadata = ClientMetadata || {};
    this.username = Username;
    this.password = Password;
    // Ours: USER_AUTH's first factor (the JS SDK predates USER_AUTH). Not an own
    // enumerable property, so the object looks like the SDK's.
    hidden(this, '_preferredChallenge', PreferredChallenge);
  }

  getUsername() {
    return this.username;
  }

  getPassword() {
    return this.password;
  }

  getValidationData() {
    return this.validationData;
  }

  getAuthParameters() {
    return this.authParameters;
  }

  getClientMetadata() {
    return this.clientMetadata;
  }

  /** Ours: USER_AUTH's preferred first factor. */
  getPreferredChallenge() {
    return this._preferredChallenge;
  }
}

class DateHelper {
  /** The time as SRP's TIMESTAMP carries it: `Tue Sep 7 14:03:04 UTC 2021`. */
  getNowString() {
    return nowOk('getNowString');
  }
}

/** Shared by every MemoryStorage, like the SDK's module-level `dataMemory`. */
let memoryData = {};

/** The SDK's in-memory storage, used where localStorage is missing or refuses writes. */
class MemoryStorage {
  static setItem(key, value) {
    memoryData[key] = value;
    return memoryData[key];
  }

  static getItem(key) {
    return Object.prototype.hasOwnProperty.call(memoryData, key) ? memoryData[key] : undefined;
  }

  static removeItem(key) {
    return delete memoryData[key];
  }

  static clear() {
    memoryData = {};
    return memoryData;
  }

  setItem(key, value) {
    return MemoryStorage.setItem(String(key), String(value));
  }

  getItem(key) {
    return MemoryStorage.getItem(String(key));
  }

  removeItem(key) {
    return MemoryStorage.removeItem(String(key));
  }

  clear() {
    return MemoryStorage.clear();
  }
}

/** The SDK's default storage: localStorage when it exists and takes a write (Safari's
 * private mode throws; the SDK's probe key), else memory. In JS, not the wasm: it runs in
 * `new CognitoUserPool`, on the page's start-up path, where a call into the wasm for it
 * cost more main-thread time than the probe itself. */
function defaultStorage() {
  const local = host.localStorage();
  // No undefined/null check of its own: `host.setItem` fails on those (no setItem method).
  if (host.setItem(storageId(local), 'aws.cognito.test-ls', '1') !== undefined) return new MemoryStorage();
  host.removeItem(storageId(local), 'aws.cognito.test-ls');
  return local;
}
