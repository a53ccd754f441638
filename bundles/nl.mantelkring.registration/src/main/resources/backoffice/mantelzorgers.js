// Back-office part of the registration module (served from the module's own bundle): search caregivers,
// register one, view one with care relations and the overload trend, add a relation or check, erase (AVG art. 17).
import { PartElement, api, h, raw, field, button, formJson, table, problemBox, alertBox, render, showProblem, link, formatDate, barChart, announce, latestOnly } from '/backoffice/shell/lib.js';

const RELATIONS = [['partner', 'Partner'], ['ouder', 'Ouder'], ['kind', 'Kind'], ['ander-familielid', 'Ander familielid'], ['buur', 'Buur'], ['vriend', 'Vriend'], ['anders', 'Anders']];
const CARE = [['huishouden', 'Huishouden'], ['persoonlijke-verzorging', 'Persoonlijke verzorging'], ['verpleegkundige-zorg', 'Verpleegkundige zorg'], ['begeleiding', 'Begeleiding'], ['emotionele-steun', 'Emotionele steun'], ['administratie', 'Administratie'], ['vervoer', 'Vervoer']];
const CHANNEL = { 'e-mail': 'E-mail', post: 'Post (afdrukbatch)' };
const STATUS = { wachtrij: 'In de wachtrij', verzonden: 'Verzonden', afdrukken: 'Wordt afgedrukt', mislukt: 'Mislukt', onbestelbaar: 'Onbestelbaar' };
const RETRY = ['mislukt', 'onbestelbaar'];
const OUTCOME = { groen: 'Groen (niet overbelast)', oranje: 'Oranje (let op)', rood: 'Rood (overbelast)' };

function fullName(n) {
  return [n?.voornaam, n?.tussenvoegsel, n?.achternaam].filter(Boolean).join(' ');
}

class CaregiverPage extends PartElement {
  show(route) {
    if (route === '') return this.search();
    if (route === 'registreren') return this.register();
    if (route === 'wisverzoeken') return this.erasureRequests();
    return this.detail(route);
  }

  async search() {
    this.page('Mantelzorgers zoeken', h`<form id="zoeken" class="mk-form-grid" role="search" novalidate>
      ${field({ name: 'naam', label: 'Naam' })}
      ${field({ name: 'postcode', label: 'Postcode', hint: 'Heel (1012 AB) of een gebied (1012 of 10)' })}
      ${field({ name: 'status', label: 'Status', type: 'select', choices: [['', 'Alle'], ['actief', 'Actief'], ['uitgeschreven', 'Uitgeschreven']] })}
      ${field({ name: 'belasting', label: 'Laatste belastingscheck', type: 'select', choices: [['', 'Alle'], ['groen', 'Groen'], ['oranje', 'Oranje'], ['rood', 'Rood']] })}
      <div class="mk-actions mk-wide">${button('Zoeken', { type: 'submit' })}
      <a class="utrecht-button-link utrecht-button-link--secondary-action" href="${link(this, 'registreren')}">Nieuwe mantelzorger registreren</a></div>
      </form><div id="resultaten"></div>`);
    const form = this.querySelector('#zoeken');
    const out = this.querySelector('#resultaten');
    const load = latestOnly(out, async current => {
      const q = new URLSearchParams({ paginaGrootte: 50, ...formJson(form) });
      const r = await api(this.t(`/mantelzorgers?${q}`));
      if (!current()) return;
      if (!r.ok) { if (r.status === 400) showProblem(form, r.problem); else render(out, problemBox(r.problem)); return; }
      render(out, table(`Gevonden mantelzorgers: ${r.data.paginering.totaal}`, [
        ['Naam', m => h`<a class="utrecht-link" href="${link(this, m.id)}">${fullName(m.naam)}</a>`],
        ['Geboortedatum', m => formatDate(m.geboortedatum)], ['Postcode', m => m.adres?.postcode],
        ['Zorgrelaties', m => m.aantalActieveZorgrelaties ?? 0],
        ['Belasting', m => OUTCOME[m.laatsteBelastingscheck?.uitkomst] ?? 'Geen check'], ['Status', m => m.status],
      ], r.data.resultaten));
      announce(`${r.data.paginering.totaal} mantelzorgers gevonden`);
    });
    form.addEventListener('submit', ev => { ev.preventDefault(); load(); });
    await load();
  }

