// Back-office part of the appreciation module for consultants: the queue of applications to decide, one application
// with its evaluation (a Dutch reason per rule) and the decision, applying for a registered caregiver, the report.
import { PartElement, api, h, field, button, formJson, table, problemBox, alertBox, render, showProblem, link, formatDate, formatMoney, announce, latestOnly } from '/backoffice/shell/lib.js';
import { reportPage, STATUS } from './waardering-rapport.js';

// how an application came in (aanvraagkanaal)
const KANAAL = { loket: 'Loket (burger met DigiD)', balie: 'Balie (medewerker)' };

function name(n) {
  return [n?.voornaam, n?.tussenvoegsel, n?.achternaam].filter(Boolean).join(' ');
}

class AppreciationPage extends PartElement {
  show(route) {
    if (route === '') return this.queue();
    if (route === 'aanvragen') return this.apply();
    if (route === 'rapportage') return reportPage(this);
    return this.application(route);
  }

  async queue() {
    const year = new Date().getFullYear();
    this.page('Aanvragen mantelzorgwaardering', h`<form id="wachtrij" class="mk-form-grid" novalidate>
      ${field({ name: 'jaar', label: 'Jaar', type: 'number', value: year, min: 2000, max: 2100 })}
      ${field({ name: 'status', label: 'Status', type: 'select', value: 'ingediend', choices: [['', 'Alle'], ...Object.entries(STATUS)] })}
      ${field({ name: 'aanvraagkanaal', label: 'Kanaal', type: 'select', value: '', choices: [['', 'Alle'], ...Object.entries(KANAAL)] })}
      <div class="mk-actions mk-wide">${button('Tonen', { type: 'submit' })}</div></form><div id="aanvragen"></div>`);
    const form = this.querySelector('#wachtrij');
    const out = this.querySelector('#aanvragen');
    const load = latestOnly(out, async current => {
      const q = new URLSearchParams({ paginaGrootte: 100, ...formJson(form) });
      const r = await api(this.t(`/waarderingsaanvragen?${q}`));
      if (!current()) return;
      if (!r.ok) { if (r.status === 400) showProblem(form, r.problem); else render(out, problemBox(r.problem)); return; }
      render(out, table(`Aanvragen: ${r.data.paginering.totaal}`, [
        ['Ingediend', a => formatDate(a.ingediendOp)], ['Status', a => STATUS[a.status] ?? a.status],
        ['Beoordeling', a => a.beoordeling ?? ''], ['Bedrag', a => formatMoney(a.bedrag)],
        ['Kanaal', a => KANAAL[a.aanvraagkanaal] ?? a.aanvraagkanaal ?? ''],
        ['Aanvraag', a => h`<a class="utrecht-link" href="${link(this, a.id)}">Aanvraag bekijken<span class="mk-visually-hidden"> van ${formatDate(a.ingediendOp)}</span></a>`],
      ], r.data.resultaten));
    });
    form.addEventListener('submit', ev => { ev.preventDefault(); load(); });
    await load();
  }

