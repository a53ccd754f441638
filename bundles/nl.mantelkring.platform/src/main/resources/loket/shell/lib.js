// The loket shell library (contract version 1, see docs/ui-extensions.md, "The loket"). Loket parts import it from
// /loket/shell/lib.js: calling the API (anonymously, or as the citizen signed in with DigiD for /burgers/... paths),
// the citizen's sign-in, and the back-office library's HTML, form, table and format helpers (re-exported unchanged).
import { request, PartElement, h, raw, esc, render, uid, field, button, formJson, showProblem, clearProblem, table,
  alertBox, problemBox, announce, formatDate, formatMoney, latestOnly, download, link, barChart } from '/backoffice/shell/lib.js';

export { h, raw, esc, render, uid, field, button, formJson, showProblem, clearProblem, table, alertBox, problemBox,
  announce, formatDate, formatMoney, latestOnly, download, link, barChart };

export const LOKET_LIB_VERSION = 1;
const RETURN_KEY = 'mantelkring.loket.terug';

// The citizen's session as GET /api/v1/burgers/sessies/huidige gives it (masked BSN, level, CSRF token), in this
// page's memory only; the session itself is an HttpOnly cookie no script can read.
let session;
let loading = null;

/** The gemeentecode of this loket, from the address (/loket/GM0363). */
export function tenantOfPage() {
  const m = /^\/loket\/(GM\d{4})\/?$/.exec(location.pathname);
  return m ? m[1] : null;
}

/** The signed-in citizen ({bsn (masked), betrouwbaarheidsniveau, verlooptOp}) or null; asks the server once per page. */
export function citizen() {
  if (session !== undefined) return Promise.resolve(session);
  if (!loading) {
    loading = request('/burgers/sessies/huidige', { quiet: true }).then(r => {
      session = r.ok ? r.data : null;
      loading = null;
      return session;
    });
  }
  return loading;
}

/** Forgets the citizen in this page (the server ended the session). */
export function forgetCitizen() {
  session = null;
}

/**
 * Calls /api/v1 + path (options as the back-office's api(): method, body, text, accept, blob, quiet). Resolves to
 * {status, ok, data, problem}; never throws. For /burgers/... paths the citizen's CSRF token goes along on changing
 * requests, and a 401 forgets the citizen and makes the shell ask to sign in with DigiD again.
 */
export async function api(path, options = {}) {
  const mine = path.startsWith('/burgers/');
  const csrfToken = mine ? (await citizen())?.csrfToken : undefined;
  const r = await request(path, { ...options, csrfToken, quiet: true });
  if (mine && r.status === 401) {
    session = null;
    if (!options.quiet) window.dispatchEvent(new CustomEvent('lk-signed-out'));
  }
  return r;
}

/** Goes to DigiD; afterwards the browser comes back to this loket at returnRoute (e.g. '#/waardering-aanvragen'). */
export function signIn(returnRoute = location.hash) {
  const tenant = tenantOfPage();
  sessionStorage.setItem(RETURN_KEY, returnRoute || '#/');
  location.assign(`/api/v1/burgers/sessies/oidc?terugkeer=${encodeURIComponent(`/loket/${tenant}`)}`);
}

/** The route to go back to after signing in (once), or null. */
export function takeReturnRoute() {
  const r = sessionStorage.getItem(RETURN_KEY);
  sessionStorage.removeItem(RETURN_KEY);
  return r && r.startsWith('#/') ? r : null;
}

/** Signs the citizen out (ends the session on the server). */
export async function signOut() {
  const r = await api('/burgers/sessies/huidige', { method: 'DELETE', quiet: true });
  session = null;
  return r;
}

/**
 * Base class for a loket part's page, as the back-office's PartElement: this.tenant, this.route, this.basis,
 * this.t('/x') for /gemeenten/<code>/x and this.mine('/x') for the citizen's /burgers/gemeenten/<code>/x;
 * implement show(route); 'rendered' settles when the first render is done.
 */
export class LoketElement extends PartElement {
  get basis() { return this.getAttribute('basis'); }
  /** The signed-in citizen's API path in this municipality: /burgers/gemeenten/<code><path>. */
  mine(path) { return `/burgers/gemeenten/${this.tenant}${path}`; }
}
