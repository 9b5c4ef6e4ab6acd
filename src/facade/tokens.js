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
    return coreNow('decodePayload', { jwt: String(this.jwtToken) }).reply.ok;
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
    return coreNow('calculateClockDrift', tokens).reply.ok;
  }

  isValid() {
    return coreNow('isValid', sessionData(this)).reply.ok;
  }
}

/** A session object from the core's session data. */
function sessionOf(data) {
  return new CognitoUserSession({
    IdToken: new CognitoIdToken({ IdToken: data.IdToken }),
    AccessToken: new CognitoAccessToken({ AccessToken: data.AccessToken }),
    RefreshToken: new CognitoRefreshToken({ RefreshToken: data.RefreshToken }),
    ClockDrift: data.ClockDrift,
  });
}

/** `current` when it holds exactly these tokens (the object the app already has), else a new one. */
function sameSession(current, data) {
  const held = sessionData(current);
  const same =
    held &&
    held.IdToken === data.IdToken &&
    held.AccessToken === data.AccessToken &&
    held.RefreshToken === data.RefreshToken &&
    held.ClockDrift === data.ClockDrift;
  return same ? current : sessionOf(data);
}