  register() {
    this.page('Mantelzorger registreren', h`<p class="utrecht-paragraph">Registratie is vrijwillig; leg alleen vast wat nodig is.</p>
      <form id="registreren" novalidate>
      <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset"><legend class="utrecht-form-fieldset__legend">Persoon</legend><div class="mk-form-grid">
        ${field({ name: 'naam.voornaam', label: 'Voornaam', autocomplete: 'off' })}
        ${field({ name: 'naam.tussenvoegsel', label: 'Tussenvoegsel', autocomplete: 'off' })}
        ${field({ name: 'naam.achternaam', label: 'Achternaam', required: true, autocomplete: 'off' })}
        ${field({ name: 'geboortedatum', label: 'Geboortedatum', type: 'date', required: true })}
      </div></fieldset>
      <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset"><legend class="utrecht-form-fieldset__legend">Adres</legend><div class="mk-form-grid">
        ${field({ name: 'adres.postcode', label: 'Postcode', required: true, hint: 'Bijvoorbeeld 1012 AB' })}
        ${field({ name: 'adres.huisnummer', label: 'Huisnummer', type: 'number', required: true, min: 1 })}
        ${field({ name: 'adres.huisnummertoevoeging', label: 'Toevoeging' })}
        ${field({ name: 'adres.straat', label: 'Straat' })}
        ${field({ name: 'adres.woonplaats', label: 'Woonplaats' })}
      </div></fieldset>
      <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset"><legend class="utrecht-form-fieldset__legend">Contact</legend><div class="mk-form-grid">
        ${field({ name: 'email', label: 'E-mailadres', type: 'email' })}
        ${field({ name: 'telefoon', label: 'Telefoonnummer', type: 'tel' })}
        ${field({ name: 'voorkeurskanaal', label: 'Voorkeurskanaal', type: 'select', choices: [['', 'Geen voorkeur'], ['e-mail', 'E-mail'], ['telefoon', 'Telefoon'], ['post', 'Post']] })}
        ${field({ name: 'iban', label: 'IBAN', hint: 'Voor de uitbetaling van de mantelzorgwaardering' })}
        ${field({ name: 'woontInGemeente', label: 'Woont in de gemeente', type: 'checkbox', value: true })}
        ${field({ name: 'werkend', label: 'Combineert mantelzorg met betaald werk', type: 'checkbox' })}
      </div></fieldset>
      <div class="mk-actions">${button('Registreren', { type: 'submit' })}</div></form>`);
    const form = this.querySelector('#registreren');
    form.addEventListener('submit', async ev => {
      ev.preventDefault();
      const body = formJson(form);
      const r = await api(this.t('/mantelzorgers'), { method: 'POST', body });
      if (r.status === 409 && r.problem.bestaandeRegistratie) {
        const id = r.problem.bestaandeRegistratie.split('/').pop();
        showProblem(form, r.problem);
        form.querySelector('.mk-problem').insertAdjacentHTML('beforeend', h`<p class="utrecht-paragraph"><a class="utrecht-link" href="${link(this, id)}">Bekijk de bestaande registratie</a></p>`.__html);
        return;
      }
      if (!r.ok) { showProblem(form, r.problem); return; }
      announce('Mantelzorger geregistreerd');
      location.hash = link(this, `${r.data.id}`);
    });
  }

  /** Erasure requests caregivers made in the loket (policy registratie.wisverzoek: a consultant handles them). */
  async erasureRequests() {
    const r = await api(this.t('/wisverzoeken?paginaGrootte=100'));
    if (!r.ok) { this.page('Wisverzoeken', problemBox(r.problem)); return; }
    this.page('Wisverzoeken', h`<p class="utrecht-paragraph">Mantelzorgers die in het loket vroegen om hun gegevens te wissen. Wissen doet u bij de mantelzorger; daarmee is het verzoek afgehandeld.</p>
      ${table(`Open wisverzoeken: ${r.data.paginering.totaal}`, [
        ['Mantelzorger', w => h`<a class="utrecht-link" href="${link(this, w.mantelzorgerId)}">${w.naam || w.mantelzorgerId}</a>`],
        ['Ingediend', w => formatDate(w.ingediendOp)], ['Toelichting', w => w.toelichting ?? ''],
      ], r.data.resultaten)}`);
  }

