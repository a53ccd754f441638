// The back-office shell library (contract version 1, see docs/ui-extensions.md). Parts import it from
// /backoffice/shell/lib.js: calling the API as the signed-in user, escaping HTML, Dutch forms with the API's field
// errors next to their fields, tables, progress and downloads. Parts render in the light DOM so the NL Design System
// (Utrecht) classes of the shell apply.

export const LIB_VERSION = 1;

// The signed-in user's session as GET /api/v1/sessies/huidige gives it, in this page's memory only: the browser
// holds the session in an HttpOnly cookie that no script can read, and nothing of it is put in any storage.
let session = null;

/** The signed-in user (name), or null. */
export function currentUser() {
  return session?.gebruikersnaam ?? null;
}

/** Asks the server who is signed in (the session cookie); resolves to the user name, or null. */
export async function loadSession() {
  const r = await api('/sessies/huidige', { quiet: true });
  session = r.ok ? r.data : null;
  return currentUser();
}

/** Signs in with user name and password (one POST); resolves to the api() result. */
export async function signIn(user, password) {
  const r = await api('/sessies', { method: 'POST', body: { gebruikersnaam: user, wachtwoord: password }, quiet: true });
  session = r.ok ? r.data : null;
  return r;
}

/**
 * Signs out on the server; resolves to where the browser signs out at the identity provider as well (single
 * sign-on), or null.
 */
export async function signOut() {
  const r = session ? await api('/sessies/huidige', { method: 'DELETE', quiet: true }) : null;
  session = null;
  return r?.ok && r.data?.afmeldUrl ? r.data.afmeldUrl : null;
}

