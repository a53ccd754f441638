// Back-office part of the employers module (werk & mantelzorg): employers, their recognition as a caregiver-friendly
// employer, self-scan results per theme, and the statutory care-leave calculator (Wazo).
import { PartElement, api, h, field, button, formJson, table, problemBox, alertBox, render, showProblem, link, formatDate, formatMoney, barChart, announce, latestOnly } from '/backoffice/shell/lib.js';

const SECTORS = ['zorg-en-welzijn', 'onderwijs', 'overheid', 'industrie', 'bouw', 'handel', 'horeca', 'transport-en-logistiek', 'zakelijke-dienstverlening', 'financiele-dienstverlening', 'ict', 'landbouw', 'cultuur-en-recreatie', 'overig'];
const SIZES = [['micro', 'Micro (1-9)'], ['klein', 'Klein (10-49)'], ['middelgroot', 'Middelgroot (50-249)'], ['groot', 'Groot (250+)']];
const RECOGNITION = { geinteresseerd: 'Geinteresseerd', 'in-behandeling': 'In behandeling', erkend: 'Erkend', verlopen: 'Verlopen' };

class EmployerPage extends PartElement {
  show(route) {
    if (route === '') return this.list();
    if (route === 'nieuw') return this.create();
    if (route === 'zorgverlof') return this.leave();
    return this.employer(route);
  }

  async list() {
    this.page('Werkgevers', h`<form id="zoeken" class="mk-form-grid" role="search" novalidate>
      ${field({ name: 'naam', label: 'Naam' })}
      ${field({ name: 'sector', label: 'Sector', type: 'select', choices: [['', 'Alle'], ...SECTORS.map(s => [s, s.replaceAll('-', ' ')])] })}
      <div class="mk-actions mk-wide">${button('Zoeken', { type: 'submit' })}</div></form><div id="lijst"></div>`);
    const form = this.querySelector('#zoeken');
    const out = this.querySelector('#lijst');
    const load = latestOnly(out, async current => {
      const r = await api(this.t(`/werkgevers?${new URLSearchParams({ paginaGrootte: 50, ...formJson(form) })}`));
      if (!current()) return;
      if (!r.ok) { if (r.status === 400) showProblem(form, r.problem); else render(out, problemBox(r.problem)); return; }
      render(out, table(`Werkgevers: ${r.data.paginering.totaal}`, [
        ['Naam', w => h`<a class="utrecht-link" href="${link(this, w.id)}">${w.naam}</a>`], ['KvK-nummer', w => w.kvkNummer],
        ['Sector', w => w.sector], ['Grootte', w => w.grootteklasse]], r.data.resultaten));
    });
    form.addEventListener('submit', ev => { ev.preventDefault(); load(); });
    await load();
  }

  create() {
    this.page('Werkgever toevoegen', h`<form id="werkgever" novalidate><div class="mk-form-grid">
      ${field({ name: 'naam', label: 'Naam', required: true })}
      ${field({ name: 'kvkNummer', label: 'KvK-nummer', required: true, hint: '8 cijfers', inputmode: 'numeric' })}
      ${field({ name: 'sector', label: 'Sector', type: 'select', required: true, choices: [['', 'Kies'], ...SECTORS.map(s => [s, s.replaceAll('-', ' ')])] })}
      ${field({ name: 'grootteklasse', label: 'Grootte', type: 'select', required: true, choices: [['', 'Kies'], ...SIZES] })}
      ${field({ name: 'adres.postcode', label: 'Postcode' })}
      ${field({ name: 'contactpersoon.naam', label: 'Contactpersoon' })}
      ${field({ name: 'contactpersoon.email', label: 'E-mail contactpersoon', type: 'email' })}
      </div><div class="mk-actions">${button('Opslaan', { type: 'submit' })}</div></form>`);
    const form = this.querySelector('#werkgever');
    form.addEventListener('submit', async ev => {
      ev.preventDefault();
      const r = await api(this.t('/werkgevers'), { method: 'POST', body: formJson(form) });
      if (!r.ok) { showProblem(form, r.problem); return; }
      announce('Werkgever opgeslagen');
      location.hash = link(this, r.data.id);
    });
  }