  async detail(id) {
    const r = await api(this.t(`/mantelzorgers/${encodeURIComponent(id)}`));
    if (!r.ok) { this.page('Mantelzorger', problemBox(r.problem)); return; }
    const m = r.data;
    const checks = [...(m.belastingschecks || [])].sort((a, b) => a.datum.localeCompare(b.datum));
    const relations = m.zorgrelaties || [];
    this.page(fullName(m.naam), h`<div id="meldingen"></div>
      <dl class="mk-dl">
        <dt>Status</dt><dd>${m.status}${m.uitgeschrevenOp ? ` sinds ${formatDate(m.uitgeschrevenOp)}` : ''}</dd>
        <dt>Geboortedatum</dt><dd>${formatDate(m.geboortedatum)} (${m.leeftijd ?? '?'} jaar)${m.jongeMantelzorger ? ', jonge mantelzorger' : ''}</dd>
        <dt>Adres</dt><dd>${[m.adres?.straat, m.adres?.huisnummer, m.adres?.huisnummertoevoeging].filter(Boolean).join(' ')}, ${m.adres?.postcode} ${m.adres?.woonplaats ?? ''}</dd>
        <dt>Contact</dt><dd>${[m.email, m.telefoon].filter(Boolean).join(', ') || 'Geen'}</dd>
        <dt>Werkend</dt><dd>${m.werkend ? 'Ja' : 'Nee'}</dd>
        <dt>Geregistreerd</dt><dd>${formatDate(m.geregistreerdOp)}</dd>
        <dt>Id</dt><dd><code>${m.id}</code></dd>
      </dl>
      <h2 class="utrecht-heading-2">Zorgrelaties</h2>
      ${table('Zorgrelaties van deze mantelzorger', [
        ['Zorgvrager', z => z.zorgvrager?.naam ?? z.zorgvrager?.anoniemeReferentie ?? 'Onbekend'], ['Relatie', z => z.relatie],
        ['Sinds', z => formatDate(z.zorgSinds)], ['Uren per week', z => z.urenPerWeek], ['Soorten zorg', z => (z.soortenZorg || []).join(', ')],
        ['Status', z => z.status], ['Id', z => h`<code>${z.id}</code>`],
      ], relations)}
      <details class="mk-details"><summary class="utrecht-button utrecht-button--secondary-action">Zorgrelatie toevoegen</summary>
      <form id="zorgrelatie" novalidate><div class="mk-form-grid">
        ${field({ name: 'zorgvrager.naam', label: 'Naam zorgvrager' })}
        ${field({ name: 'relatie', label: 'Relatie', type: 'select', required: true, choices: [['', 'Kies'], ...RELATIONS], hint: 'De zorgvrager is de ... van de mantelzorger' })}
        ${field({ name: 'zorgSinds', label: 'Zorgt sinds', type: 'date', required: true })}
        ${field({ name: 'urenPerWeek', label: 'Uren per week', type: 'number', required: true, step: '0.5', min: 0 })}
        ${field({ name: 'soortenZorg', label: 'Soorten zorg', required: true, hint: `Met komma's: ${CARE.map(c => c[0]).join(', ')}` })}
        ${field({ name: 'zorgvrager.woontInGemeente', label: 'Zorgvrager woont in de gemeente', type: 'checkbox', value: true })}
      </div><div class="mk-actions">${button('Zorgrelatie opslaan', { type: 'submit' })}</div></form></details>
      <h2 class="utrecht-heading-2">Belasting door de tijd</h2>
      ${checks.length ? barChart('Score per belastingscheck', checks.map(c => [`${formatDate(c.datum)} (${c.uitkomst})`, c.score]))
        : alertBox('info', 'Nog geen belastingscheck.')}
      ${checks.length ? table('Belastingschecks', [['Datum', c => formatDate(c.datum)], ['Score', c => `${c.score} van ${c.maximaleScore}`], ['Uitkomst', c => OUTCOME[c.uitkomst] ?? c.uitkomst], ['Advies', c => c.advies ?? '']], checks) : ''}
      <details class="mk-details" id="check-details"><summary class="utrecht-button utrecht-button--secondary-action">Belastingscheck afnemen</summary><div id="check"></div></details>
      <h2 class="utrecht-heading-2">Berichten</h2>
      <div id="berichten"></div>
      <h2 class="utrecht-heading-2">Gegevens wissen</h2>
      <p class="utrecht-paragraph">Wissen (recht op vergetelheid, AVG art. 17) verwijdert de mantelzorger, de zorgrelaties, toestemmingen en checks definitief, ook in andere modules.</p>
      <div id="wissen"><div class="mk-actions">${button('Mantelzorger wissen', { kind: 'secondary', name: 'wissen' })}</div></div>`);
    this.relationForm(id);
    this.checkForm(id);
    this.messages(id);
    this.querySelector('[name=wissen]').addEventListener('click', () => this.confirmErase(id, fullName(m.naam)));
  }

  // The messages to this caregiver from the platform's outbox (issue 19): what was sent, printed or failed, and why.
  async messages(id) {
    const holder = this.querySelector('#berichten');
    const r = await api(this.t(`/berichten?betrokkene=${encodeURIComponent(id)}&paginaGrootte=100`));
    if (!r.ok) { render(holder, problemBox(r.problem)); return; }
    const items = r.data.resultaten ?? [];
    if (!items.length) { render(holder, alertBox('info', 'Nog geen berichten aan deze mantelzorger.')); return; }
    render(holder, table('Berichten aan deze mantelzorger', [
      ['Onderwerp', b => b.onderwerp ?? '(verwijderd na de bewaartermijn)'], ['Soort', b => b.soort],
      ['Kanaal', b => CHANNEL[b.kanaal] ?? b.kanaal ?? 'Nog niet gekozen'], ['Status', b => STATUS[b.status] ?? b.status],
      ['Probleem', b => b.probleem ?? ''], ['Aangemaakt', b => formatDate(b.aangemaaktOp)],
      ['Verzonden', b => b.verzondenOp ? formatDate(b.verzondenOp) : ''],
      ['', b => RETRY.includes(b.status) ? button('Opnieuw versturen', { kind: 'secondary', name: 'opnieuw', value: b.id }) : ''],
    ], items));
    holder.querySelectorAll('[name=opnieuw]').forEach(el => el.addEventListener('click', async () => {
      const again = await api(this.t(`/berichten/${encodeURIComponent(el.value)}/opnieuw`), { method: 'POST' });
      if (!again.ok) { render(holder, problemBox(again.problem)); return; }
      announce('Bericht staat opnieuw in de wachtrij');
      await this.messages(id);
    }));
  }

  relationForm(id) {
    const form = this.querySelector('#zorgrelatie');
    form.elements.soortenZorg.dataset.type = 'list';
    form.addEventListener('submit', async ev => {
      ev.preventDefault();
      const r = await api(this.t(`/mantelzorgers/${id}/zorgrelaties`), { method: 'POST', body: formJson(form) });
      if (!r.ok) { showProblem(form, r.problem); return; }
      announce('Zorgrelatie toegevoegd');
      await this.detail(id);
    });
  }

  async checkForm(id) {
    const holder = this.querySelector('#check');
    const q = await api(this.t('/belastingscheck-vragenlijsten/actueel'));
    if (!q.ok) { render(holder, problemBox(q.problem)); return; }
    render(holder, h`<form id="belastingscheck" novalidate>${q.data.vragen.map(v => field({
      name: `antwoorden.${v.id}`, label: v.tekst, type: 'select', required: true, wide: true,
      choices: [['', 'Kies een antwoord'], ...v.antwoorden.map(a => [a.code, a.tekst])] }))}
      <div class="mk-actions">${button('Check vastleggen', { type: 'submit' })}</div></form>`);
    const form = holder.querySelector('form');
    form.addEventListener('submit', async ev => {
      ev.preventDefault();
      const r = await api(this.t(`/mantelzorgers/${id}/belastingschecks`), { method: 'POST', body: formJson(form) });
      if (!r.ok) { showProblem(form, r.problem); return; }
      announce(`Belastingscheck vastgelegd: ${r.data.uitkomst}`);
      await this.detail(id);
    });
  }

  confirmErase(id, name) {
    const box = this.querySelector('#wissen');
    render(box, h`<div class="utrecht-alert utrecht-alert--warning" role="alertdialog" aria-labelledby="wissen-titel" aria-describedby="wissen-tekst">
      <p class="utrecht-paragraph" id="wissen-titel"><strong>Weet u zeker dat u ${name} wilt wissen?</strong></p>
      <p class="utrecht-paragraph" id="wissen-tekst">Dit kan niet ongedaan worden gemaakt.</p>
      <div class="mk-actions">${button('Ja, definitief wissen', { name: 'bevestig' })}${button('Annuleren', { kind: 'secondary', name: 'annuleer' })}</div></div>`);
    box.querySelector('[name=annuleer]').addEventListener('click', () => this.detail(id));
    box.querySelector('[name=bevestig]').addEventListener('click', async () => {
      const r = await api(this.t(`/mantelzorgers/${id}`), { method: 'DELETE' });
      if (!r.ok) { render(box, problemBox(r.problem)); return; }
      this.page('Mantelzorger gewist', h`${alertBox('ok', `${name} is gewist.`)}<p class="utrecht-paragraph"><a class="utrecht-link" href="${link(this)}">Terug naar zoeken</a></p>`);
    });
    box.querySelector('[name=annuleer]').focus();
  }
}
customElements.define('mk-mantelzorgers', CaregiverPage);
