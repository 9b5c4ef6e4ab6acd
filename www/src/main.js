// cognito-identity-wasm demo: register → confirm → sign in (SRP, with MFA when the pool asks)
// → profile (claims, attributes, password change) → sign out.
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
/** A sign-in waiting for an MFA code: { user, mfaType, callbacks } (null otherwise). */
let pendingMfa = null;

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

/**
 * Shows one of the signed-out forms: 'signin-view', 'signup-view', 'confirm-view', or a
 * sign-in challenge: 'mfa-view', 'mfa-select-view' (these have no tab).
 */
function showAuth(view) {
  $('loading').hidden = true;
  $('profile').hidden = true;
  $('auth').hidden = false;
  for (const form of document.querySelectorAll('#auth .view')) form.hidden = form.id !== view;
  let hasTab = false;
  for (const tab of document.querySelectorAll('#auth .tab')) {
    const active = tab.dataset.view === view;
    hasTab ||= active;
    tab.classList.toggle('active', active);
    tab.setAttribute('aria-selected', String(active));
  }
  // A sign-in challenge is a step of the sign-in, not a tab: hide the tabs meanwhile.
  document.querySelector('#auth .tabs').hidden = !hasTab;
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
  $('attributes').querySelector('tbody').replaceChildren();
  loadAttributes(user);
}

/** Lists the user's attributes (GetUser) in #attributes. */
function loadAttributes(user) {
  const tbody = $('attributes').querySelector('tbody');
  user.getUserAttributes((err, attributes) => {
    if (user !== currentUser) return; // signed out meanwhile
    if (err) {
      showError(err);
      return;
    }
    tbody.replaceChildren();
    const sorted = [...attributes].sort((a, b) => a.getName().localeCompare(b.getName()));
    for (const attribute of sorted) {
      const row = document.createElement('tr');
      row.dataset.attribute = attribute.getName();
      const key = document.createElement('td');
      key.textContent = attribute.getName();
      const cell = document.createElement('td');
      cell.textContent = attribute.getValue();
      row.append(key, cell);
      tbody.append(row);
    }
  });
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
  const username = $('signin-username').value.trim();
  const authenticationDetails = new AuthenticationDetails({
    Username: username,
    Password: $('signin-password').value,
  });
  const user = new CognitoUser({ Username: username, Pool: userPool });
  setBusy($('auth'), true);
  user.authenticateUser(authenticationDetails, authCallbacks(user, username));
}

const MFA_KINDS = {
  SMS_MFA: 'SMS',
  SOFTWARE_TOKEN_MFA: 'Authenticator app',
  EMAIL_OTP: 'Email',
};

/**
 * The callbacks of authenticateUser, reused to answer its challenges (sendMFACode,
 * sendMFASelectionAnswer): each MFA challenge shows the code screen for its kind.
 */
function authCallbacks(user, username) {
  const unsupported = step => {
    setBusy($('auth'), false);
    pendingMfa = null;
    showAuth('signin-view');
    showError({ code: step, message: 'this demo does not handle that challenge.' });
  };
  const callbacks = {
    onSuccess(session) {
      setBusy($('auth'), false);
      pendingMfa = null;
      $('signin-password').value = '';
      $('mfa-code').value = '';
      showProfile(user, session);
    },
    onFailure(err) {
      setBusy($('auth'), false);
      if (pendingMfa && err.code === 'CodeMismatchException') {
        // A wrong code: the challenge stands, try again.
        showError(err);
        $('mfa-code').select();
        return;
      }
      pendingMfa = null;
      if (err.code === 'UserNotConfirmedException') {
        $('confirm-username').value = username;
        showAuth('confirm-view');
      } else if (!$('mfa-view').hidden || !$('mfa-select-view').hidden) {
        showAuth('signin-view');
      }
      showError(err);
    },
    // SMS_MFA, SOFTWARE_TOKEN_MFA, EMAIL_OTP: ask for the code, answer with sendMFACode.
    mfaRequired: (name, params) => askMfaCode(user, callbacks, 'SMS_MFA', params),
    totpRequired: (name, params) => askMfaCode(user, callbacks, 'SOFTWARE_TOKEN_MFA', params),
    emailOtpRequired: (name, params) => askMfaCode(user, callbacks, 'EMAIL_OTP', params),
    // SELECT_MFA_TYPE: let the user pick, answer with sendMFASelectionAnswer.
    selectMFAType: (name, params) => askMfaType(user, callbacks, params),
    newPasswordRequired: () => unsupported('newPasswordRequired'),
    mfaSetup: () => unsupported('mfaSetup'),
    customChallenge: () => unsupported('customChallenge'),
  };
  return callbacks;
}

