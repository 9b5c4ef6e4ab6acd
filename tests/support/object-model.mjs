// Node half of tests/e2e/object-model.test.mjs: what is required of a library's object
// model, and the checks that compare a candidate's model (ours) with a reference's (the JS
// SDK's), each giving a list of differences { where, what } (empty when the candidate
// matches); report() makes them readable.
// A model is what tests/pages/object-model.js records in one page:
//   { library: { exports, classes }, steps: { step: { instances: { label: description }, errors } } }

/**
 * Members the JS SDK's index.d.ts does not declare but issue #15 requires ("Done when",
 * first bullet, and "Missing methods"): apps call or read them.
 */
export const UNDOCUMENTED = {
  methods: {
    CognitoUser: [
      'getCachedDeviceKeyAndPassword', 'cacheTokens', 'cacheUserData', 'clearCachedUserData', 'clearCachedUser', 'clearCachedTokens',
      'cacheDeviceKeyAndPassword', 'clearCachedDeviceKeyAndPassword', 'revokeTokens', 'isSessionRevocable', 'cleanClientData',
      'getUserContextData', 'getCognitoUserSession',
    ],
    CognitoUserPool: ['getUserContextData'],
  },
  properties: {
    CognitoUser: [
      'username', 'pool', 'Session', 'client', 'signInUserSession', 'authenticationFlowType', 'storage', 'keyPrefix', 'userDataKey',
      'deviceKey', 'deviceGroupKey', 'randomPassword',
    ],
    CognitoUserPool: ['userPoolId', 'clientId', 'storage', 'client', 'advancedSecurityDataCollectionFlag', 'wrapRefreshSessionCallback'],
  },
};

/**
 * Exported classes the d.ts does not declare whose every prototype method is required
 * (issue #15, "What to build" 3: AuthenticationHelper with the same methods); the list of
 * methods is taken from the JS SDK at run time.
 */
export const WHOLE_PROTOTYPE = ['AuthenticationHelper', 'DateHelper'];

/**
 * What a candidate must have, from the d.ts declarations and the reference's model:
 * { methods: { Class: [name] }, properties: { Class: [name] }, declaredOnly: [what] }
 * (declaredOnly: declared in the d.ts but absent from the reference at run time).
 */
export function requirements(declared, ref) {
  const methods = {};
  const properties = {};
  const declaredOnly = [];
  const add = (map, cls, names) => {
    map[cls] = [...new Set([...(map[cls] || []), ...names])].sort();
  };
  for (const [name, kind] of Object.entries(declared.exports)) {
    if (!(name in ref.library.exports)) declaredOnly.push(`export ${name} (${kind})`);
  }
  for (const [cls, m] of Object.entries(declared.classes)) {
    add(methods, cls, [...m.methods, ...m.staticMethods.map((s) => `static ${s}`)]);
    add(properties, cls, m.properties);
  }
  for (const [cls, names] of Object.entries(UNDOCUMENTED.methods)) add(methods, cls, names);
  for (const [cls, names] of Object.entries(UNDOCUMENTED.properties)) add(properties, cls, names);
  for (const cls of WHOLE_PROTOTYPE) {
    const members = ref.library.classes[cls]?.members || {};
    add(methods, cls, Object.keys(members).filter((n) => n !== 'constructor' && members[n].kind === 'method'));
  }
  for (const [cls, names] of Object.entries(methods)) {
    if (!(cls in ref.library.exports)) continue; // reported as an export above
    for (const n of names) if (!memberOf(ref, cls, n)) declaredOnly.push(`${cls}.prototype.${n}`);
  }
  return { methods, properties, declaredOnly };
}

/** A prototype member ('name') or static member ('static name') of an exported class. */
function memberOf(model, cls, name) {
  const c = model.library.classes[cls];
  if (!c) return undefined;
  return name.startsWith('static ') ? c.statics[name.slice(7)] : c.members[name];
}

// ---- formatting ----------------------------------------------------------------------

function fmtValue(d) {
  if (!d) return 'missing';
  if (d.kind === 'accessor') return `accessor (${[d.get && 'get', d.set && 'set'].filter(Boolean).join('/')})`;
  if (d.kind === 'method') return `method/${d.arity}`;
  const parts = [];
  if (d.kind === 'data') parts.push(d.enumerable ? 'enumerable' : 'non-enumerable', d.writable ? 'writable' : 'read-only');
  if (d.type === 'string') parts.push(`string:${d.string}`);
  else if (d.type === 'object') parts.push(d.class);
  else if (d.type === 'function') parts.push(`function/${d.arity}`);
  else if (d.type === 'boolean') parts.push(String(d.value));
  else parts.push(d.type);
  return parts.join(' ');
}

