// End-to-end test of the loket, the municipality's public front door, in a real headless Chromium (Debian's
// /usr/bin/chromium) on a phone-sized viewport (360 x 740), against a running distribution and the build's Keycloak
// as the DigiD broker. Every page state gets an axe-core check (WCAG 2.1 A/AA): a violation of ANY impact fails.
// The shell's own checks run here (start page, keyboard, 200 % zoom, no horizontal scrolling, no third-party
// requests); each part adds its scenario in a file loket-<part>.mjs exporting `async function run(ctx)`.
//   MK_BASE_URL=http://127.0.0.1:18181 MK_TENANT=GM0363 node loket.e2e.mjs
// Every step waits for a state the page shows, never for time: after a navigation for <main> to name the route in
// data-route and no longer be busy. Timeouts are only upper bounds.
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const BASE = process.env.MK_BASE_URL ?? 'http://127.0.0.1:8181';
const TENANT = process.env.MK_TENANT ?? 'GM0363';
const SHOTS = process.env.MK_SCREENSHOTS ?? 'target/screenshots';
const CHROMIUM = process.env.MK_CHROMIUM ?? '/usr/bin/chromium';
const ONLY = process.env.MK_LOKET_ONLY ?? ''; // run only the scenarios whose file name contains this
mkdirSync(SHOTS, { recursive: true });

const failures = [];
let step = '';
function log(msg) { console.log(`[loket] ${msg}`); }
function expect(cond, msg) { if (!cond) throw new Error(`${step}: ${msg}`); }

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'nl-NL',
  acceptDownloads: true };

const pageErrors = [];
const foreign = [];
async function newPage(options = PHONE) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.setDefaultTimeout(20000);
  page.on('pageerror', e => pageErrors.push(e.message));
  page.on('console', m => { if (m.type() === 'error' && !/status of (400|401|403|404|409|422|429)/.test(m.text())) pageErrors.push(m.text()); });
  // no third-party resources: every request the loket makes goes to this server (the broker only when signing in)
  page.on('request', r => {
    const u = new URL(r.url());
    const own = new URL(BASE).origin;
    // the pages of the broker (DigiD) load their own files; what counts is what the loket's pages load
    let doc = null;
    try { doc = r.isNavigationRequest() ? null : r.frame().url(); } catch { doc = null; }
    if (!doc || new URL(doc).origin !== own) return;
    if (u.origin !== own && !u.protocol.startsWith('data') && !u.protocol.startsWith('blob')) foreign.push(`${r.url()} (from ${doc})`);
  });
  return page;
}

