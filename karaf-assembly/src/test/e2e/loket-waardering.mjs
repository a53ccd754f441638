// Browser scenario of the loket's appreciation parts (run by loket.e2e.mjs, phone viewport): the year explained
// without signing in; "Aanvragen met DigiD" → DigiD at the build's Keycloak → the form, filled with the keyboard →
// the outcome with a reason per rule on screen; the consultant decides through the API; the citizen sees the
// decision; next year (rules for year + 1, the year in the route) the renewal is prefilled and sent in one step.
// Every step waits for a state the page shows (the shell's data-route, an element), never for time.

const STAFF_PASSWORD = process.env.MK_STAFF_PASSWORD ?? 'demo';

/** A call to the API as a staff member (HTTP Basic, as a script would). */
async function staff(base, user, method, path, body) {
  const r = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { Accept: 'application/json', Authorization: `Basic ${Buffer.from(`${user}:${STAFF_PASSWORD}`).toString('base64')}`,
      ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await r.text();
  if (r.status >= 300) throw new Error(`${method} ${path} as ${user}: HTTP ${r.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

function today() {
  return new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });
}

export async function run(ctx) {
  const { page, base, tenant, axe, waitRoute, open, signInCitizen, log } = ctx;
  const year = Number(today().slice(0, 4));
  const admin = tenant === 'GM0363' ? 'beheerder-amsterdam' : 'beheerder-utrecht';
  const consultant = tenant === 'GM0363' ? 'consulent-amsterdam' : 'consulent-utrecht';
  const expect = (cond, msg) => { if (!cond) throw new Error(`loket-waardering: ${msg}`); };
  const T = `/gemeenten/${tenant}`;

  for (const module of ['registration', 'appreciation']) {
    await staff(base, admin, 'PUT', `${T}/modules/${module}`, { ingeschakeld: true, reden: 'e2e loket' });
  }
  await staff(base, admin, 'PUT', `${T}/beleid/waardering.regels`, { jaar: year, reden: 'e2e loket', waarde: {
    aanvraagperiode: { van: `${year}-01-01`, totEnMet: `${year}-12-31` }, aanvragers: ['mantelzorger', 'consulent'],
    uitkering: { soort: 'vast', bedrag: 200 }, automatischToekennen: false,
    voorwaarden: { minimaleUrenPerWeek: 8, minimaleDuurMaanden: 3, woonplaats: 'mantelzorger' } } });

  // 1. without signing in: the year explained, the window open, the button to apply
  log('waardering: explained');
  await open(page, '#/waardering');
  await page.waitForSelector('#voorwaarden li[data-regel="uren"]');
  expect((await page.textContent('#stand')).includes('open'), 'the window is shown as open');
  await axe(page, 'loket-waardering');

  // 2. apply with DigiD: the button leads to the application page, which asks to sign in first
  await page.focus('#aanvragen');
  await page.keyboard.press('Enter');
  await waitRoute(page, '#/waardering-aanvragen');
  await page.waitForSelector('#inloggen');
  await signInCitizen(page, 'burger.substantieel', '#/waardering-aanvragen');
  await page.waitForSelector('form#aanvraag');
  await axe(page, 'loket-waardering-aanvragen-formulier');
  log('waardering: the form, with the keyboard');
  const type = async (name, value) => {
    await page.focus(`[name="${name}"]`);
    await page.keyboard.press('Control+A');
    await page.keyboard.type(value);
  };
  // a mistake first: the problem is shown next to its field, nothing is sent twice
  await type('mantelzorger.naam.voornaam', 'Lotte');
  await type('mantelzorger.naam.achternaam', 'Loket');
  await page.fill('[name="mantelzorger.geboortedatum"]', '1971-06-15');
  await type('mantelzorger.adres.postcode', '1012 LG');
  await type('mantelzorger.adres.huisnummer', '5');
  await type('mantelzorger.adres.straat', 'Damrak');
  await type('mantelzorger.adres.woonplaats', 'Amsterdam');
  await type('mantelzorger.email', 'lotte@example.nl');
  await type('mantelzorger.iban', 'NL91 ABNA 0417 1643 00');
  await type('zorgrelatie.zorgvrager.naam', 'Moeder Loket');
  await page.selectOption('[name="zorgrelatie.relatie"]', 'ouder');
  await page.fill('[name="zorgrelatie.zorgSinds"]', '2022-01-01');
  await type('zorgrelatie.urenPerWeek', '500');
  await page.focus('[name="zorgrelatie.soortenZorg"][value="begeleiding"]');
  await page.keyboard.press('Space');
  await page.focus('[name="toestemming"]');
  await page.keyboard.press('Space');
  await page.focus('form#aanvraag button[type=submit]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-field="zorgrelatie.urenPerWeek"] .mk-field-error');
  await axe(page, 'loket-waardering-aanvragen-fout');
  await type('zorgrelatie.urenPerWeek', '12');
  await page.focus('form#aanvraag button[type=submit]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#uitkomst[data-status="ingediend"]');
  expect((await page.textContent('#uitkomst')).includes('medewerker'), 'the outcome says a consultant decides');
  expect(await page.locator('#regels li[data-voldaan="true"]').count() >= 5, 'a reason per rule is on screen');
  await axe(page, 'loket-waardering-uitkomst');

  // 3. the consultant decides through the API; the application came in through the loket
  log('waardering: the consultant decides');
  const queue = await staff(base, consultant, 'GET', `${T}/waarderingsaanvragen?jaar=${year}&aanvraagkanaal=loket`);
  const mine = queue.resultaten.find(a => a.status === 'ingediend');
  expect(mine && mine.aanvraagkanaal === 'loket', 'the queue shows the loket application');
  await staff(base, consultant, 'POST', `${T}/waarderingsaanvragen/${mine.id}/besluit`,
    { besluit: 'toekennen', reden: 'Voldoet aan alle voorwaarden.' });

  // 4. the citizen sees the decision
  await open(page, `#/waardering-aanvragen/${mine.id}`);
  await page.waitForSelector('#uitkomst[data-status="toegekend"]');
  expect((await page.textContent('#uitkomst')).includes('Voldoet aan alle voorwaarden.'), 'the reason is shown');
  await axe(page, 'loket-waardering-besluit');

  // 5. next year: the renewal is prefilled; the citizen confirms in one step
  log('waardering: renewal next year');
  await staff(base, admin, 'PUT', `${T}/beleid/waardering.regels`, { jaar: year + 1, reden: 'e2e loket', waarde: {
    aanvraagperiode: { van: today(), totEnMet: `${year + 1}-12-31` }, aanvragers: ['mantelzorger'],
    uitkering: { soort: 'vast', bedrag: 250 }, voorwaarden: { minimaleUrenPerWeek: 8 } } });
  await open(page, `#/waardering-aanvragen/${year + 1}`);
  await page.waitForSelector('form#aanvraag');
  expect(await page.inputValue('[name="mantelzorger.naam.achternaam"]') === 'Loket', 'the name is prefilled');
  expect(await page.inputValue('[name="zorgrelatie.zorgvrager.naam"]') === 'Moeder Loket', 'the relation is prefilled');
  expect((await page.textContent('#intro')).includes('al ingevuld'), 'the page says it is prefilled');
  await axe(page, 'loket-waardering-verlenging');
  await page.focus('[name="toestemming"]');
  await page.keyboard.press('Space');
  await page.focus('form#aanvraag button[type=submit]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#uitkomst[data-status="toegekend"]');
  await page.waitForSelector(`#mijn-aanvragen [data-jaar="${year + 1}"]`);
  log('waardering: done');
}