const short = (v) => {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 100 ? `${s.slice(0, 97)}...` : s;
};

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** The descriptor fields that make an own property's model (enumerable data of the same kind…). */
const propertyModel = (d) => d && {
  enumerable: d.enumerable, kind: d.kind, writable: d.writable, get: d.get, set: d.set, type: d.type, class: d.class, string: d.string, value: d.value,
};

/** Every instance the reference recorded, with the candidate's counterpart: [{ where, ref, cand, candStep }]. */
function pairs(ref, cand) {
  const out = [];
  for (const [step, r] of Object.entries(ref.steps)) {
    const c = cand.steps[step] || { instances: {}, errors: { step: 'step not run' } };
    for (const [label, refInst] of Object.entries(r.instances)) {
      out.push({ where: `[${step}] ${label}`, ref: refInst, cand: c.instances[label], candStep: c });
    }
  }
  return out;
}

const why = (candStep) => (Object.keys(candStep.errors).length ? `; ours failed: ${Object.values(candStep.errors).join('; ')}` : '');

// ---- checks (each returns a list of differences) --------------------------------------

/** Every export of the reference, the same kind of value (a class: a function of the same arity). */
export function checkExports(ref, cand) {
  const lines = [];
  for (const [name, r] of Object.entries(ref.library.exports)) {
    const c = cand.library.exports[name];
    if (!same(r, c)) lines.push({ where: `export ${name}`, what: `JS SDK ${fmtValue(r)}, ours ${fmtValue(c)}` });
  }
  return lines;
}

/** Every required method (d.ts, issue #15's list, AuthenticationHelper/DateHelper): same kind and arity. */
export function checkMembers(ref, cand, req) {
  const lines = [];
  for (const [cls, names] of Object.entries(req.methods)) {
    if (!ref.library.classes[cls]) continue;
    for (const name of names) {
      const r = memberOf(ref, cls, name);
      if (!r) continue; // declared only: see declaredOnly
      const c = memberOf(cand, cls, name);
      const label = name.startsWith('static ') ? `${cls}.${name.slice(7)}` : `${cls}.prototype.${name}`;
      if (!same(r, c)) lines.push({ where: label, what: `JS SDK ${fmtValue(r)}, ours ${c ? fmtValue(c) : cand.library.classes[cls] ? 'missing' : 'class missing'}` });
    }
    // Statics of the reference, declared or not (it has none beyond length/name/prototype today).
    for (const [name, r] of Object.entries(ref.library.classes[cls].statics)) {
      const c = cand.library.classes[cls]?.statics[name];
      if (!same(r, c)) lines.push({ where: `${cls}.${name} (static)`, what: `JS SDK ${fmtValue(r)}, ours ${fmtValue(c)}` });
    }
  }
  return lines;
}

/**
 * The instance properties the d.ts declares (payload, Name, Value, challengeName) and the
 * undocumented ones issue #15 lists (user and pool), at every step where the reference's
 * instance has them: the same own property (enumerable, writable data, the same kind of value).
 */
export function checkNamedProperties(ref, cand, req) {
  const lines = [];
  for (const { where, ref: r, cand: c, candStep } of pairs(ref, cand)) {
    const names = r.class && req.properties[r.class];
    if (!names || !r.own) continue;
    for (const name of names) {
      if (!(name in r.own)) continue;
      const want = propertyModel(r.own[name]);
      const got = propertyModel(c?.own?.[name]);
      if (!same(want, got)) lines.push({ where, what: `.${name}: JS SDK ${fmtValue(r.own[name])}, ours ${c ? fmtValue(c.own?.[name]) : `not recorded${why(candStep)}`}` });
    }
  }
  return lines;
}

/** The own enumerable keys of every instance at every step, and what each holds. */
export function checkInstances(ref, cand) {
  const lines = [];
  for (const { where, ref: r, cand: c, candStep } of pairs(ref, cand)) {
    if (!c) {
      lines.push({ where, what: `not recorded on ours${why(candStep)}` });
      continue;
    }
    if (r.threw || c.threw) {
      if (r.threw !== c.threw) lines.push({ where, what: `JS SDK ${r.threw ? `throws ${r.threw}` : 'constructs'}, ours ${c.threw ? `throws ${c.threw}` : 'constructs'}` });
      continue;
    }
    if (r.class !== c.class) lines.push({ where, what: `JS SDK ${r.class}, ours ${c.class}` });
    const rKeys = new Set(r.keys);
    const cKeys = new Set(c.keys);
    const lacks = r.keys.filter((k) => !cKeys.has(k));
    const extra = c.keys.filter((k) => !rKeys.has(k));
    if (lacks.length) lines.push({ where, what: `ours lacks enumerable ${lacks.join(', ')}` });
    if (extra.length) lines.push({ where, what: `ours has extra enumerable ${extra.join(', ')}` });
    for (const k of r.keys) {
      if (!cKeys.has(k)) continue;
      if (!same(propertyModel(r.own[k]), propertyModel(c.own[k]))) lines.push({ where, what: `.${k}: JS SDK ${fmtValue(r.own[k])}, ours ${fmtValue(c.own[k])}` });
    }
  }
  return lines;
}