/** axe-core on the current page (WCAG 2.1 A and AA): a violation of any impact fails; a screenshot. */
async function axe(page, name) {
  await page.waitForSelector('main h1');
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  if (result.violations.length) {
    failures.push(`${name}: accessibility ${result.violations.map(v => `${v.impact} ${v.id}: ${v.help} -> ${v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')}`).join('; ')}`);
  }
  // at 360 px nothing scrolls sideways (WCAG 1.4.10 reflow)
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  if (overflow > 1) failures.push(`${name}: the page scrolls sideways by ${overflow}px`);
  await page.screenshot({ path: join(SHOTS, `loket-${name}.png`), fullPage: true });
  log(`checked ${name}: ${result.violations.length} violations`);
}

/** Waits until the loket shows the route in the address completely (data-route set, not busy). */
async function settled(page) {
  await page.waitForFunction(() => {
    const main = document.querySelector('main');
    return main && main.dataset.route === location.hash && main.getAttribute('aria-busy') !== 'true';
  });
}

async function waitRoute(page, route) {
  await page.waitForFunction(r => location.hash === r, route);
  await settled(page);
}

/** Opens the loket at a route (e.g. '#/zelftest') and waits until it is shown. */
async function open(page, route = '#/') {
  await page.goto(`${BASE}/loket/${TENANT}${route}`);
  await settled(page);
  await page.waitForSelector('main h1');
}

/**
 * Signs a test citizen in with DigiD at the broker's own login page and comes back to the loket at returnRoute,
 * signed in. Uses the shell's sign-in (the same as the 'Inloggen met DigiD' button).
 */
async function signInCitizen(page, user, returnRoute = '#/') {
  await open(page, returnRoute);
  await page.evaluate(r => sessionStorage.setItem('mantelkring.loket.terug', r), returnRoute);
  await page.goto(`${BASE}/api/v1/burgers/sessies/oidc?terugkeer=${encodeURIComponent(`/loket/${TENANT}`)}`);
  await page.waitForSelector('#kc-form-login');
  await page.fill('#username', user);
  await page.fill('#password', 'Wachtwoord-1');
  await page.click('#kc-login');
  await page.waitForURL(u => u.pathname === `/loket/${TENANT}`);
  await page.waitForSelector('#burger:not([hidden])');
  await waitRoute(page, returnRoute);
}

async function signOutCitizen(page) {
  if (await page.locator('#uitloggen').isVisible()) {
    await page.click('#uitloggen');
    await page.waitForSelector('#burger[hidden]', { state: 'attached' });
    await settled(page);
  }
}

async function run(name, fn) {
  step = name;
  try {
    await fn();
    log(`ok: ${name}`);
  } catch (e) {
    failures.push(`${name}: ${e.message.split('\n')[0]}`);
    log(`FAILED: ${name}: ${e.stack}`);
  }
}

const loket = await (await fetch(`${BASE}/api/v1/gemeenten/${TENANT}/loket-onderdelen`)).json();
const parts = loket.onderdelen.map(p => p.id);
log(`parts of ${TENANT}: ${parts.join(', ')}`);

if (!ONLY) {
  await run('startpagina op een telefoon', async () => {
    const page = await newPage();
    await open(page);
    expect((await page.textContent('main h1')).includes(`Mantelzorgloket ${loket.gemeente.naam}`), 'the municipality names its loket');
    const tiles = await page.locator('.lk-tiles h2 a').allTextContents();
    expect(tiles.length === loket.onderdelen.length, `a tile per part: ${tiles}`);
    await axe(page, 'start');
    // an address of the loket that does not exist
    await open(page, '#/bestaat-niet');
    expect((await page.textContent('main h1')).includes('bestaat niet'), 'an unknown page says so');
    await axe(page, 'onbekend');
    await page.context().close();
  });

  await run('toetsenbord: overslaan naar de inhoud en een onderdeel openen', async () => {
    const page = await newPage();
    await open(page);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement.id) === 'skip', 'the first Tab reaches the skip link');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement.id) === 'inhoud', 'the skip link moves focus to the content');
    if (parts.length) {
      // Tab from the content to the first tile's link, and open it with Enter
      let guard = 0;
      while (guard++ < 10 && !(await page.evaluate(() => document.activeElement.closest('.lk-tiles') !== null))) {
        await page.keyboard.press('Tab');
      }
      const href = await page.evaluate(() => document.activeElement.getAttribute('href'));
      expect(href && href.startsWith('#/'), `Tab reaches a tile's link (${href})`);
      await page.keyboard.press('Enter');
      await waitRoute(page, href);
      expect(await page.evaluate(() => document.activeElement.tagName) === 'H1', 'the new page\'s heading has the focus');
    }
    await page.context().close();
  });

  await run('200 % zoom', async () => {
    // 200 % of a 1280 px wide window: 640 CSS pixels
    const page = await newPage({ ...PHONE, viewport: { width: 640, height: 430 }, isMobile: false, hasTouch: false });
    await open(page);
    await axe(page, 'start-zoom-200');
    await page.context().close();
  });

  const needsSignIn = loket.onderdelen.find(p => p.aanmeldenNodig);
  if (needsSignIn) {
    await run('een onderdeel met DigiD vraagt eerst om in te loggen', async () => {
      const page = await newPage();
      await open(page, `#/${needsSignIn.id}`);
      await page.waitForSelector('#inloggen');
      await axe(page, 'inloggen-nodig');
      await signInCitizen(page, 'burger.substantieel', `#/${needsSignIn.id}`);
      expect(!(await page.locator('#inloggen').count()), 'signed in, the part shows itself');
      const stored = await page.evaluate(() => [sessionStorage, localStorage].flatMap(s => Object.keys(s).map(k => `${k}=${s.getItem(k)}`)).join(' '));
      expect(!/csrf|999993653|mk_burger/i.test(stored), `nothing of the session in browser storage: ${stored}`);
      expect(!(await page.evaluate(() => document.cookie)).includes('mk_burger'), 'scripts cannot read the citizen cookie');
      await signOutCitizen(page);
      await waitRoute(page, '#/');
      await page.context().close();
    });
  }
}

const scenarios = readdirSync('.').filter(f => /^loket-.+\.mjs$/.test(f) && f.includes(ONLY)).sort();
for (const file of scenarios) {
  const scenario = await import(`./${file}`);
  await run(file, async () => {
    const page = await newPage();
    await scenario.run({ page, newPage, base: BASE, tenant: TENANT, loket, axe, settled, waitRoute, open, signInCitizen,
      signOutCitizen, expect, log, step: s => { step = `${file}: ${s}`; } });
    await page.context().close();
  });
}

await browser.close();
if (foreign.length) failures.push(`requests to other servers: ${[...new Set(foreign)].join(', ')}`);
if (pageErrors.length) failures.push(`errors in the page: ${[...new Set(pageErrors)].join(' | ')}`);
if (failures.length) {
  log(`FAILED (${failures.length}):\n${failures.map(f => ` - ${f}`).join('\n')}`);
  process.exit(1);
}
log('PASSED');