  async employer(id) {
    const [w, rec, scans] = await Promise.all([api(this.t(`/werkgevers/${encodeURIComponent(id)}`)),
      api(this.t(`/werkgevers/${encodeURIComponent(id)}/erkenningen`)), api(this.t(`/werkgevers/${encodeURIComponent(id)}/zelfscans`))]);
    if (!w.ok) { this.page('Werkgever', problemBox(w.problem)); return; }
    const e = w.data;
    const recognitions = rec.ok ? rec.data.resultaten : [];
    const running = recognitions.find(r => r.status !== 'verlopen' && r.status !== 'erkend') ?? null;
    const latest = scans.ok ? scans.data.resultaten[0] : null;
    this.page(e.naam, h`<dl class="mk-dl"><dt>KvK-nummer</dt><dd>${e.kvkNummer}</dd><dt>Sector</dt><dd>${e.sector}</dd><dt>Grootte</dt><dd>${e.grootteklasse}</dd>
      <dt>Contactpersoon</dt><dd>${e.contactpersoon?.naam ?? 'Geen'}</dd></dl>
      <h2 class="utrecht-heading-2">Erkenning mantelzorgvriendelijke werkgever</h2>
      ${table('Erkenningen', [['Status', r => RECOGNITION[r.status] ?? r.status], ['Geinteresseerd op', r => formatDate(r.geinteresseerdOp)],
        ['Erkend op', r => formatDate(r.erkendOp)], ['Verloopt op', r => formatDate(r.verlooptOp)],
        ['Criteria voldaan', r => ['bespreekbaarheid', 'verlofregelingen', 'maatwerk'].filter(c => r.criteria?.[c]?.voldaan).join(', ') || 'Geen']], recognitions)}
      <form id="erkenning" novalidate><h3 class="utrecht-heading-3">${running ? 'Erkenning bijwerken' : 'Erkenning starten'}</h3><div class="mk-form-grid">
        ${field({ name: 'status', label: 'Status', type: 'select', required: true, value: running?.status ?? 'geinteresseerd', choices: [['geinteresseerd', 'Geinteresseerd'], ['in-behandeling', 'In behandeling'], ['erkend', 'Erkend']] })}
        ${['bespreekbaarheid', 'verlofregelingen', 'maatwerk'].map(c => h`${field({ name: `criteria.${c}.voldaan`, label: `Criterium ${c} voldaan`, type: 'checkbox', value: running?.criteria?.[c]?.voldaan })}
          ${field({ name: `criteria.${c}.onderbouwing`, label: `Onderbouwing ${c}`, value: running?.criteria?.[c]?.onderbouwing })}`)}
      </div><div class="mk-actions">${button(running ? 'Erkenning bijwerken' : 'Erkenning starten', { type: 'submit' })}</div></form>
      <h2 class="utrecht-heading-2">Zelfscan</h2>
      ${latest ? h`<p class="utrecht-paragraph">Laatste zelfscan van ${formatDate(latest.afgenomenOp)}: totaalscore ${latest.totaalscore} van 100${latest.verschilMetVorige !== undefined && latest.verschilMetVorige !== null ? ` (${latest.verschilMetVorige >= 0 ? '+' : ''}${latest.verschilMetVorige} sinds de vorige)` : ''}.</p>
        ${barChart('Score per thema (0-100)', (latest.themas || []).map(t => [t.naam, t.score]))}
        ${table('Tips', [['Thema', t => t.naam], ['Tips', t => (t.tips || []).join(' ')]], (latest.themas || []).filter(t => (t.tips || []).length))}`
        : alertBox('info', 'Deze werkgever heeft nog geen zelfscan gedaan.')}`);
    const form = this.querySelector('#erkenning');
    form.addEventListener('submit', async ev => {
      ev.preventDefault();
      const body = formJson(form);
      const path = running ? `/werkgevers/${e.id}/erkenningen/${running.id}` : `/werkgevers/${e.id}/erkenningen`;
      const r = await api(this.t(path), { method: running ? 'PUT' : 'POST', body });
      if (!r.ok) { showProblem(form, r.problem); return; }
      announce('Erkenning opgeslagen');
      await this.employer(id);
    });
  }