/** Differences between two shapes, path by path: [what]. */
function shapeDiff(a, b, path, out) {
  const isObj = (x) => x && typeof x === 'object' && !('[]' in x);
  if (isObj(a) && isObj(b)) {
    for (const k of Object.keys(a)) {
      if (!(k in b)) out.push(`${path}.${k}: ours lacks it (JS SDK ${short(a[k])})`);
      else shapeDiff(a[k], b[k], `${path}.${k}`, out);
    }
    for (const k of Object.keys(b)) if (!(k in a)) out.push(`${path}.${k}: ours has extra (${short(b[k])})`);
    return;
  }
  if (!same(a, b)) out.push(`${path}: JS SDK ${short(a)}, ours ${short(b)}`);
}

/** What JSON.stringify and structuredClone give for every recorded instance: the same shape (keys, kinds of values). */
export function checkSerialisation(ref, cand) {
  const lines = [];
  for (const { where, ref: r, cand: c } of pairs(ref, cand)) {
    if (!c || r.threw || c.threw) continue; // reported by checkInstances
    for (const [how, label] of [['json', 'JSON.stringify'], ['clone', 'structuredClone']]) {
      const a = r[how];
      const b = c[how];
      if (!a) continue;
      const whats = [];
      if (!b) whats.push(`${label}: not recorded on ours`);
      else if (a.ok !== b.ok) whats.push(`${label}: JS SDK ${a.ok ? 'works' : `throws ${a.error}`}, ours ${b.ok ? 'works' : `throws ${b.error}`}`);
      else if (!a.ok && a.error !== b.error) whats.push(`${label}: JS SDK throws ${a.error}, ours throws ${b.error}`);
      else if (a.ok) shapeDiff(a.shape, b.shape, label, whats);
      // A top-level key the enumerable keys already lack (or add) is reported by checkInstances.
      const keyDiff = new Set([...r.keys.filter((k) => !c.keys.includes(k)), ...c.keys.filter((k) => !r.keys.includes(k))]);
      const explained = (what) => {
        const m = what.slice(label.length).match(/^\.([^.:]+): ours (lacks it|has extra)/);
        return m && keyDiff.has(m[1]);
      };
      for (const what of whats) if (!explained(what)) lines.push({ where, what });
    }
  }
  return lines;
}

/** Every step that went through on the reference goes through on the candidate. */
export function checkSteps(ref, cand) {
  const lines = [];
  for (const [step, r] of Object.entries(ref.steps)) {
    const c = cand.steps[step];
    if (!c) lines.push({ where: `[${step}]`, what: 'not run on ours' });
    for (const [what, err] of Object.entries(c?.errors || {})) {
      if (!(what in r.errors)) lines.push({ where: `[${step}]`, what: `${what === 'step' ? 'the step' : what} fails on ours: ${err}` });
    }
  }
  return lines;
}

/** Every check, by name. */
export function allChecks(ref, cand, req) {
  return {
    exports: checkExports(ref, cand),
    members: checkMembers(ref, cand, req),
    namedProperties: checkNamedProperties(ref, cand, req),
    instances: checkInstances(ref, cand),
    serialisation: checkSerialisation(ref, cand),
    steps: checkSteps(ref, cand),
  };
}

/**
 * A readable report of the differences `lines` under `title`: one line per difference,
 * with every place it was seen (the same missing property shows at many steps).
 */
export function report(title, lines) {
  if (!lines.length) return `${title}: none`;
  // One line per difference at a step, naming every step it was seen at; members one a line.
  const places = new Map();
  for (const { where, what } of lines) {
    const key = where.startsWith('[') ? what : `${where}\0${what}`;
    places.set(key, { what, wheres: [...(places.get(key)?.wheres || []), where] });
  }
  const out = [...places.values()].map(({ what, wheres }) => {
    const brief = wheres.length > 4;
    const at = brief ? `${wheres.slice(0, 3).join('; ')}; and ${wheres.length - 3} more` : wheres.join('; ');
    return `${at}: ${what}`;
  });
  return `${title} (${places.size}):\n  ${out.join('\n  ')}`;
}
