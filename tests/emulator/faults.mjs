// Injected transport/service failures for the next n matching requests.
// Only "delay" and "truncated" run the real operation (a slow answer, or an
// answer cut off after the server acted); every other kind answers instead
// of the operation, so no state changes.
export const FAULT_KINDS = ['status500', 'throttle', 'html502', 'truncated', 'empty', 'drop', 'delay'];

/** Validate and queue a fault from a /_test/faults body; returns the stored fault. */
export function addFault(store, body) {
  const { operation = '*', kind, times = 1, ms = 1000 } = body ?? {};
  if (typeof operation !== 'string' || !operation) throw new Error('operation must be an operation name or "*"');
  if (!FAULT_KINDS.includes(kind)) throw new Error(`kind must be one of ${FAULT_KINDS.join(', ')}`);
  if (!Number.isInteger(times) || times < 1) throw new Error('times must be a positive integer');
  if (!Number.isFinite(ms) || ms < 0) throw new Error('ms must be a non-negative number');
  const fault = { operation, kind, remaining: times, ms };
  store.faults.push(fault);
  return fault;
}

/** Consume one use of the first fault matching `operation`, if any. */
export function takeFault(store, operation) {
  const i = store.faults.findIndex((f) => f.operation === '*' || f.operation === operation);
  if (i < 0) return null;
  const fault = store.faults[i];
  if (--fault.remaining === 0) store.faults.splice(i, 1);
  return fault;
}

const JSON_TYPE = 'application/x-amz-json-1.1';

/**
 * Answer for a fault that replaces the operation. Returns true when the
 * response was handled; false for kinds that need the real result first.
 */
export function answerFault(fault, res, send) {
  switch (fault.kind) {
    case 'status500':
      send(500, JSON_TYPE, JSON.stringify({ __type: 'InternalErrorException', message: 'Internal server error.' }), {
        'x-amzn-ErrorType': 'InternalErrorException:',
      });
      return true;
    case 'throttle':
      send(400, JSON_TYPE, JSON.stringify({ __type: 'TooManyRequestsException', message: 'Rate exceeded' }), {
        'x-amzn-ErrorType': 'TooManyRequestsException:',
      });
      return true;
    case 'html502':
      send(502, 'text/html', '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n');
      return true;
    case 'empty':
      send(200, JSON_TYPE, '');
      return true;
    case 'drop':
      res.socket?.destroy();
      return true;
    default:
      return false;
  }
}

/** Cut a real JSON answer so it can never parse (at least one byte is removed). */
export function truncate(text) {
  const cut = Math.max(1, Math.floor(text.length / 2));
  return text.slice(0, Math.min(cut, text.length - 1));
}