  leave() {
    const today = new Date().toISOString().slice(0, 10);
    this.page('Zorgverlof berekenen', h`<p class="utrecht-paragraph">Kortdurend en langdurend zorgverlof volgens de Wet arbeid en zorg (hoofdstuk 5). Er wordt niets opgeslagen.</p>
      <form id="zorgverlof" novalidate><div class="mk-form-grid">
      ${field({ name: 'arbeidsduurPerWeek', label: 'Arbeidsduur per week (uren)', type: 'number', required: true, step: '0.5', min: 0 })}
      ${field({ name: 'uurloon', label: 'Uurloon (euro)', type: 'number', required: true, step: '0.01', min: 0 })}
      ${field({ name: 'eersteVerlofdag', label: 'Eerste verlofdag', type: 'date', required: true, value: today })}
      ${field({ name: 'kortdurendOpgenomenUren', label: 'Al opgenomen kortdurend (uren)', type: 'number', min: 0, step: '0.5' })}
      ${field({ name: 'langdurendOpgenomenUren', label: 'Al opgenomen langdurend (uren)', type: 'number', min: 0, step: '0.5' })}
      ${field({ name: 'aanvraagdatum', label: 'Aanvraagdatum', type: 'date' })}
      ${field({ name: 'gewensteIngangsdatum', label: 'Gewenste ingangsdatum langdurend verlof', type: 'date' })}
      </div><div class="mk-actions">${button('Berekenen', { type: 'submit' })}</div></form><div id="uitkomst" aria-live="polite"></div>`);
    const form = this.querySelector('#zorgverlof');
    form.addEventListener('submit', async ev => {
      ev.preventDefault();
      const r = await api(this.t('/zorgverlofberekeningen'), { method: 'POST', body: formJson(form) });
      if (!r.ok) { showProblem(form, r.problem); return; }
      const d = r.data;
      const k = d.kortdurendZorgverlof || {};
      const l = d.langdurendZorgverlof || {};
      render(this.querySelector('#uitkomst'), h`<h2 class="utrecht-heading-2">Uitkomst</h2>
        <p class="utrecht-paragraph">Venster van ${formatDate(d.venster?.van)} tot en met ${formatDate(d.venster?.totEnMet)}${d.nieuwVenster ? ' (nieuw venster)' : ''}.</p>
        ${table('Zorgverlof', [['Soort', x => x[0]], ['Recht (uren)', x => x[1].rechtUren], ['Opgenomen', x => x[1].opgenomenUren], ['Resterend', x => x[1].resterendUren], ['Betaling', x => x[2]]],
          [['Kortdurend', k, `${k.doorbetalingPercentage}% doorbetaald, ${formatMoney(k.doorbetaaldUurloon)} per uur; resterende uren samen ${formatMoney(k.doorbetalingResterendeUren)}`],
           ['Langdurend', l, `Onbetaald; vroegste ingang ${formatDate(l.vroegsteIngangsdatum)}${l.opzegtermijnGehaald === false ? ' (gewenste ingang haalt de opzegtermijn niet)' : ''}`]])}
        ${(d.toelichting || []).length ? h`<ul>${d.toelichting.map(t => h`<li>${t}</li>`)}</ul>` : ''}`);
      announce('Zorgverlof berekend');
    });
  }
}
customElements.define('mk-werkgevers', EmployerPage);
