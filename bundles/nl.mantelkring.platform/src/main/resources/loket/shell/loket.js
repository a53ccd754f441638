// The loket shell: the municipality's public front door for caregivers at /loket/<gemeentecode>. It shows the start
// page with a tile per part (GET /api/v1/gemeenten/<code>/loket-onderdelen: the parts of the modules the
// municipality enabled), routes #/<part>/<route> to the part's custom element (loaded from its own bundle), and asks
// for a DigiD sign-in before a part that needs one. Texts in Dutch at language level B1.
import { api, h, render, alertBox, problemBox, citizen, forgetCitizen, signIn, signOut, takeReturnRoute,
  tenantOfPage, announce } from './lib.js';

const main = document.getElementById('inhoud');
const menu = document.getElementById('menu');
const who = document.getElementById('burger');
const brand = document.getElementById('merk');
const footer = document.getElementById('voet');
const tenant = tenantOfPage();

let loket = null;
let generation = 0;
// the first page of a visit keeps the browser's own start (the skip link is the first Tab stop); after a navigation
// the new page's heading gets the focus, so that a screen reader announces it
let navigated = false;

function begin() {
  generation += 1;
  main.setAttribute('aria-busy', 'true');
  return generation;
}

function current(g) {
  return g === generation;
}

/** The page of generation g is complete: <main> is no longer busy, data-route names the route it shows. */
function done(g, shown) {
  if (!current(g)) return;
  main.dataset.route = shown;
  main.removeAttribute('aria-busy');
}

function focusHeading() {
  if (!navigated) return;
  const h1 = main.querySelector('h1');
  if (h1) {
    h1.setAttribute('tabindex', '-1');
    h1.focus({ preventScroll: false });
  }
}

function page(title, body) {
  render(main, h`<h1 class="utrecht-heading-1" tabindex="-1">${title}</h1>${body}`);
}

async function load() {
  if (tenant) {
    const css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = `/loket/${tenant}/thema.css`;
    document.head.appendChild(css);
  }
  const r = tenant ? await api(`/gemeenten/${tenant}/loket-onderdelen`) : { ok: false, status: 404 };
  if (!r.ok) {
    const g = begin();
    document.title = 'Niet gevonden - Mantelzorgloket';
    page('Dit loket bestaat niet', r.status === 404 ? alertBox('info', 'Deze gemeente heeft hier geen mantelzorgloket.')
      : problemBox(r.problem));
    done(g, location.hash);
    focusHeading();
    return false;
  }
  loket = r.data;
  const naam = loket.gemeente.naam;
  render(brand, loket.logo ? h`<img src="${loket.logo.url}" alt="${loket.logo.alt}"><span>Mantelzorgloket</span>`
    : h`<span>Mantelzorgloket ${naam}</span>`);
  render(footer, h`<p class="utrecht-paragraph">Dit is het mantelzorgloket van de gemeente ${naam}.
    Heeft u vragen? Neem contact op met de gemeente.</p>`);
  return true;
}

function renderMenu(partId) {
  menu.hidden = loket.onderdelen.length === 0;
  render(menu, h`<ul><li><a class="utrecht-link" href="#/"${partId ? '' : h` aria-current="page"`}>Start</a></li>
    ${loket.onderdelen.map(p => h`<li><a class="utrecht-link" href="#/${p.id}"${p.id === partId ? h` aria-current="page"` : ''}>${p.titel}</a></li>`)}</ul>`);
}

async function renderCitizen() {
  const c = loket.digid ? await citizen() : null;
  who.hidden = !c;
  if (!c) {
    render(who, '');
    return;
  }
  render(who, h`<span>Ingelogd met DigiD</span>
    <button type="button" class="utrecht-button utrecht-button--secondary-action" id="uitloggen">Uitloggen</button>`);
  who.querySelector('#uitloggen').addEventListener('click', async () => {
    await signOut();
    await renderCitizen();
    if (location.hash === '#/' || location.hash === '') {
      route();
    } else {
      location.hash = '#/';
    }
    announce('U bent uitgelogd.');
  });
}

