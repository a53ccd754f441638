// Back-office part of the appreciation module for consultants: the queue of applications to decide, one application
// with its evaluation (a Dutch reason per rule) and the decision, applying for a registered caregiver, the report.
import { PartElement, api, h, field, button, formJson, table, problemBox, alertBox, render, showProblem, link, formatDate, formatMoney, announce, latestOnly, download } from '/backoffice/shell/lib.js';
import { reportPage, STATUS } from './waardering-rapport.js';

// letters (issue 19): the kinds as the consultant reads them
const SOORT = { toekenning: 'Besluit: toekenning', afwijzing: 'Besluit: afwijzing', herziening: 'Beslissing op bezwaar', waardebon: 'Waardebon' };

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
        <div class="mk-actions">${button('Besluit vastleggen', { type: 'submit' })}</div></form>` : ''}
      <div id="brieven-en-bezwaren"></div>`);
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
    await this.lettersAndObjections(a, id);
  }

  // ---- letters and objections (issue 19, A1) ----
  async lettersAndObjections(a, id) {
    const section = this.querySelector('#brieven-en-bezwaren');
    const [l, o] = await Promise.all([api(this.t(`/waarderingsaanvragen/${a.id}/brieven`)), api(this.t(`/waarderingsaanvragen/${a.id}/bezwaren`))]);
    const letters = l.ok ? l.data.brieven : [];
    const objections = o.ok ? o.data.bezwaren : [];
    const decided = a.status === 'toegekend' || a.status === 'afgewezen';
    const reviewed = objections.some(b => b.uitkomst);
    render(section, h`${l.ok ? table('Brieven', [['Soort', b => SOORT[b.soort] ?? b.soort], ['Gemaakt', b => formatDate(b.gemaaktOp)],
        ['Brief', b => button(`Download ${b.bestandsnaam}`, { kind: 'secondary', name: 'brief', value: b.id })]], letters) : problemBox(l.problem)}
      ${objections.length ? table('Bezwaren', [['Ontvangen', b => formatDate(b.ontvangenOp)], ['Tijdig', b => b.tijdig ? 'Ja' : `Nee (termijn tot en met ${formatDate(b.uiterlijk)})`],
        ['Gronden', b => b.gronden ?? ''], ['Uitkomst', b => b.uitkomst ?? 'Nog niet beslist'], ['Motivering', b => b.motivering ?? '']], objections) : ''}
      ${decided && !reviewed ? h`<h2 class="utrecht-heading-2">Bezwaar vastleggen</h2><form id="bezwaar" novalidate>
        ${field({ name: 'ontvangenOp', label: 'Ontvangen op', type: 'date', required: true, value: new Date().toISOString().slice(0, 10) })}
        ${field({ name: 'gronden', label: 'Gronden van het bezwaar', type: 'textarea', rows: 3, required: true })}
        <div class="mk-actions">${button('Bezwaar vastleggen', { type: 'submit' })}</div></form>` : ''}
      ${a.status === 'bezwaar' ? h`<h2 class="utrecht-heading-2">Beslissing op bezwaar</h2><form id="beslissing-op-bezwaar" novalidate>
        ${field({ name: 'uitkomst', label: 'Uitkomst', type: 'select', required: true, choices: [['', 'Kies'], ['gegrond', 'Gegrond (tegen een afwijzing: toekennen)'], ['ongegrond', 'Ongegrond (het besluit blijft)']] })}
        ${field({ name: 'motivering', label: 'Motivering', type: 'textarea', rows: 3, required: true, hint: 'De mantelzorger leest dit in de brief.' })}
        <div class="mk-actions">${button('Beslissing vastleggen', { type: 'submit' })}</div></form>` : ''}`);
    section.querySelectorAll('[name=brief]').forEach(b => b.addEventListener('click', async () => {
      const letter = letters.find(x => x.id === b.value);
      const r = await download(this.t(`/waarderingsaanvragen/${a.id}/brieven/${b.value}`), letter.bestandsnaam, 'application/pdf');
      if (!r.ok) render(this.querySelector('#uitkomst'), problemBox(r.problem));
    }));
    const objection = section.querySelector('#bezwaar');
    objection?.addEventListener('submit', async ev => {
      ev.preventDefault();
      const d = await api(this.t(`/waarderingsaanvragen/${a.id}/bezwaren`), { method: 'POST', body: formJson(objection) });
      if (!d.ok) { showProblem(objection, d.problem); return; }
      const msg = d.data.tijdig ? 'Bezwaar vastgelegd.' : `Bezwaar vastgelegd. Let op: te laat (de termijn liep tot en met ${formatDate(d.data.uiterlijk)}).`;
      announce(msg);
      await this.application(id);
      render(this.querySelector('#uitkomst'), alertBox(d.data.tijdig ? 'ok' : 'warning', msg));
    });
    const review = section.querySelector('#beslissing-op-bezwaar');
    review?.addEventListener('submit', async ev => {
      ev.preventDefault();
      const d = await api(this.t(`/waarderingsaanvragen/${a.id}/beslissing-op-bezwaar`), { method: 'POST', body: formJson(review) });
      if (!d.ok) { showProblem(review, d.problem); return; }
      announce(`Beslissing op bezwaar vastgelegd: ${STATUS[d.data.status] ?? d.data.status}`);
      await this.application(id);
      render(this.querySelector('#uitkomst'), alertBox('ok', `Beslissing op bezwaar vastgelegd: ${STATUS[d.data.status] ?? d.data.status}. De brief staat bij de brieven.`));
    });
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
