// Loket scenario "respijtwijzer" (the public respite guide), run by loket.e2e.mjs (LoketIT) on a phone viewport:
// search by postcode (a prefilled route as the self-check links to it), results with distance and how to book,
// a facet as filter by keyboard (focus stays on the box), a bad postcode next to its field, an unknown postcode,
// the detail page. axe-core on every state. Its own offerings are made through the staff API first (the demo
// data has none), with a per-run word so that a second run finds only its own.
const ADMINS = { GM0363: ['beheerder-amsterdam', 'consulent-amsterdam'], GM0344: ['beheerder-utrecht', 'consulent-utrecht'] };

export async function run({ page, base, tenant, axe, waitRoute, log }) {
  const RUN = `e2e${Date.now().toString(36).slice(-5)}`;
  const [admin, consultant] = ADMINS[tenant] ?? ADMINS.GM0363;
  const staff = async (user, method, path, body) => {
    const r = await fetch(`${base}/api/v1/gemeenten/${tenant}${path}`, {
      method,
      headers: { Authorization: `Basic ${Buffer.from(`${user}:demo`).toString('base64')}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
    return r.status === 204 ? null : r.json();
  };
  const offering = (title, soort, doelgroep, lat, lon, extra = {}) => ({
    titel: title, soort, zorgplek: 'locatie', uitvoering: 'professioneel', doelgroepen: [doelgroep],
    financiering: ['wmo-zonder-beschikking'], indicatieNodig: false, omschrijving: `Even rust voor mantelzorgers (${RUN}).`,
    aanbieder: { naam: 'Stichting Rustpunt', contactpersoon: { naam: 'Geheime Contactpersoon', telefoon: '06-99988877' } },
    locaties: [{ straat: 'Rustlaan', huisnummer: '1', postcode: '1011 AB', woonplaats: 'Amsterdam', lat, lon }], ...extra,
  });
  await staff(admin, 'PUT', '/postcodegebieden/1011', { naam: 'Centrum', lat: 52.374, lon: 4.9 });
  await staff(consultant, 'POST', '/respijtaanbod', offering(`Dagopvang ${RUN}`, 'dagopvang', 'dementie', 52.374, 4.9,
    { boeking: { telefoon: '020 555 01 01', url: 'https://rustpunt.example/boeken' } }));
  await staff(consultant, 'POST', '/respijtaanbod', offering(`Logeerhuis ${RUN}`, 'logeerzorg', 'autisme', 52.31, 4.97));

  const results = () => page.locator('#rw-lijst > li');
  const idle = () => page.waitForSelector('#rw-uitkomst:not([aria-busy=true])');

  // 1. a prefilled search by postcode, as the self-check's advice links to it
  const route = `#/respijtwijzer/zoeken?postcode=1011&zoekterm=${RUN}`;
  await page.goto(`${base}/loket/${tenant}${route}`);
  await waitRoute(page, route);
  await idle();
  await results().nth(1).waitFor();
  const first = results().first();
  const text = await first.innerText();
  if (!text.includes(`Dagopvang ${RUN}`) || !/0 km/.test(text)) throw new Error(`first result: ${text}`);
  if (await first.locator('a[href^="tel:"]').getAttribute('href') !== 'tel:0205550101') throw new Error('no tel: link');
  if (!(await first.locator('a[href="https://rustpunt.example/boeken"]').count())) throw new Error('no website link');
  const page1 = await page.content();
  if (page1.includes('Geheime Contactpersoon') || page1.includes('06-99988877')) throw new Error('contact person shown');
  if (await page.locator('#rw-postcode, input[name=postcode]').inputValue() !== '1011') throw new Error('postcode not prefilled');
  if (!/2 resultaten gevonden/.test(await page.locator('#rw-aantal').innerText())) throw new Error('count not shown');
  await axe(page, 'respijtwijzer-zoeken');
  log('respijtwijzer: search by postcode');

  // 2. a facet as filter, by keyboard only: the box keeps the focus, the list narrows, counts stay
  const box = page.locator('input[name=soort][value=logeerzorg]');
  await box.focus();
  await page.keyboard.press('Space');
  await page.waitForFunction(() => document.querySelectorAll('#rw-lijst > li').length === 1
    && document.querySelector('#rw-uitkomst').getAttribute('aria-busy') !== 'true');
  if (!(await results().first().innerText()).includes(`Logeerhuis ${RUN}`)) throw new Error('facet did not filter');
  if (!(await page.evaluate(() => document.activeElement?.value === 'logeerzorg'))) throw new Error('focus lost');
  if (!/\(1\)/.test(await page.locator('label[for="rw-soort-dagopvang"]').innerText())) throw new Error('facet count');
  await axe(page, 'respijtwijzer-filter');
  await page.keyboard.press('Space');                // off again
  await page.waitForFunction(() => document.querySelectorAll('#rw-lijst > li').length === 2);
  log('respijtwijzer: facet filter by keyboard');

  // 3. a bad postcode is named next to its field; an unknown one gives results without distance
  const postcode = page.locator('input[name=postcode]');
  await postcode.fill('12');
  await postcode.press('Enter');
  await page.waitForSelector('input[name=postcode][aria-invalid=true]');
  await axe(page, 'respijtwijzer-fout');
  await postcode.fill('9999');
  await postcode.press('Enter');
  await page.waitForSelector('#rw-melding .utrecht-alert');
  await idle();
  if (!/kennen deze postcode niet/.test(await page.locator('#rw-melding').innerText())) throw new Error('unknown postcode');
  if (await page.locator('input[name=postcode][aria-invalid=true]').count()) throw new Error('stale error');
  await axe(page, 'respijtwijzer-onbekende-postcode');
  log('respijtwijzer: bad and unknown postcode');

  // 4. the detail page, opened by keyboard
  const link = results().first().locator('h3 a');
  const href = await link.getAttribute('href');
  await link.focus();
  await page.keyboard.press('Enter');
  await waitRoute(page, href);
  await page.waitForSelector('main h1');
  if (!(await page.locator('main h1').innerText()).includes(RUN)) throw new Error('detail heading');
  if (!(await page.locator('main').innerText()).includes('Rustlaan 1')) throw new Error('detail address');
  await axe(page, 'respijtwijzer-aanbod');
  log('respijtwijzer: detail');
}