function startPage(g) {
  document.title = `Mantelzorgloket ${loket.gemeente.naam}`;
  const parts = loket.onderdelen;
  page(`Mantelzorgloket ${loket.gemeente.naam}`, h`
    <p class="utrecht-paragraph">Zorgt u voor iemand in uw omgeving die ziek is, een beperking heeft of oud is? Bijvoorbeeld
      voor uw partner, een ouder, uw kind of een buur? Dan bent u mantelzorger. Hier vindt u hulp en steun.</p>
    ${parts.length === 0 ? alertBox('info', 'Er staat hier nog niets. Neem contact op met de gemeente.')
      : h`<ul class="lk-tiles">${parts.map(p => h`<li>
        <h2 class="utrecht-heading-2"><a class="utrecht-link" href="#/${p.id}">${p.titel}</a></h2>
        <p class="utrecht-paragraph">${p.samenvatting}</p>
        ${p.aanmeldenNodig ? h`<p class="utrecht-paragraph"><span class="lk-tag">Met DigiD</span></p>` : ''}</li>`)}</ul>`}`);
  done(g, location.hash || '#/');
  focusHeading();
}

function signInPage(g, part, route, message) {
  document.title = `${part.titel} - Mantelzorgloket`;
  page(part.titel, h`${message ? alertBox('info', message) : ''}
    <p class="utrecht-paragraph">${part.samenvatting}</p>
    ${loket.digid ? h`<p class="utrecht-paragraph">Hiervoor logt u eerst in met DigiD. Zo weten we zeker dat het om u gaat.</p>
      <div class="mk-actions"><button type="button" class="utrecht-button utrecht-button--primary-action" id="inloggen">Inloggen met DigiD</button></div>`
      : alertBox('warning', 'Inloggen met DigiD kan hier nog niet.', 'Neem contact op met de gemeente.')}`);
  main.querySelector('#inloggen')?.addEventListener('click', () => signIn(`#/${part.id}${route ? `/${route}` : ''}`));
  done(g, location.hash);
  focusHeading();
}

async function route(message) {
  const g = begin();
  const hash = location.hash.replace(/^#\/?/, '');
  const slash = hash.indexOf('/');
  const partId = slash < 0 ? hash : hash.slice(0, slash);
  const rest = slash < 0 ? '' : hash.slice(slash + 1);
  renderMenu(partId);
  if (!partId) {
    startPage(g);
    return;
  }
  const part = loket.onderdelen.find(p => p.id === partId);
  if (!part) {
    document.title = 'Niet gevonden - Mantelzorgloket';
    page('Deze pagina bestaat niet', h`<p class="utrecht-paragraph"><a class="utrecht-link" href="#/">Naar de startpagina</a></p>`);
    done(g, location.hash);
    focusHeading();
    return;
  }
  if (part.aanmeldenNodig && !(loket.digid && await citizen())) {
    if (current(g)) signInPage(g, part, rest, message);
    return;
  }
  document.title = `${part.titel} - Mantelzorgloket`;
  try {
    await import(part.script);
    await customElements.whenDefined(part.element);
  } catch (e) {
    if (!current(g)) return;
    page(part.titel, alertBox('error', 'Deze pagina kan nu niet worden getoond.', 'Probeer het later nog eens.'));
    done(g, location.hash);
    focusHeading();
    return;
  }
  if (!current(g)) return;
  const el = document.createElement(part.element);
  el.setAttribute('gemeentecode', tenant);
  el.setAttribute('route', rest);
  el.setAttribute('basis', `#/${part.id}`);
  main.replaceChildren(el);
  await el.rendered;
  if (!current(g)) return;
  done(g, location.hash);
  focusHeading();
}

document.getElementById('skip').addEventListener('click', ev => {
  ev.preventDefault();
  main.focus();
});
window.addEventListener('hashchange', () => {
  navigated = true;
  route();
});
window.addEventListener('lk-signed-out', async () => {
  navigated = true;
  forgetCitizen();
  await renderCitizen();
  route('Uw sessie is verlopen. Log opnieuw in met DigiD.');
});

load().then(async ok => {
  if (!ok) return;
  const back = takeReturnRoute();
  await renderCitizen();
  if (back && back !== location.hash) {
    location.hash = back; // the hashchange routes
    return;
  }
  route();
});
