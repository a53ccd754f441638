// The back-office shell: sign-in (a server session: the password form posts once to /api/v1/sessies, or single
// sign-on through the identity provider when /api/v1/aanmeldmethoden offers it; the browser keeps only the HttpOnly
// session cookie), the municipality switcher, the menu from GET /api/v1/gemeenten/{gemeentecode}/backoffice-onderdelen,
// and hash routing (#/<gemeentecode>/<part>/<route>) that loads each part's ES module from its own bundle.
import { api, h, render, field, button, signIn, signOut, currentUser, loadSession, forgetSession, showProblem, alertBox,
  problemBox, announce } from './lib.js';

const main = document.getElementById('inhoud');
const menu = document.getElementById('menu');
const session = document.getElementById('sessie');
const TENANT_KEY = 'mantelkring.gemeente';

let tenants = [];
let parts = [];
let partsOf = null;
// Each page shown (a route, the sign-in page) takes a new generation; a route whose generation is no longer the
// newest when its requests return renders nothing: a slow answer never replaces the page of a later navigation.
let generation = 0;

/** Starts showing a page: <main> is busy (aria-busy) until done(). Returns this page's generation. */
function begin() {
  generation += 1;
  main.setAttribute('aria-busy', 'true');
  return generation;
}

/** Whether the page of generation g is still the one to show. */
function current(g) {
  return g === generation;
}

/** The page of generation g is complete: <main> is no longer busy and data-route names the route it shows. */
function done(g, shown) {
  if (!current(g)) return;
  main.dataset.route = shown;
  main.removeAttribute('aria-busy');
}

/** Forgets everything of the previous user: municipalities, parts, menu and page. */
function forget() {
  tenants = [];
  parts = [];
  partsOf = null;
  sessionStorage.removeItem(TENANT_KEY);
  render(menu, '');
  render(session, '');
}