  async application(id) {
    const r = await api(this.t(`/waarderingsaanvragen/${encodeURIComponent(id)}`));
    if (!r.ok) { this.page('Aanvraag', problemBox(r.problem)); return; }
    const a = r.data;
    const open = a.status === 'ingediend' || a.status === 'wachten';
    this.page(`Aanvraag ${a.jaar}`, h`<div id="uitkomst"></div><dl class="mk-dl">
      <dt>Status</dt><dd id="status">${STATUS[a.status] ?? a.status}</dd><dt>Beoordeling</dt><dd>${a.beoordeling ?? ''}</dd>
      <dt>Bedrag</dt><dd>${a.uitTeBetalen != null ? formatMoney(a.uitTeBetalen) : formatMoney(a.bedrag)}${a.bedragVoorlopig ? ' (voorlopig: ten hoogste; staat vast bij de betaalrun)' : ''}</dd><dt>Uitkering</dt><dd>${a.kanaal ?? ''}</dd>
      <dt>Kanaal</dt><dd id="aanvraagkanaal">${KANAAL[a.aanvraagkanaal] ?? a.aanvraagkanaal ?? ''}</dd>
      <dt>Ingediend</dt><dd>${formatDate(a.ingediendOp)}</dd>
      <dt>Mantelzorger</dt><dd><a class="utrecht-link" href="#/${this.tenant}/mantelzorgers/${a.mantelzorgerId}">Mantelzorger bekijken</a></dd>
      ${a.besluitReden ? h`<dt>Reden besluit</dt><dd>${a.besluitReden}</dd>` : ''}</dl>
      ${table('Beoordeling per regel', [['Regel', g => g.regel], ['Voldaan', g => g.voldaan ? 'Ja' : 'Nee'], ['Toelichting', g => g.toelichting]], a.regels || [])}
      ${open ? h`<h2 class="utrecht-heading-2">Besluit</h2><form id="besluit" novalidate>
        ${field({ name: 'besluit', label: 'Besluit', type: 'select', required: true, choices: [['', 'Kies'], ['toekennen', 'Toekennen'], ['afwijzen', 'Afwijzen']] })}
        ${field({ name: 'reden', label: 'Reden', type: 'textarea', rows: 3, hint: 'Verplicht bij afwijzen' })}
        <div class="mk-actions">${button('Besluit vastleggen', { type: 'submit' })}</div></form>` : ''}`);
    const form = this.querySelector('#besluit');
    form?.addEventListener('submit', async ev => {
      ev.preventDefault();
      const d = await api(this.t(`/waarderingsaanvragen/${a.id}/besluit`), { method: 'POST', body: formJson(form) });
      if (!d.ok) { showProblem(form, d.problem); return; }
      announce(`Besluit vastgelegd: ${STATUS[d.data.status] ?? d.data.status}`);
      await this.application(id);
      render(this.querySelector('#uitkomst'), alertBox('ok', `Besluit vastgelegd: ${STATUS[d.data.status] ?? d.data.status}.`));
    });
    await this.informationRequests(a, open);
  }

  async apply() {
    this.page('Aanvraag indienen', h`<p class="utrecht-paragraph">Zoek de geregistreerde mantelzorger, kies de zorgrelatie en dien de aanvraag in. De aanvraag wordt direct beoordeeld.</p>
      <form id="zoek" class="mk-form-grid" role="search" novalidate>${field({ name: 'naam', label: 'Naam mantelzorger', required: true })}
      <div class="mk-actions mk-wide">${button('Zoeken', { type: 'submit' })}</div></form><div id="keuze"></div>`);
    const form = this.querySelector('#zoek');
    form.addEventListener('submit', async ev => {
      ev.preventDefault();
      const r = await api(this.t(`/mantelzorgers?${new URLSearchParams({ status: 'actief', paginaGrootte: 20, ...formJson(form) })}`));
      const out = this.querySelector('#keuze');
      if (!r.ok) { showProblem(form, r.problem); return; }
      render(out, table('Mantelzorgers', [['Naam', m => name(m.naam)], ['Geboortedatum', m => formatDate(m.geboortedatum)],
        ['Postcode', m => m.adres?.postcode], ['', m => button(`Kies ${name(m.naam)}`, { kind: 'secondary', name: 'kies', value: m.id })]], r.data.resultaten));
      out.querySelectorAll('[name=kies]').forEach(b => b.addEventListener('click', () => this.applyFor(b.value)));
    });
  }