/** Forgets the session in this page (the server ended it). */
export function forgetSession() {
  session = null;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Calls /api/v1 + path as the signed-in user (body: sent as JSON; text: sent as is with contentType, e.g. CSV). Resolves to {status, ok, data, problem, response}; data is the
 * parsed JSON (or the Blob when options.blob), problem the RFC 9457 problem of an error. Never throws on HTTP
 * errors; a network failure gives status 0 and a Dutch problem. The session cookie goes along (same origin only);
 * a changing request carries the session's CSRF token. A 401 ends the session in the page and shows the sign-in
 * page (not for quiet calls, which handle it themselves).
 */
export async function api(path, options = {}) {
  const r = await request(path, { ...options, csrfToken: session?.csrfToken });
  if (r.status === 401 && !options.quiet) session = null;
  return r;
}

/**
 * What api() does, with the CSRF token given (csrfToken) instead of the back-office session's: for the loket, whose
 * citizen session is another. A 401 dispatches the window event 'mk-unauthorized' (not for quiet calls).
 */
export async function request(path, { method = 'GET', body, text, contentType = 'text/csv', accept = 'application/json', blob = false, quiet = false, csrfToken } = {}) {
  const headers = { Accept: accept };
  if (UNSAFE.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (text !== undefined) headers['Content-Type'] = `${contentType};charset=UTF-8`;
  let response;
  try {
    response = await fetch(`/api/v1${path}`, { method, headers, credentials: 'same-origin',
      body: text !== undefined ? text : body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    return { status: 0, ok: false, problem: { title: 'Geen verbinding', detail: 'De server is niet bereikbaar. Probeer het opnieuw.' } };
  }
  const type = response.headers.get('Content-Type') || '';
  let data = null;
  let problem = null;
  if (response.ok && blob) {
    data = await response.blob();
  } else if (type.includes('json')) {
    data = await response.json().catch(() => null);
  } else if (response.status !== 204) {
    data = await response.text();
  }
  if (!response.ok) {
    problem = type.includes('problem+json') && data ? data
      : { title: `Fout ${response.status}`, detail: 'De server gaf een onverwacht antwoord.' };
    if (response.status === 401 && !quiet) {
      window.dispatchEvent(new CustomEvent('mk-unauthorized', { detail: { path } }));
    }
  }
  return { status: response.status, ok: response.ok, data: response.ok ? data : null, problem, response };
}

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Escapes a value for HTML text and attributes. */
export function esc(value) {
  return value === null || value === undefined ? '' : String(value).replace(/[&<>"']/g, c => ESCAPES[c]);
}

/** Marks HTML as safe to insert into h`` templates unescaped. */
export function raw(html) {
  return { __html: html };
}

/** Template tag: interpolated values are escaped unless wrapped in raw(); arrays are joined. */
export function h(strings, ...values) {
  const part = v => Array.isArray(v) ? v.map(part).join('') : v && v.__html !== undefined ? v.__html : esc(v);
  return raw(strings.reduce((out, s, i) => out + s + (i < values.length ? part(values[i]) : ''), ''));
}

/** Sets an element's content from an h`` result. */
export function render(el, html) {
  el.innerHTML = html.__html ?? esc(html);
}

let counter = 0;
/** A unique id for labels and descriptions. */
export function uid(prefix = 'mk') {
  counter += 1;
  return `${prefix}-${counter}`;
}

/**
 * A labelled form field (Utrecht form-field). options: {name, label, type ('text', 'number', 'date', 'email',
 * 'select', 'textarea', 'checkbox', 'password'), value, required, hint, choices [[value, label]], autocomplete,
 * wide, step, min, max, inputmode}. The field's name is the JSON path of the API ('adres.postcode').
 */
export function field(o) {
  const id = uid('veld');
  const hintId = o.hint ? `${id}-hint` : null;
  const required = o.required ? ' required aria-required="true"' : '';
  const described = hintId ? ` aria-describedby="${hintId}"` : '';
  const extra = ['autocomplete', 'step', 'min', 'max', 'inputmode', 'pattern'].filter(k => o[k] !== undefined)
    .map(k => ` ${k}="${esc(o[k])}"`).join('');
  const label = h`<label class="utrecht-form-label" for="${id}">${o.label}${o.required ? '' : raw(' <span class="mk-optional">(niet verplicht)</span>')}</label>`;
  const hint = hintId ? h`<div class="utrecht-form-field-description" id="${hintId}">${o.hint}</div>` : raw('');
  let control;
  if (o.type === 'select') {
    control = h`<select class="utrecht-select utrecht-select--html-select" id="${id}" name="${o.name}"${raw(required + described)}>
      ${(o.choices || []).map(([v, l]) => h`<option value="${v}"${raw(String(v) === String(o.value ?? '') ? ' selected' : '')}>${l}</option>`)}</select>`;
  } else if (o.type === 'textarea') {
    control = h`<textarea class="utrecht-textarea utrecht-textarea--html-textarea" id="${id}" name="${o.name}" rows="${o.rows || 6}"${raw(required + described + extra)}>${o.value ?? ''}</textarea>`;
  } else if (o.type === 'checkbox') {
    return h`<div class="utrecht-form-field utrecht-form-field--checkbox${raw(o.wide ? ' mk-wide' : '')}" data-field="${o.name}">
      <p class="utrecht-form-field__label utrecht-form-field__label--checkbox"><label class="utrecht-form-label utrecht-form-label--checkbox" for="${id}">
      <input type="checkbox" class="utrecht-checkbox utrecht-checkbox--html-input" id="${id}" name="${o.name}" data-type="boolean"${raw((o.value ? ' checked' : '') + described)}> ${o.label}</label></p>${hint}</div>`;
  } else {
    const type = o.type || 'text';
    control = h`<input class="utrecht-textbox utrecht-textbox--html-input" id="${id}" name="${o.name}" type="${type}" value="${o.value ?? ''}"${raw(required + described + extra)}${raw(type === 'number' ? ' data-type="number"' : '')}>`;
  }
  return h`<div class="utrecht-form-field utrecht-form-field--text${raw(o.wide ? ' mk-wide' : '')}" data-field="${o.name}">
    <div class="utrecht-form-field__label">${label}</div>${hint}<div class="utrecht-form-field__input">${control}</div></div>`;
}

/** A button (Utrecht). kind: 'primary' (default), 'secondary', 'subtle'. */
export function button(label, { kind = 'primary', type = 'button', name, value } = {}) {
  const attrs = (name ? ` name="${esc(name)}"` : '') + (value !== undefined ? ` value="${esc(value)}"` : '');
  return h`<button type="${type}" class="utrecht-button utrecht-button--${kind}-action"${raw(attrs)}>${label}</button>`;
}

/**
 * The form's values as the API's JSON: dotted names become nested objects; empty fields are left out;
 * data-type="number" fields become numbers, checkboxes booleans, data-type="list" comma separated lists.
 */
export function formJson(form) {
  const out = {};
  for (const el of form.elements) {
    if (!el.name || el.disabled || el.type === 'submit' || el.type === 'button') continue;
    let value;
    if (el.type === 'checkbox') {
      value = el.checked;
    } else {
      const text = el.value.trim();
      if (text === '') continue;
      if (el.dataset.type === 'number') value = Number(text.replace(',', '.'));
      else if (el.dataset.type === 'list') value = text.split(',').map(s => s.trim()).filter(Boolean);
      else value = text;
    }
    const keys = el.name.split('.');
    let target = out;
    keys.slice(0, -1).forEach(k => { target = target[k] ??= {}; });
    target[keys[keys.length - 1]] = value;
  }
  return out;
}

/** Removes the error messages shown by showProblem. */
export function clearProblem(form) {
  form.querySelectorAll('.mk-field-error').forEach(e => e.remove());
  form.querySelectorAll('[aria-invalid]').forEach(e => {
    e.removeAttribute('aria-invalid');
    const ids = (e.getAttribute('aria-describedby') || '').split(' ').filter(i => !i.endsWith('-fout'));
    if (ids.length) e.setAttribute('aria-describedby', ids.join(' ')); else e.removeAttribute('aria-describedby');
  });
  form.querySelectorAll('.utrecht-form-field--invalid').forEach(e => e.classList.remove('utrecht-form-field--invalid'));
  const summary = form.querySelector('.mk-problem');
  if (summary) summary.remove();
}

/**
 * Shows an API problem on a form: each invalidParams entry (also 'errors') next to the field with that name
 * (the closest enclosing name when the API names a deeper path), the rest in an alert at the top of the form.
 * Focus moves to the alert, whose links lead to the fields.
 */
export function showProblem(form, problem) {
  clearProblem(form);
  const params = problem.invalidParams || problem.errors || [];
  const loose = [];
  const links = [];
  for (const p of params) {
    const name = p.name || p.field || '';
    const input = findField(form, name);
    if (!input) {
      loose.push(`${name ? `${name}: ` : ''}${p.reason || p.message || ''}`);
      continue;
    }
    const wrapper = input.closest('.utrecht-form-field') || input.parentElement;
    const msgId = `${input.id}-fout`;
    if (!document.getElementById(msgId)) {
      const msg = document.createElement('p');
      msg.className = 'utrecht-form-field-error-message mk-field-error mk-error';
      msg.id = msgId;
      msg.textContent = p.reason || p.message || 'Ongeldige waarde.';
      wrapper.appendChild(msg);
      wrapper.classList.add('utrecht-form-field--invalid');
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', `${input.getAttribute('aria-describedby') || ''} ${msgId}`.trim());
    } else {
      document.getElementById(msgId).textContent += ` ${p.reason || ''}`;
    }
    links.push(h`<li><a class="utrecht-link" href="#${input.id}">${p.reason || name}</a></li>`);
  }
  const box = document.createElement('div');
  box.className = 'utrecht-alert utrecht-alert--error mk-problem';
  box.setAttribute('role', 'alert');
  box.tabIndex = -1;
  // the API's detail ("zie 'invalidParams'") adds nothing once the entries are listed
  const detail = params.length && /invalidParams/.test(problem.detail || '') ? '' : problem.detail;
  render(box, h`<p class="utrecht-paragraph"><strong>${problem.title || 'Er ging iets mis'}</strong>${detail ? `: ${detail}` : ''}</p>
    ${links.length ? h`<ul>${links}</ul>` : ''}${loose.length ? h`<ul>${loose.map(l => h`<li>${l}</li>`)}</ul>` : ''}`);
  box.querySelectorAll('a').forEach(a => a.addEventListener('click', ev => {
    ev.preventDefault();
    document.getElementById(a.getAttribute('href').slice(1))?.focus();
  }));
  form.prepend(box);
  box.focus();
}

function findField(form, name) {
  let n = name;
  while (n) {
    const el = form.querySelector(`[name="${CSS.escape(n)}"]`);
    if (el) return el;
    const cut = Math.max(n.lastIndexOf('.'), n.lastIndexOf('['));
    n = cut > 0 ? n.slice(0, cut) : '';
  }
  return null;
}

/** An alert (Utrecht): kind 'info', 'ok', 'warning' or 'error'. */
export function alertBox(kind, text, detail) {
  const role = kind === 'error' ? 'alert' : 'status';
  return h`<div class="utrecht-alert utrecht-alert--${kind}" role="${role}"><p class="utrecht-paragraph"><strong>${text}</strong>${detail ? ` ${detail}` : ''}</p></div>`;
}

/** A problem as an alert (for pages without a form). */
export function problemBox(problem) {
  const params = (problem.invalidParams || problem.errors || []).map(p => `${p.name}: ${p.reason}`);
  return alertBox('error', problem.title || 'Er ging iets mis', [problem.detail, ...params].filter(Boolean).join(' '));
}

/** A table (Utrecht). columns: [[header, row => cell html or text]]; caption is required for accessibility. */
export function table(caption, columns, rows) {
  return h`<div class="mk-table-wrap"><table class="utrecht-table utrecht-table--html-table">
    <caption class="utrecht-table__caption">${caption}</caption>
    <thead class="utrecht-table__header"><tr class="utrecht-table__row">${columns.map(([title]) => h`<th class="utrecht-table__header-cell" scope="col">${title}</th>`)}</tr></thead>
    <tbody class="utrecht-table__body">${rows.length ? rows.map(r => h`<tr class="utrecht-table__row">${columns.map(([, cell]) => h`<td class="utrecht-table__cell">${cell(r)}</td>`)}</tr>`)
      : h`<tr class="utrecht-table__row"><td class="utrecht-table__cell" colspan="${columns.length}">Geen resultaten.</td></tr>`}</tbody></table></div>`;
}

/** A bar chart as accessible SVG (with a table fallback for screen readers): data [[label, number]]. */
export function barChart(title, data, unit = '') {
  const max = Math.max(1, ...data.map(([, v]) => v));
  const rowH = 28;
  const width = 560;
  const labelW = 180;
  const bars = data.map(([label, v], i) => {
    const w = Math.round((width - labelW - 70) * (v / max));
    return h`<text x="0" y="${i * rowH + 18}">${label}</text><rect class="mk-bar" x="${labelW}" y="${i * rowH + 4}" width="${w}" height="20"></rect><text x="${labelW + w + 6}" y="${i * rowH + 18}">${v}${unit}</text>`;
  });
  return h`<figure class="mk-chart"><figcaption class="utrecht-paragraph"><strong>${title}</strong></figcaption>
    <svg role="img" aria-label="${title}: ${data.map(([l, v]) => `${l} ${v}${unit}`).join(', ')}" viewBox="0 0 ${width} ${Math.max(rowH, data.length * rowH)}" width="100%">${bars}</svg></figure>`;
}

/** Progress of a long operation: a labelled progress bar with a live text. */
export function progressBar(label, done, total) {
  const id = uid('voortgang');
  const pct = total > 0 ? Math.round((done / total) * 100) : 0;
  return h`<div class="mk-progress"><label class="utrecht-form-label" for="${id}">${label}</label>
    <progress id="${id}" max="${Math.max(total, 1)}" value="${done}">${pct}%</progress>
    <p class="utrecht-paragraph" aria-live="polite">${done} van ${total} verwerkt (${pct}%)</p></div>`;
}

/**
 * Updates a progressBar in place (el: its .mk-progress element or an ancestor): the bar and its live text change,
 * nothing is re-created, so focus stays where it is and screen readers hear the new text.
 */
export function updateProgress(el, done, total) {
  const box = el.matches('.mk-progress') ? el : el.querySelector('.mk-progress');
  const bar = box?.querySelector('progress');
  if (!bar) return;
  const pct = total > 0 ? Math.round((done / total) * 100) : 0;
  bar.max = Math.max(total, 1);
  bar.value = done;
  bar.textContent = `${pct}%`;
  const text = `${done} van ${total} verwerkt (${pct}%)`;
  const live = box.querySelector('[aria-live]');
  if (live.textContent !== text) live.textContent = text;
}

/**
 * Wraps a load of a page region (a search's results, a list): the region is busy (aria-busy) while a load runs,
 * and when loads overlap only the newest renders: load(current, ...args) calls current() after each await and
 * renders nothing once it is false, so a slow answer to an earlier search never replaces the later one.
 */
export function latestOnly(region, load) {
  let newest = 0;
  return async (...args) => {
    const mine = ++newest;
    region.setAttribute('aria-busy', 'true');
    try {
      await load(() => mine === newest, ...args);
    } finally {
      if (mine === newest) region.removeAttribute('aria-busy');
    }
  };
}

/** Downloads an API file (with the user's credentials) under the given file name. */
export async function download(path, fileName, accept = '*/*') {
  const r = await api(path, { accept, blob: true });
  if (!r.ok) return r;
  const url = URL.createObjectURL(r.data);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  return r;
}

/** Announces a message to screen readers (and shows nothing). */
export function announce(text) {
  const live = document.getElementById('melding');
  if (live) live.textContent = text;
}

/** The link to a route of a part: #/<gemeentecode>/<part>/<route>. */
export function link(el, route = '') {
  const base = el.getAttribute('basis');
  return route ? `${base}/${route}` : base;
}

export function formatDate(iso) {
  if (!iso) return '';
  const d = new Date(iso.length === 10 ? `${iso}T12:00:00` : iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString('nl-NL', { day: 'numeric', month: 'long', year: 'numeric' });
}

export function formatMoney(n) {
  return n === null || n === undefined ? '' : Number(n).toLocaleString('nl-NL', { style: 'currency', currency: 'EUR' });
}

/**
 * Base class for a part's page: the shell sets the attributes gemeentecode, route and basis, then connects it;
 * show() renders the page for the current route (returning a promise when it loads data first). Subclasses
 * implement show(route). The promise 'rendered' settles when that first render is done: the shell keeps <main>
 * busy (aria-busy) until then, and then moves focus to the page's heading.
 */
export class PartElement extends HTMLElement {
  get tenant() { return this.getAttribute('gemeentecode'); }
  get route() { return this.getAttribute('route') || ''; }
  /** API path under the chosen municipality: /gemeenten/<code><path>. */
  t(path) { return `/gemeenten/${this.tenant}${path}`; }
  connectedCallback() {
    this.rendered = Promise.resolve().then(() => this.show(this.route)).catch(e => {
      render(this, alertBox('error', 'Deze pagina kon niet worden getoond.', e.message));
    });
  }
  /** Renders a page with its heading (h1, focused by the shell). */
  page(title, body) {
    render(this, h`<h1 class="utrecht-heading-1" tabindex="-1">${title}</h1>${body}`);
  }
  show() {}
}
