// cognito-identity-wasm demo: register → confirm → sign in (SRP) → profile → sign out.
// Written exactly as it would be with amazon-cognito-identity-js: only the import differs.
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserAttribute,
  CognitoUserPool,
} from 'cognito-identity-wasm';

const $ = id => document.getElementById(id);

/** @type {CognitoUserPool} */
let userPool;
/** The signed-in user (null when signed out). */
let currentUser = null;

// ---------------------------------------------------------------- messages and views

function showError(err) {
  const code = (err && (err.code || err.name)) || 'Error';
  const message = (err && err.message) || String(err);
  $('error').textContent = `${code}: ${message}`;
  $('error').hidden = false;
  $('notice').hidden = true;
}

function showNotice(text) {
  $('notice').textContent = text;
  $('notice').hidden = false;
}

function clearMessages() {
  $('error').hidden = true;
  $('error').textContent = '';
  $('notice').hidden = true;
}

/** Shows one of the signed-out forms: 'signin-view', 'signup-view' or 'confirm-view'. */
function showAuth(view) {
  $('loading').hidden = true;
  $('profile').hidden = true;
  $('auth').hidden = false;
  for (const form of document.querySelectorAll('#auth .view')) form.hidden = form.id !== view;
  for (const tab of document.querySelectorAll('#auth .tab')) {
    const active = tab.dataset.view === view;
    tab.classList.toggle('active', active);
    tab.setAttribute('aria-selected', String(active));
  }
  const firstEmpty = [...$(view).querySelectorAll('input')].find(input => !input.value);
  if (firstEmpty) firstEmpty.focus();
}

/** Disables a form's buttons while a request is in flight. */
function setBusy(form, busy) {
  for (const button of form.querySelectorAll('button')) button.disabled = busy;
}

const TIME_CLAIMS = new Set(['exp', 'iat', 'auth_time', 'nbf']);

function showProfile(user, session) {
  currentUser = user;
  const idToken = session.getIdToken();
  const claims = idToken.decodePayload();

  $('profile-username').textContent = user.getUsername();
  const expires = new Date(idToken.getExpiration() * 1000);
  $('session-info').textContent =
    `Session valid: ${session.isValid()} · ID token expires ${expires.toLocaleString()} · ` +
    `clock drift ${session.getClockDrift()} s`;

  const tbody = $('claims').querySelector('tbody');
  tbody.replaceChildren();
  for (const name of Object.keys(claims).sort()) {
    const value = claims[name];
    const row = document.createElement('tr');
    row.dataset.claim = name;
    const key = document.createElement('td');
    key.textContent = name;
    const cell = document.createElement('td');
    cell.textContent = typeof value === 'object' ? JSON.stringify(value) : String(value);
    if (TIME_CLAIMS.has(name) && typeof value === 'number') {
      const when = document.createElement('span');
      when.className = 'when';
      when.textContent = ` (${new Date(value * 1000).toLocaleString()})`;
      cell.append(when);
    }
    row.append(key, cell);
    tbody.append(row);
  }

  $('loading').hidden = true;
  $('auth').hidden = true;
  $('profile').hidden = false;
}

// ---------------------------------------------------------------- flows

/** On load: the user who signed in last on this client, with a valid (or refreshed) session. */
function restoreSession() {
  const user = userPool.getCurrentUser();
  if (!user) {
    showAuth('signin-view');
    return;
  }
  // Node-style callback, as in the SDK's README.
  user.getSession((err, session) => {
    if (err) {
      showAuth('signin-view');
      showError(err);
      return;
    }
    showProfile(user, session);
  });
}

function signUp(event) {
  event.preventDefault();
  clearMessages();
  const form = event.currentTarget;
  const username = $('signup-username').value.trim();
  const email = $('signup-email').value.trim();
  const password = $('signup-password').value;
  const attributes = [new CognitoUserAttribute({ Name: 'email', Value: email })];

  setBusy(form, true);
  userPool.signUp(username, password, attributes, null, (err, result) => {
    setBusy(form, false);
    if (err) {
      showError(err);
      return;
    }
    $('signup-password').value = '';
    $('confirm-username').value = result.user.getUsername();
    $('signin-username').value = result.user.getUsername();
    if (result.userConfirmed) {
      showAuth('signin-view');
      showNotice('Account created and already confirmed: sign in.');
      return;
    }
    const delivery = result.codeDeliveryDetails;
    showAuth('confirm-view');
    showNotice(delivery && delivery.Destination
      ? `Account created. A confirmation code was sent by ${String(delivery.DeliveryMedium).toLowerCase()} to ${delivery.Destination}.`
      : 'Account created. Enter the confirmation code you received.');
  });
}