async function loginPage(message) {
  const g = begin();
  menu.hidden = true;
  session.hidden = true;
  document.title = 'Aanmelden - Mantelkring back-office';
  const methods = await api('/aanmeldmethoden', { quiet: true });
  if (!current(g)) return;
  // without an answer the form is offered: the server decides when it is used
  const passwordForm = !methods.ok || methods.data.wachtwoord !== false;
  const sso = methods.ok ? methods.data.oidc : null;
  render(main, h`<div class="mk-login"><h1 class="utrecht-heading-1" tabindex="-1">Aanmelden</h1>
    ${message ? alertBox('info', message) : ''}
    ${sso ? h`<p class="utrecht-paragraph"><a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" id="aanmelden-sso" href="${sso.url}">Aanmelden via ${sso.naam}</a></p>` : ''}
    ${passwordForm ? h`<p class="utrecht-paragraph">${sso ? 'Of meld u aan' : 'Meld u aan'} met uw gebruikersnaam en wachtwoord van de gemeente.</p>
    <form id="aanmelden" novalidate>
      ${field({ name: 'gebruikersnaam', label: 'Gebruikersnaam', required: true, autocomplete: 'username' })}
      ${field({ name: 'wachtwoord', label: 'Wachtwoord', type: 'password', required: true, autocomplete: 'current-password' })}
      <div class="mk-actions">${button('Aanmelden', { type: 'submit' })}</div>
    </form>` : ''}
    ${!passwordForm && !sso ? alertBox('warning', 'Aanmelden is op deze installatie niet ingesteld.') : ''}</div>`);
  const form = main.querySelector('form');
  form?.addEventListener('submit', async ev => {
    ev.preventDefault();
    const user = form.elements.gebruikersnaam.value.trim();
    const password = form.elements.wachtwoord.value;
    const missing = [];
    if (!user) missing.push({ name: 'gebruikersnaam', reason: 'Vul uw gebruikersnaam in.' });
    if (!password) missing.push({ name: 'wachtwoord', reason: 'Vul uw wachtwoord in.' });
    if (missing.length) {
      showProblem(form, { title: 'Aanmelden niet gelukt', invalidParams: missing });
      return;
    }
    // the password crosses the wire once, here; the server answers with the session cookie
    const r = await signIn(user, password);
    if (!r.ok) {
      const detail = r.status === 401 ? 'De gebruikersnaam of het wachtwoord is onjuist.' : r.problem.detail;
      showProblem(form, { title: 'Aanmelden niet gelukt', detail, invalidParams: r.problem.invalidParams });
      return;
    }
    forget();
    start();
  });
  main.querySelector('h1').focus();
  done(g, location.hash);
}

async function loadTenants() {
  const r = await api('/gemeenten?paginaGrootte=100');
  if (!r.ok) return false;
  tenants = r.data.resultaten;
  return true;
}

function chosenTenant() {
  const fromHash = location.hash.split('/')[1];
  const codes = tenants.map(t => t.gemeentecode);
  if (codes.includes(fromHash)) return fromHash;
  const stored = sessionStorage.getItem(TENANT_KEY);
  return codes.includes(stored) ? stored : codes[0];
}

function sessionBar(tenant) {
  session.hidden = false;
  const switcher = tenants.length > 1
    ? h`<label for="gemeente-keuze">Gemeente</label>
       <select id="gemeente-keuze" class="utrecht-select utrecht-select--html-select">
       ${tenants.map(t => h`<option value="${t.gemeentecode}"${t.gemeentecode === tenant ? h` selected` : ''}>${t.naam} (${t.gemeentecode})</option>`)}</select>`
    : h`<span>Gemeente: <strong>${tenants[0]?.naam ?? 'geen'}</strong></span>`;
  render(session, h`${switcher}<span>Aangemeld als <strong id="gebruiker">${currentUser()}</strong></span>
    <button type="button" class="utrecht-button utrecht-button--secondary-action" id="afmelden">Afmelden</button>`);
  session.querySelector('#gemeente-keuze')?.addEventListener('change', ev => {
    sessionStorage.setItem(TENANT_KEY, ev.target.value);
    partsOf = null;
    location.hash = `#/${ev.target.value}`;
  });
  session.querySelector('#afmelden').addEventListener('click', async () => {
    const atProvider = await signOut();
    forget();
    if (atProvider) {
      // single sign-on: sign out at the identity provider too, which sends the browser back here
      location.assign(atProvider);
      return;
    }
    // a new history entry without the route, without a hashchange: the sign-in page is rendered once, here
    history.pushState(null, '', location.pathname + location.search);
    loginPage('U bent afgemeld.');
  });
}

/** The parts of the tenant for the menu; null when generation g was overtaken meanwhile. */
async function loadParts(tenant, g) {
  if (partsOf === tenant) return true;
  const r = await api(`/gemeenten/${tenant}/backoffice-onderdelen?paginaGrootte=100`);
  if (!current(g)) return null;
  if (!r.ok) {
    parts = [];
    partsOf = null;
    menu.hidden = true;
    // a platform administrator sees every municipality but holds no role in it: nothing to show there
    render(main, r.status === 404 ? h`<h1 class="utrecht-heading-1" tabindex="-1">Geen onderdelen</h1>${alertBox('info',
      'U heeft geen rol in deze gemeente.', 'De back-office is voor medewerkers van een gemeente; beheer van de installatie gaat via de API.')}`
      : problemBox(r.problem));
    return false;
  }
  parts = r.data.resultaten;
  partsOf = tenant;
  return true;
}

function renderMenu(tenant, partId, route) {
  menu.hidden = false;
  render(menu, h`<div>${parts.map(p => h`<div><h2 class="utrecht-heading-2">${p.titel}</h2><ul>
    ${p.menu.map(m => {
      const href = `#/${tenant}/${p.id}${m.route ? `/${m.route}` : ''}`;
      const current = p.id === partId && m.route === route;
      return h`<li><a class="utrecht-link" href="${href}"${current ? h` aria-current="page"` : ''}>${m.label}</a></li>`;
    })}</ul></div>`)}</div>`);
}