  async applyFor(caregiverId) {
    const out = this.querySelector('#keuze');
    const r = await api(this.t(`/mantelzorgers/${caregiverId}`));
    if (!r.ok) { render(out, problemBox(r.problem)); return; }
    const relations = (r.data.zorgrelaties || []).filter(z => z.status === 'actief');
    if (!relations.length) { render(out, alertBox('warning', 'Deze mantelzorger heeft geen actieve zorgrelatie.', 'Voeg eerst een zorgrelatie toe.')); return; }
    render(out, h`<h2 class="utrecht-heading-2">Aanvraag voor ${name(r.data.naam)}</h2><form id="aanvraag" novalidate>
      <input type="hidden" name="mantelzorgerId" value="${caregiverId}">
      ${field({ name: 'zorgrelatieId', label: 'Zorgrelatie', type: 'select', required: true, choices: relations.map(z => [z.id, `${z.zorgvrager?.naam ?? 'Zorgvrager'} (${z.relatie}, ${z.urenPerWeek} uur per week)`]) })}
      ${field({ name: 'jaar', label: 'Jaar', type: 'number', value: new Date().getFullYear(), min: 2000, max: 2100 })}
      ${field({ name: 'aanvrager', label: 'Aangevraagd door', type: 'select', required: true, value: 'consulent', choices: [['consulent', 'Consulent'], ['mantelzorger', 'Mantelzorger'], ['zorgvrager', 'Zorgvrager']] })}
      ${field({ name: 'uitbetaalwijze', label: 'Uitbetaalwijze', type: 'select', choices: [['', 'Volgens de regels van de gemeente'], ['geld', 'Geld (op de rekening)'], ['waardebon', 'Waardebon']], hint: 'Alleen als de regels de mantelzorger laten kiezen' })}
      ${field({ name: 'zorgBetaald', label: 'De zorg wordt betaald (bijvoorbeeld uit een pgb)', type: 'checkbox' })}
      <div class="mk-actions">${button('Aanvraag indienen', { type: 'submit' })}</div></form>`);
    const form = out.querySelector('#aanvraag');
    form.querySelector('h2, select')?.focus();
    form.addEventListener('submit', async ev => {
      ev.preventDefault();
      const a = await api(this.t('/waarderingsaanvragen'), { method: 'POST', body: formJson(form) });
      if (!a.ok) { showProblem(form, a.problem); return; }
      announce(`Aanvraag ingediend: ${STATUS[a.data.status] ?? a.data.status}`);
      location.hash = link(this, a.data.id);
    });
  }

  // Issue 19: asking the caregiver for more information while the application is open; the requests so far.
  async informationRequests(a, open) {
    const holder = document.createElement('section');
    holder.id = 'informatieverzoeken';
    this.querySelector('#uitkomst').parentElement.append(holder);
    const r = await api(this.t(`/waarderingsaanvragen/${a.id}/informatieverzoeken`));
    if (!r.ok) { render(holder, problemBox(r.problem)); return; }
    render(holder, h`<h2 class="utrecht-heading-2">Informatie vragen</h2>
      ${r.data.resultaten.length ? table('Gevraagde informatie', [['Gevraagd', v => formatDate(v.gevraagdOp)], ['Door', v => v.gevraagdDoor], ['Toelichting', v => v.toelichting ?? '(gewist)']], r.data.resultaten) : ''}
      ${open ? h`<form id="informatie" novalidate>
        ${field({ name: 'toelichting', label: 'Wat moet de mantelzorger nog sturen of laten weten?', type: 'textarea', rows: 3, required: true, hint: 'De mantelzorger krijgt dit in een bericht. Geen BSN, IBAN of gezondheidsgegevens.' })}
        <div class="mk-actions">${button('Bericht versturen', { type: 'submit' })}</div></form>` : ''}`);
    const form = holder.querySelector('#informatie');
    form?.addEventListener('submit', async ev => {
      ev.preventDefault();
      const d = await api(this.t(`/waarderingsaanvragen/${a.id}/informatieverzoeken`), { method: 'POST', body: formJson(form) });
      if (!d.ok) { showProblem(form, d.problem); return; }
      announce('Informatieverzoek verstuurd');
      holder.remove();
      await this.informationRequests(a, open);
    });
  }
}
customElements.define('mk-waardering', AppreciationPage);