function askMfaCode(user, callbacks, mfaType, params = {}) {
  setBusy($('auth'), false);
  pendingMfa = { user, mfaType, callbacks };
  $('mfa-view').dataset.mfaType = mfaType;
  $('mfa-kind').textContent = MFA_KINDS[mfaType] || mfaType;
  const destination = params.CODE_DELIVERY_DESTINATION;
  $('mfa-detail').textContent = mfaType === 'SOFTWARE_TOKEN_MFA'
    ? `Enter the 6-digit code your authenticator app shows${params.FRIENDLY_DEVICE_NAME ? ` (${params.FRIENDLY_DEVICE_NAME})` : ''}.`
    : `Enter the code sent${destination ? ` to ${destination}` : ''}.`;
  $('mfa-code').value = '';
  showAuth('mfa-view');
}

function askMfaType(user, callbacks, params = {}) {
  setBusy($('auth'), false);
  pendingMfa = null;
  let choices;
  try {
    choices = JSON.parse(params.MFAS_CAN_CHOOSE || '[]');
  } catch {
    choices = [];
  }
  const options = $('mfa-options');
  options.replaceChildren();
  for (const mfaType of choices) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'secondary';
    button.dataset.mfaType = mfaType;
    button.textContent = MFA_KINDS[mfaType] || mfaType;
    button.addEventListener('click', () => {
      clearMessages();
      setBusy($('auth'), true);
      // Cognito then asks for that type's code (mfaRequired / totpRequired / emailOtpRequired).
      user.sendMFASelectionAnswer(mfaType, callbacks);
    });
    options.append(button);
  }
  showAuth('mfa-select-view');
}

function sendMfaCode(event) {
  event.preventDefault();
  clearMessages();
  if (!pendingMfa) {
    showAuth('signin-view');
    return;
  }
  const { user, mfaType, callbacks } = pendingMfa;
  setBusy($('auth'), true);
  user.sendMFACode($('mfa-code').value.trim(), callbacks, mfaType);
}

function cancelMfa() {
  clearMessages();
  pendingMfa = null;
  $('signin-password').value = '';
  showAuth('signin-view');
}

// ---------------------------------------------------------------- profile actions

function updateAttribute(event) {
  event.preventDefault();
  clearMessages();
  const form = event.currentTarget;
  const user = currentUser;
  if (!user) return;
  const name = $('attr-name').value.trim();
  const value = $('attr-value').value;
  setBusy(form, true);
  user.updateAttributes([new CognitoUserAttribute({ Name: name, Value: value })], (err, result, details) => {
    setBusy(form, false);
    if (err) {
      showError(err);
      return;
    }
    $('attr-value').value = '';
    const sent = details && details.CodeDeliveryDetailsList && details.CodeDeliveryDetailsList[0];
    showNotice(sent
      ? `Attribute ${name} updated; a verification code was sent to ${sent.Destination}.`
      : `Attribute ${name} updated.`);
    loadAttributes(user);
  });
}

async function changePassword(event) {
  event.preventDefault();
  clearMessages();
  const form = event.currentTarget;
  const user = currentUser;
  if (!user) return;
  setBusy(form, true);
  try {
    await user.changePassword($('old-password').value, $('new-password').value);
    $('old-password').value = '';
    $('new-password').value = '';
    showNotice('Password changed.');
  } catch (err) {
    showError(err);
  } finally {
    setBusy(form, false);
  }
}

function signOut() {
  clearMessages();
  const user = currentUser;
  currentUser = null;
  if (!user) {
    showAuth('signin-view');
    return;
  }
  for (const id of ['attr-value', 'old-password', 'new-password']) $(id).value = '';
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
  $('mfa-view').addEventListener('submit', sendMfaCode);
  $('mfa-cancel').addEventListener('click', cancelMfa);
  $('mfa-select-cancel').addEventListener('click', cancelMfa);
  $('attr-form').addEventListener('submit', updateAttribute);
  $('password-form').addEventListener('submit', changePassword);
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