async function route() {
  if (!currentUser()) {
    loginPage();
    return;
  }
  const g = begin();
  const shown = location.hash;
  if (!tenants.length) {
    const loaded = await loadTenants();
    if (!current(g)) return;
    if (!loaded) {
      forgetSession();
      loginPage('Uw sessie is verlopen; meld u opnieuw aan.');
      return;
    }
  }
  const tenant = chosenTenant();
  if (!tenant) {
    sessionBar(null);
    render(main, h`<h1 class="utrecht-heading-1" tabindex="-1">Geen gemeente</h1>${alertBox('info', 'U heeft geen rol in een gemeente.')}`);
    done(g, shown);
    return;
  }
  sessionStorage.setItem(TENANT_KEY, tenant);
  const [, hashTenant, partId = '', ...rest] = location.hash.split('/');
  if (hashTenant !== tenant) {
    location.replace(`#/${tenant}`);
    return;
  }
  sessionBar(tenant);
  const loaded = await loadParts(tenant, g);
  if (loaded === null) return;
  if (!loaded) {
    done(g, shown);
    return;
  }
  const sub = rest.join('/');
  renderMenu(tenant, partId, sub);
  const part = parts.find(p => p.id === partId);
  const tenantName = tenants.find(t => t.gemeentecode === tenant)?.naam ?? tenant;
  if (!part) {
    document.title = `${tenantName} - Mantelkring back-office`;
    render(main, h`<h1 class="utrecht-heading-1" tabindex="-1">Back-office ${tenantName}</h1>
      ${parts.length ? h`<p class="utrecht-paragraph">Kies een onderdeel.</p><ul class="mk-cards">${parts.map(p => h`<li><a class="utrecht-link" href="#/${tenant}/${p.id}">${p.titel}</a></li>`)}</ul>`
        : alertBox('info', 'Er zijn geen onderdelen voor uw rol in deze gemeente.')}`);
    focusHeading();
    done(g, shown);
    return;
  }
  document.title = `${part.titel} - ${tenantName} - Mantelkring back-office`;
  try {
    await import(part.script);
    await customElements.whenDefined(part.element);
  } catch (e) {
    if (!current(g)) return;
    render(main, alertBox('error', `Het onderdeel ${part.titel} kon niet worden geladen.`));
    done(g, shown);
    return;
  }
  if (!current(g)) return;
  const el = document.createElement(part.element);
  el.setAttribute('gemeentecode', tenant);
  el.setAttribute('route', sub);
  el.setAttribute('basis', `#/${tenant}/${part.id}`);
  main.replaceChildren(el);
  announce(`${part.titel} geopend`);
  // a PartElement's first render (it may load data first) is its promise 'rendered'
  await el.rendered;
  if (!current(g)) return;
  focusHeading();
  done(g, shown);
}

function focusHeading() {
  const h1 = main.querySelector('h1');
  if (h1) {
    h1.setAttribute('tabindex', '-1');
    h1.focus({ preventScroll: false });
  }
}

function start() {
  if (!location.hash || location.hash === '#') {
    location.hash = `#/${chosenTenant() ?? ''}`;
  } else {
    route();
  }
}

// the skip link moves focus to the content without touching the address (which is the router's)
document.getElementById('skip').addEventListener('click', ev => {
  ev.preventDefault();
  main.focus();
});
window.addEventListener('hashchange', () => route());
window.addEventListener('mk-unauthorized', () => {
  forgetSession();
  forget();
  loginPage('Uw sessie is verlopen; meld u opnieuw aan.');
});
// who is signed in: the server knows (the session cookie); this page keeps nothing between loads
loadSession().then(() => route());
window.addEventListener('mk-parts-changed', () => { partsOf = null; route(); });
