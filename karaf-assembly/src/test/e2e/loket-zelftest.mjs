// Loket scenario of the registration module, run by loket.e2e.mjs (phone viewport, axe-core, keyboard):
// 1. anonymous self-check with the keyboard only -> outcome page with advice (and matching respite when the
//    respite guide is listed), nothing about the person stored;
// 2. "save this check" after signing in with DigiD, as a registered caregiver (BSN 999993653; the consultant
//    registers the citizen first unless another scenario already did);
// 3. "Mijn gegevens": the registration, a consent withdrawn, the download, and the erasure confirmation step.
// Every step waits for a state the page shows (ctx.waitRoute, a heading, a message), never for time.

const STAFF = `Basic ${Buffer.from('consulent-amsterdam:demo').toString('base64')}`;
const ADMIN = `Basic ${Buffer.from('beheerder-amsterdam:demo').toString('base64')}`;
const BSN = '999993653';

async function staff(base, auth, method, path, body) {
  const r = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { Authorization: auth, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, data: text ? JSON.parse(text) : null };
}

/** The consultant registers the test citizen (BSN recorded as the policy allows), unless already registered. */
async function registerCitizen(base, tenant) {
  const policy = await staff(base, ADMIN, 'PUT', `/gemeenten/${tenant}/beleid/registratie.bsn`,
    { waarde: { mantelzorger: 'optioneel', zorgvrager: 'optioneel' }, reden: 'e2e loket' });
  if (policy.status !== 200) throw new Error(`policy registratie.bsn: ${policy.status}`);
  const found = await staff(base, STAFF, 'POST', `/gemeenten/${tenant}/mantelzorgers/zoekopdrachten`, { bsn: BSN });
  if (found.data?.resultaten?.length) return found.data.resultaten[0].id;
  const r = await staff(base, STAFF, 'POST', `/gemeenten/${tenant}/mantelzorgers`, {
    naam: { voornaam: 'Sanne', achternaam: 'Substantieel' }, geboortedatum: '1968-04-12',
    adres: { straat: 'Dam', huisnummer: 1, postcode: '1012 JS', woonplaats: 'Amsterdam' },
    email: 'sanne@example.nl', voorkeurskanaal: 'e-mail', bsn: BSN,
    toestemmingen: [{ doel: 'waardering', gegeven: true, bron: 'schriftelijk' }],
  });
  if (r.status !== 201) throw new Error(`register test citizen: ${r.status} ${JSON.stringify(r.data)}`);
  return r.data.id;
}

export async function run(ctx) {
  const { page, base, tenant, axe, waitRoute, signInCitizen, log } = ctx;
  const expect = (cond, msg) => { if (!cond) throw new Error(`loket-zelftest: ${msg}`); };

  // 1. the self-check, keyboard only
  await page.goto(`${base}/loket/${tenant}#/zelftest`);
  await waitRoute(page, '#/zelftest');
  await page.waitForSelector('main h1:has-text("Hoe zwaar is uw zorg?")');
  await axe(page, 'zelftest-vragen');
  // submitting with nothing chosen names every question, next to it
  await page.focus('main form button[type=submit]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('main .mk-problem');
  expect(await page.locator('main .mk-field-error').count() === 8, 'every unanswered question is named');
  await axe(page, 'zelftest-onvolledig');
  // per question: Tab to its radio group, arrow keys choose; "vaak" (third option) for burden, "nee" for capacity
  const groups = await page.locator('main form fieldset').count();
  for (let i = 0; i < groups; i++) {
    const first = page.locator('main form fieldset').nth(i).locator('input[type=radio]').first();
    await first.focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
  }
  await page.fill('main input[name=postcode]', '1012');
  await page.focus('main form button[type=submit]');
  await page.keyboard.press('Enter');
  await waitRoute(page, '#/zelftest/uitslag');
  await page.waitForSelector('main h1:has-text("Uitslag")');
  expect(await page.locator('main .utrecht-alert').first().innerText().then(t => t.includes('Rood')), 'outcome rood');
  expect(await page.locator('main h2:has-text("Wat kunt u nu doen?")').count() === 1, 'advice shown');
  const guide = page.locator('main a[href^="#/respijtwijzer/zoeken?"]');
  if (await guide.count()) {
    const href = await guide.getAttribute('href');
    expect(href.includes('postcode=1012') && href.includes('soort=logeerzorg'), `respite link ${href}`);
    await page.waitForSelector('main #aanbod ul, main #aanbod p');
    log('self-check outcome lists matching respite');
  }
  await axe(page, 'zelftest-uitslag');
  // the answers are only in this tab's sessionStorage; no cookie was set
  expect((await page.context().cookies()).every(c => c.name !== 'mk_burger'), 'no citizen cookie before sign-in');

  // 2. save it after signing in with DigiD
  const caregiverId = await registerCitizen(base, tenant);
  await page.click('main a:has-text("Uitslag bewaren in Mijn gegevens")');
  await waitRoute(page, '#/zelftest/bewaren');
  await axe(page, 'zelftest-bewaren-inloggen');
  await signInCitizen(page, 'burger.substantieel', '#/zelftest/bewaren');   // back here after DigiD
  await waitRoute(page, '#/zelftest/bewaren');
  await page.waitForSelector('main h1:has-text("Uitslag bewaard")');
  await axe(page, 'zelftest-bewaard');
  const checks = await staff(base, STAFF, 'GET', `/gemeenten/${tenant}/mantelzorgers/${caregiverId}/belastingschecks`);
  expect(checks.data.resultaten.some(c => c.uitkomst === 'rood'), 'the consultant sees the saved check');

  // 3. Mijn gegevens
  await page.click('main a:has-text("Naar Mijn gegevens")');
  await waitRoute(page, '#/mijn-gegevens');
  await page.waitForSelector('main h2:has-text("Uw toestemmingen")');
  // the citizen may have been registered before (e.g. by applying in another scenario): the name the consultant sees
  const own = await staff(base, STAFF, 'GET', `/gemeenten/${tenant}/mantelzorgers/${caregiverId}`);
  const name = own.data.naam.volledigeNaam;
  expect(await page.locator('main').innerText().then(t => t.includes(name)), `own name shown (${name})`);
  await axe(page, 'mijn-gegevens');
  const withdraw = page.locator('main form.mk-consent[data-doel=waardering] button');
  if ((await withdraw.innerText()).startsWith('Toestemming intrekken')) {
    await withdraw.click();
    await page.waitForSelector('main #melding-gegevens .utrecht-alert');
  }
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('main #downloaden')]);
  expect(download.suggestedFilename() === `mijn-gegevens-${tenant}.json`, 'download name');
  // erasure: a confirmation step; without the tick nothing is sent
  await page.click('main a:has-text("Vraag de gemeente om al uw gegevens te wissen")');
  await waitRoute(page, '#/mijn-gegevens/wissen');
  await page.click('main form#wissen button[type=submit]');
  await page.waitForSelector('main .mk-problem');
  await axe(page, 'mijn-gegevens-wissen');
  log('loket-zelftest: self-check, save after DigiD, Mijn gegevens done');
}
