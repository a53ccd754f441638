// Staff single sign-on in a real headless Chromium (Debian's /usr/bin/chromium) through Keycloak's own login page,
// against a running distribution whose staff provider is the build's Keycloak (OidcIT configures it):
//   1. carla.consulent (group consultant@GM0363 in the ID token) signs in: the back-office works with that role;
//      signing out ends the session here and, through Keycloak's end-session page, at Keycloak.
//   2. gerrit.geen (no groups) gets consultant in GM0363 as a grant; signed in, the grant works; revoked through the
//      API, it ends access at the next request of the live session.
// Every step waits for a state (a URL, an element), never for time; timeouts are upper bounds only.
//   MK_BASE_URL=http://127.0.0.1:8181 MK_ADMIN=beheerder-amsterdam:demo node oidc.e2e.mjs
import { chromium } from 'playwright-core';

const BASE = process.env.MK_BASE_URL ?? 'http://127.0.0.1:8181';
const CHROMIUM = process.env.MK_CHROMIUM ?? '/usr/bin/chromium';
const ADMIN = process.env.MK_ADMIN ?? 'beheerder-amsterdam:demo';
const PASSWORD = 'Wachtwoord-1';

let step = '';
function log(msg) { console.log(`[e2e] ${msg}`); }
function expect(cond, msg) { if (!cond) throw new Error(`${step}: ${msg}`); }

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});

/** An API call from the page (same origin: the session cookie goes along). */
async function call(page, method, path, csrf) {
  return page.evaluate(async ([m, p, t]) => {
    const r = await fetch(`/api/v1${p}`, { method: m, headers: t ? { 'X-CSRF-Token': t } : {} });
    const text = await r.text();
    return { status: r.status, body: text };
  }, [method, path, csrf]);
}

/** A grant through the API as the municipal administrator (HTTP Basic, as a script would). */
async function grant(user, roles) {
  const r = await fetch(`${BASE}/api/v1/gemeenten/GM0363/gebruikers/${user}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', Authorization: `Basic ${Buffer.from(ADMIN).toString('base64')}` },
    body: JSON.stringify({ rollen: roles }),
  });
  expect(r.status === 200, `grant ${JSON.stringify(roles)} to ${user}: HTTP ${r.status} ${await r.text()}`);
}

/** Signs in through Keycloak's login page; returns the signed-in page on the back-office. */
async function signIn(user) {
  const context = await browser.newContext({ locale: 'nl-NL' });
  const page = await context.newPage();
  page.setDefaultTimeout(30000);
  step = `${user}: to Keycloak`;
  await page.goto(`${BASE}/api/v1/sessies/oidc?terugNaar=/backoffice`);
  await page.waitForSelector('#username');
  expect(page.url().includes('/realms/mantelkring/'), `not on Keycloak's login page: ${page.url()}`);
  step = `${user}: login page`;
  await page.fill('#username', user);
  await page.fill('#password', PASSWORD);
  await Promise.all([page.waitForURL(url => url.toString().startsWith(`${BASE}/backoffice`)), page.click('#kc-login')]);
  step = `${user}: signed in`;
  const cookies = await context.cookies(); // all of them: the session cookie's path is /api/v1
  expect(cookies.some(c => c.name === 'mk_sessie' && c.httpOnly), 'no HttpOnly session cookie');
  expect(!cookies.some(c => c.name === 'mk_aanmelding' && c.value), 'the sign-in binding cookie was not cleared');
  const storage = await page.evaluate(() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }));
  expect(!storage.includes(PASSWORD), 'a credential in browser storage');
  const me = await call(page, 'GET', '/sessies/huidige');
  expect(me.status === 200, `who am I: HTTP ${me.status} ${me.body}`);
  const session = JSON.parse(me.body);
  expect(session.gebruikersnaam === user, `signed in as ${session.gebruikersnaam}`);
  log(`${user} signed in through Keycloak with roles ${JSON.stringify(session.rollen)}`);
  return { context, page, session };
}

try {
  // 1. the role from the group claim; sign-out here and at Keycloak
  let { context, page, session } = await signIn('carla.consulent');
  step = 'carla: role from the group claim';
  expect((session.rollen ?? []).includes('consultant@GM0363'), `roles ${JSON.stringify(session.rollen)}`);
  let parts = await call(page, 'GET', '/gemeenten/GM0363/backoffice-onderdelen');
  expect(parts.status === 200, `back-office parts: HTTP ${parts.status}`);
  expect((await call(page, 'GET', '/gemeenten/GM0344/backoffice-onderdelen')).status === 404, 'another tenant answered');
  step = 'carla: sign out';
  const out = await call(page, 'DELETE', '/sessies/huidige', session.csrfToken);
  expect(out.status === 200, `sign out: HTTP ${out.status} ${out.body}`);
  const endSession = JSON.parse(out.body).afmeldUrl;
  expect(endSession && endSession.includes('/realms/mantelkring/protocol/openid-connect/logout')
    && endSession.includes('client_id=mantelkring-backoffice'), `end-session URL ${endSession}`);
  expect((await call(page, 'GET', '/sessies/huidige')).status === 401, 'the local session lives on');
  await page.goto(endSession);
  // Keycloak asks to confirm when the request carries no id_token_hint (Mantelkring keeps no token)
  const confirm = await page.waitForSelector('#kc-logout, input[name="confirmLogout"]');
  await Promise.all([page.waitForURL(url => url.toString().startsWith(BASE)), confirm.click()]);
  step = 'carla: signed out at Keycloak';
  await page.goto(`${BASE}/api/v1/sessies/oidc`);
  await page.waitForSelector('#username'); // Keycloak asks for the password again: its session ended too
  log('carla signed out locally and at Keycloak');
  await context.close();

  // 2. a grant revoked through the API ends access at the next request
  await grant('gerrit.geen', ['consultant']);
  ({ context, page, session } = await signIn('gerrit.geen'));
  step = 'gerrit: granted role';
  parts = await call(page, 'GET', '/gemeenten/GM0363/backoffice-onderdelen');
  expect(parts.status === 200, `with the grant: HTTP ${parts.status}`);
  await grant('gerrit.geen', []);
  step = 'gerrit: grant revoked';
  parts = await call(page, 'GET', '/gemeenten/GM0363/backoffice-onderdelen');
  expect(parts.status === 404, `after revoking: HTTP ${parts.status}`);
  expect((await call(page, 'GET', '/sessies/huidige')).status === 200, 'the session itself should live on');
  log('the revoked grant ended access at the next request');
  await context.close();
  console.log('[e2e] PASSED');
} catch (e) {
  console.log(`[e2e] FAILED ${e.message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