async function confirmSignUp(event) {
  event.preventDefault();
  clearMessages();
  const form = event.currentTarget;
  const username = $('confirm-username').value.trim();
  const user = new CognitoUser({ Username: username, Pool: userPool });

  // The Promise form: every callback method returns a Promise when the callback is left out.
  setBusy(form, true);
  try {
    await user.confirmRegistration($('confirm-code').value.trim(), true);
    $('confirm-code').value = '';
    $('signin-username').value = username;
    showAuth('signin-view');
    showNotice(`Account ${username} confirmed: sign in.`);
  } catch (err) {
    showError(err);
  } finally {
    setBusy(form, false);
  }
}

function resendCode() {
  clearMessages();
  const username = $('confirm-username').value.trim();
  if (!username) {
    showError({ code: 'InvalidParameterException', message: 'Enter the username first.' });
    return;
  }
  const user = new CognitoUser({ Username: username, Pool: userPool });
  user.resendConfirmationCode((err, result) => {
    if (err) {
      showError(err);
      return;
    }
    const delivery = result && result.CodeDeliveryDetails;
    showNotice(delivery ? `A new code was sent to ${delivery.Destination}.` : 'A new code was sent.');
  });
}

function signIn(event) {
  event.preventDefault();
  clearMessages();
  const form = event.currentTarget;
  const username = $('signin-username').value.trim();
  const authenticationDetails = new AuthenticationDetails({
    Username: username,
    Password: $('signin-password').value,
  });
  const user = new CognitoUser({ Username: username, Pool: userPool });
  const unsupported = step => {
    setBusy(form, false);
    showError({ code: step, message: 'this demo does not handle that challenge.' });
  };

  setBusy(form, true);
  user.authenticateUser(authenticationDetails, {
    onSuccess(session) {
      setBusy(form, false);
      $('signin-password').value = '';
      showProfile(user, session);
    },
    onFailure(err) {
      setBusy(form, false);
      if (err.code === 'UserNotConfirmedException') {
        $('confirm-username').value = username;
        showAuth('confirm-view');
      }
      showError(err);
    },
    newPasswordRequired: () => unsupported('newPasswordRequired'),
    mfaRequired: () => unsupported('mfaRequired'),
    totpRequired: () => unsupported('totpRequired'),
    selectMFAType: () => unsupported('selectMFAType'),
    mfaSetup: () => unsupported('mfaSetup'),
    customChallenge: () => unsupported('customChallenge'),
  });
}

function signOut() {
  clearMessages();
  const user = currentUser;
  currentUser = null;
  if (!user) {
    showAuth('signin-view');
    return;
  }
  const button = $('signout');
  button.disabled = true;
  // With a callback, signOut also revokes the refresh token; local tokens are cleared either way.
  user.signOut(err => {
    button.disabled = false;
    $('signin-username').value = user.getUsername();
    showAuth('signin-view');
    if (err) showError(err);
    else showNotice('Signed out.');
  });
}

// ---------------------------------------------------------------- start-up

async function loadConfig() {
  const res = await fetch('config.json', { cache: 'no-store' });
  if (!res.ok) {
    const err = new Error(`config.json could not be loaded (HTTP ${res.status}); start the demo with npm run demo`);
    err.code = 'ConfigError';
    throw err;
  }
  return res.json();
}

async function start() {
  for (const tab of document.querySelectorAll('#auth .tab')) {
    tab.addEventListener('click', () => {
      clearMessages();
      showAuth(tab.dataset.view);
    });
  }
  $('signup-view').addEventListener('submit', signUp);
  $('confirm-view').addEventListener('submit', confirmSignUp);
  $('confirm-resend').addEventListener('click', resendCode);
  $('signin-view').addEventListener('submit', signIn);
  $('signout').addEventListener('click', signOut);

  let config;
  try {
    config = await loadConfig();
    const poolData = { UserPoolId: config.UserPoolId, ClientId: config.ClientId };
    if (config.endpoint) poolData.endpoint = config.endpoint;
    userPool = new CognitoUserPool(poolData);
  } catch (err) {
    $('loading').hidden = true;
    showError(err);
    return;
  }

  if (config.confirmationCodeHint) {
    const hint = $('code-hint');
    hint.append('Local emulator: the confirmation code is always ');
    const code = document.createElement('strong');
    code.textContent = config.confirmationCodeHint;
    hint.append(code, '.');
    hint.hidden = false;
  }
  $('pool-info').textContent =
    `User pool ${userPool.getUserPoolId()} · app client ${userPool.getClientId()}` +
    (config.endpoint ? ` · ${config.endpoint}` : '');

  restoreSession();
}

start();
