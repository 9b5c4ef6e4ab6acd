// SRP's TIMESTAMP text in headless Chromium: the core picks the instant and the page's JS
// writes it (`time` in src/facade/core.js). `DateHelper.getNowString()` goes the same way,
// so in the page it must read as the JS SDK's DateHelper writes `new Date()` (its
// algorithm, copied below), both entries (script tag and ES module). The text of any
// instant is compared with the JS SDK's by tests/srp_kat.rs (Node); this checks the
// browser's Date gives the same.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowserPages } from '../support/e2e-hooks.mjs';

const { newPage } = useBrowserPages();

/** In the page: ours and the JS SDK's DateHelper algorithm (lib/DateHelper.js) on the
 * same second, retried when the second turned between the two. */
function bothNow() {
  const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const weekNames = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const sdk = () => {
    const now = new Date();
    const pad = (n) => (n < 10 ? `0${n}` : n);
    return `${weekNames[now.getUTCDay()]} ${monthNames[now.getUTCMonth()]} ${now.getUTCDate()} ${pad(now.getUTCHours())}:${pad(now.getUTCMinutes())}:${pad(now.getUTCSeconds())} UTC ${now.getUTCFullYear()}`;
  };
  for (;;) {
    const before = Math.floor(Date.now() / 1000);
    const ours = new AC.DateHelper().getNowString();
    const theirs = sdk();
    if (Math.floor(Date.now() / 1000) === before) return { ours, theirs };
  }
}

for (const flavour of ['script', 'module']) {
  describe(`DateHelper in the page, library loaded by ${flavour === 'script' ? 'script tag' : 'ES module'}`, () => {
    let page;
    before(async () => {
      page = await newPage({ page: flavour });
    });
    after(async () => {
      await page?.context().close();
    });

    it("getNowString() is the JS SDK's text for the same second", async () => {
      const { ours, theirs } = await page.evaluate(bothNow);
      assert.match(ours, /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) [A-Z][a-z]{2} [1-9]\d? \d\d:\d\d:\d\d UTC \d{4}$/);
      assert.equal(ours, theirs);
    });
  });
}
