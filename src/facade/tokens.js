// The SDK's token and session classes: plain objects holding the tokens, with the
// SDK's own properties (`jwtToken`, `payload`, `token`, `idToken`, ...), so they survive
// JSON.stringify, spread and structuredClone as the SDK's do. What they compute (the
// payload, the clock drift, validity) comes from the core (src/js/entry/data.rs).

class CognitoJwtToken {
  constructor(token) {
    this.jwtToken = token || '';
    this.payload = this.decodePayload();
  }

  getJwtToken() {
    return this.jwtToken;
  }

  getExpiration() {
    return this.payload.exp;
  }

  getIssuedAt() {
    return this.payload.iat;
  }

  decodePayload() {
    return nowOk('decodePayload', { jwt: String(this.jwtToken) });
  }
}

class CognitoIdToken extends CognitoJwtToken {
  constructor({ IdToken } = {}) {
    super(IdToken || '');
  }
}

class CognitoAccessToken extends CognitoJwtToken {
  constructor({ AccessToken } = {}) {
    super(AccessToken || '');
  }
}

class CognitoRefreshToken {
  constructor({ RefreshToken } = {}) {
    this.token = RefreshToken || '';
  }

  getToken() {
    return this.token;
  }
}

class CognitoUserSession {
  constructor({ IdToken, RefreshToken, AccessToken, ClockDrift } = {}) {
    if (AccessToken == null || IdToken == null) {
      throw new Error('Id token and Access Token must be present.');
    }
    this.idToken = IdToken;
    this.refreshToken = RefreshToken;
    this.accessToken = AccessToken;
    this.clockDrift = ClockDrift === undefined ? this.calculateClockDrift() : ClockDrift;
  }

  getIdToken() {
    return this.idToken;
  }

  getRefreshToken() {
    return this.refreshToken;
  }

  getAccessToken() {
    return this.accessToken;
  }

  getClockDrift() {
    return this.clockDrift;
  }

  calculateClockDrift() {
    const tokens = { IdToken: this.idToken.getJwtToken(), AccessToken: this.accessToken.getJwtToken() };
    return nowOk('calculateClockDrift', tokens);
  }

  isValid() {
    return nowOk('isValid', sessionData(this));
  }
}

/** A session object of these tokens (`{ IdToken, AccessToken, RefreshToken }` as text). */
function sessionOf(tokens, ClockDrift) {
  return new CognitoUserSession({
    IdToken: new CognitoIdToken(tokens),
    AccessToken: new CognitoAccessToken(tokens),
    RefreshToken: new CognitoRefreshToken(tokens),
    ClockDrift,
  });
}

const SESSION_FIELDS = ['IdToken', 'AccessToken', 'RefreshToken', 'ClockDrift'];

/** `current` when it holds exactly these tokens (the object the app already has), else a new one. */
function sameSession(current, data) {
  const held = sessionData(current);
  return held && SESSION_FIELDS.every((key) => held[key] === data[key]) ? current : sessionOf(data, data.ClockDrift);
}
