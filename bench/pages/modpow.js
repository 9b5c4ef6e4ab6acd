// The same SRP math in plain JS on V8's native BigInt: the "stretch" baseline.
// Fixed 5-bit window square-and-multiply; every product reduced with BigInt `%`.
(function () {
  'use strict';
  var F = window.__fixture;
  var N = BigInt('0x' + F.N);
  var G = 2n;
  var K = BigInt('0x' + F.k);
  var pause = function (ms) { return new Promise(function (r) { setTimeout(r, ms); }); };

  function modPow(base, exp, mod) {
    var W = 5;
    base %= mod;
    var table = [1n, base];
    for (var i = 2; i < 32; i++) table.push((table[i - 1] * base) % mod);
    var bits = exp.toString(2);
    bits = '0'.repeat((W - (bits.length % W)) % W) + bits;
    var r = 1n;
    for (var p = 0; p < bits.length; p += W) {
      if (p) for (var s = 0; s < W; s++) r = (r * r) % mod;
      var d = parseInt(bits.slice(p, p + W), 2);
      if (d) r = (r * table[d]) % mod;
    }
    return r;
  }

  function randomBig(bits, topBit) {
    var bytes = new Uint8Array(Math.ceil(bits / 8));
    crypto.getRandomValues(bytes);
    var hex = '';
    for (var i = 0; i < bytes.length; i++) hex += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
    var n = BigInt('0x' + hex) & ((1n << BigInt(bits)) - 1n);
    return topBit ? n | (1n << BigInt(bits - 1)) : n;
  }

  var B = BigInt('0x' + F.srpB);

  // The whole SRP math of one sign-in for a secret exponent a of `aBits` bits:
  // A = g^a, g^x (256-bit x), S = (B − k·g^x)^(a + u·x).
  function wholeSrp(aBits) {
    var a = randomBig(aBits);
    var A = modPow(G, a, N);
    var x = randomBig(256), u = randomBig(256);
    var gx = modPow(G, x, N);
    var base = ((B - K * gx) % N + N) % N;
    var S = modPow(base, a + u * x, N);
    return A + S;
  }

  // One of each kind of exponentiation a sign-in needs, plus the whole set, with
  // ours' 512-bit a (SMALL_A_BYTES in src/srp/client.rs) and the JS SDK's 1024-bit a.
  var cases = {
    'g^a (512-bit a)': function () { return modPow(G, randomBig(512), N); },
    'g^a (1024-bit a)': function () { return modPow(G, randomBig(1024), N); },
    'g^x (256-bit x)': function () { return modPow(G, randomBig(256), N); },
    'base^e (513-bit e = a+u·x)': function () { return modPow(randomBig(3071), randomBig(513, true), N); },
    'base^e (1025-bit e = a+u·x)': function () { return modPow(randomBig(3071), randomBig(1025, true), N); },
    'whole SRP, 512-bit a': function () { return wholeSrp(512); },
    'whole SRP, 1024-bit a': function () { return wholeSrp(1024); },
  };

  async function run(warmup, runs) {
    // Self-check against a known small answer and Fermat-ish identity: (g^x)^2 = g^(2x).
    if (modPow(3n, 200n, 1000003n) !== 3n ** 200n % 1000003n) throw new Error('modPow is wrong');
    var out = {};
    for (var name in cases) {
      var f = cases[name];
      for (var i = 0; i < warmup; i++) f();
      var times = [];
      for (var j = 0; j < runs; j++) {
        var t0 = performance.now();
        f();
        times.push(performance.now() - t0);
        await pause(2);
      }
      out[name] = times;
    }
    return out;
  }

  window.__modpow = { run: run, modPow: modPow };
  window.__ready = true;
})();
