// Back-office part of the appreciation module for municipal administrators: the year's rules (policy
// waardering.regels per year, a new version on every save), payment runs with progress and SEPA file download,
// and the year's report.
import { PartElement, api, h, field, button, formJson, table, problemBox, alertBox, render, showProblem, clearProblem, link, formatDate, formatMoney, progressBar, updateProgress, download, announce } from '/backoffice/shell/lib.js';
import { reportPage } from './waardering-rapport.js';

const KEY = 'waardering.regels';
const PAY_KEY = 'waardering.betaling';
const LETTER_KEY = 'waardering.brieven';
const LETTER_KINDS = [['toekenning', 'Besluit: toekenning'], ['afwijzing', 'Besluit: afwijzing'], ['herziening', 'Beslissing op bezwaar'], ['waardebon', 'Waardebon']];
// the placeholders per kind (LetterPolicy.PLACEHOLDERS; docs/letters.md); ja/nee values are for sections {{#x}}...{{/x}}
const COMMON = [['naam', 'naam van de mantelzorger'], ['datum', 'datum van de brief'], ['kenmerk', 'kenmerk (ons kenmerk)'], ['jaar', 'jaar van de waardering'], ['aanvraagdatum', 'datum van de aanvraag'],
  ['bezwaarTermijnWeken', 'bezwaartermijn in weken'], ['bezwaarUiterlijk', 'laatste dag voor bezwaar'], ['metPostadres', 'ja/nee: postadres voor bezwaar ingevuld'], ['bezwaarPostadres', 'postadres voor bezwaar'],
  ['metEmail', 'ja/nee: e-mailadres ingevuld'], ['bezwaarEmail', 'e-mailadres voor bezwaar'], ['metWebformulier', 'ja/nee: webformulier ingevuld'], ['bezwaarWebformulier', 'webformulier voor bezwaar']];
const DECISION = [['bedrag', 'bedrag, zoals € 100,00'], ['bedragBekend', 'ja/nee: bedrag bekend'], ['bedragVoorlopig', 'ja/nee: bedrag nog voorlopig'], ['uitbetaalwijze', 'hoe de gemeente uitbetaalt (zin)'],
  ['geld', 'ja/nee: op de bankrekening'], ['waardebon', 'ja/nee: als waardebon'], ['verwachteBetaaldatum', 'verwachte datum van uitbetaling'],
  ['gronden', 'lijst van alle regels, met regel, uitleg, voldaan'], ['nietVoldaan', 'lijst van de regels waaraan niet is voldaan'], ['regel', 'naam van de regel (in een lijst)'], ['uitleg', 'uitleg bij de regel (in een lijst)'], ['voldaan', 'ja/nee (in een lijst)'],
  ['metToelichting', 'ja/nee: consulent gaf een toelichting'], ['besluitToelichting', 'toelichting van de consulent']];
const LETTER_PLACEHOLDERS = { toekenning: [...COMMON, ...DECISION], afwijzing: [...COMMON, ...DECISION],
  herziening: [...COMMON, ...DECISION, ['bezwaarOntvangenOp', 'datum waarop het bezwaar binnenkwam'], ['gegrond', 'ja/nee'], ['ongegrond', 'ja/nee'], ['motivering', 'motivering van de beslissing'], ['toegekend', 'ja/nee: nu toegekend'], ['afgewezen', 'ja/nee: nu afgewezen']],
  waardebon: [...COMMON, ['waardeboncode', 'code van de waardebon'], ['geldigTot', 'laatste dag dat de waardebon geldig is'], ['bedrag', 'waarde'], ['bedragBekend', 'ja/nee: waarde bekend']] };
const GRANT_STATUS = { toegekend: 'Toegekend', 'in-betaalrun': 'In betaalrun', betaald: 'Betaald', teruggeboekt: 'Teruggeboekt', uitgegeven: 'Waardebon uitgegeven', ingewisseld: 'Waardebon ingewisseld' };
const RUN_STATUS = { voorbereiden: 'Toekenningen vastleggen', bezig: 'Bestanden maken', gereed: 'Gereed', mislukt: 'Mislukt', bevestigd: 'Bevestigd door de bank', geannuleerd: 'Geannuleerd' };

class AppreciationAdminPage extends PartElement {
  show(route) {
    if (route === 'betaalruns') return this.runs();
    if (route === 'rapportage') return reportPage(this);
    if (route === 'toekenningen') return this.grants();
    if (route === 'brieven') return this.letters();
    if (route.startsWith('betaalruns/')) return this.run(route.slice('betaalruns/'.length));
    return this.rules();
  }

  async rules(year = new Date().getFullYear()) {
    const r = await api(this.t(`/beleid/${KEY}?jaar=${year}`));
    const current = r.ok ? r.data.waarde : null;
    const v = current ?? {};
    this.page('Regels mantelzorgwaardering', h`<p class="utrecht-paragraph">De regels gelden per kalenderjaar. Opslaan maakt een nieuwe versie (wie, wanneer, waarom). Voor bijzondere regels (leeftijdsbanden, verdeling, extra regels) gebruikt u Beheer, Beleid.</p>
      <form id="jaar-kiezen" class="mk-form-grid" novalidate>${field({ name: 'jaar', label: 'Jaar', type: 'number', value: year, min: 2000, max: 2100, required: true })}
      <div class="mk-actions mk-wide">${button('Regels van dit jaar tonen', { type: 'submit', kind: 'secondary' })}</div></form>
      ${current ? alertBox('info', `Versie ${r.data.versie} van ${formatDate(r.data.gewijzigdOp)} door ${r.data.gewijzigdDoor}.`) : alertBox('warning', `Er zijn nog geen regels voor ${year}.`, 'Zonder regels kan niemand aanvragen.')}
      <form id="regels" novalidate><div class="mk-form-grid">
        ${field({ name: 'aanvraagperiode.van', label: 'Aanvragen vanaf', type: 'date', required: true, value: v.aanvraagperiode?.van ?? `${year}-01-01` })}
        ${field({ name: 'aanvraagperiode.totEnMet', label: 'Aanvragen tot en met', type: 'date', required: true, value: v.aanvraagperiode?.totEnMet ?? `${year}-12-31` })}
        ${field({ name: 'uitkering.bedrag', label: 'Bedrag per toekenning (euro)', type: 'number', required: true, step: '0.01', min: 0, value: v.uitkering?.bedrag ?? 200 })}
        ${field({ name: 'budget', label: 'Budget voor het jaar (euro)', type: 'number', step: '0.01', min: 0, value: v.budget ?? '', hint: 'Leeg: geen budgetgrens' })}
        ${field({ name: 'voorwaarden.minimaleUrenPerWeek', label: 'Minimaal aantal uren zorg per week', type: 'number', step: '0.5', min: 0, value: v.voorwaarden?.minimaleUrenPerWeek ?? 8 })}
        ${field({ name: 'voorwaarden.minimaleDuurMaanden', label: 'Minimale duur van de zorg (maanden)', type: 'number', min: 0, value: v.voorwaarden?.minimaleDuurMaanden ?? 3 })}
        ${field({ name: 'voorwaarden.woonplaats', label: 'Wie moet in de gemeente wonen', type: 'select', value: v.voorwaarden?.woonplaats ?? 'mantelzorger', choices: [['mantelzorger', 'De mantelzorger'], ['zorgvrager', 'De zorgvrager'], ['beide', 'Beiden'], ['een-van-beide', 'Een van beiden'], ['geen', 'Niemand']] })}
        ${field({ name: 'kanaal', label: 'Uitbetalen als', type: 'select', value: v.kanaal ?? 'geld', choices: [['geld', 'Geld (betaalrun)'], ['waardebon', 'Waardebon'], ['keuze', 'Keuze van de mantelzorger']] })}
        ${field({ name: 'automatischToekennen', label: 'Automatisch toekennen als alle regels voldaan zijn', type: 'checkbox', value: v.automatischToekennen ?? true })}
        ${field({ name: 'reden', label: 'Reden van de wijziging', required: true, wide: true })}
      </div><div class="mk-actions">${button('Regels opslaan', { type: 'submit' })}</div></form><div id="opgeslagen"></div>`);
    this.querySelector('#jaar-kiezen').addEventListener('submit', ev => { ev.preventDefault(); this.rules(Number(ev.target.elements.jaar.value)); });
    const form = this.querySelector('#regels');
    form.addEventListener('submit', async ev => {
      ev.preventDefault();
      clearProblem(form);
      const { reden, ...value } = formJson(form);
      const waarde = { ...v, ...value, aanvragers: v.aanvragers ?? ['mantelzorger', 'consulent'],
        uitkering: { ...(v.uitkering ?? {}), soort: v.uitkering?.soort ?? 'vast', bedrag: value.uitkering?.bedrag },
        voorwaarden: { ...(v.voorwaarden ?? {}), ...value.voorwaarden } };
      if (value.budget === undefined) delete waarde.budget;
      const missing = [];
      if (!reden) missing.push({ name: 'reden', reason: 'Geef de reden van de wijziging.' });
      if (!value.aanvraagperiode?.van) missing.push({ name: 'aanvraagperiode.van', reason: 'Vul de eerste dag in.' });
      if (!value.aanvraagperiode?.totEnMet) missing.push({ name: 'aanvraagperiode.totEnMet', reason: 'Vul de laatste dag in.' });
      if (missing.length) { showProblem(form, { title: 'Controleer de invoer', invalidParams: missing }); return; }
      const s = await api(this.t(`/beleid/${KEY}`), { method: 'PUT', body: { jaar: year, waarde, reden } });
      if (!s.ok) {
        // field names of the policy value come back as waarde.<path>: show them next to the fields
        const params = (s.problem.invalidParams || []).map(p => ({ ...p, name: p.name?.replace(/^waarde\./, '') }));
        showProblem(form, { ...s.problem, invalidParams: params });
        return;
      }
      announce('Regels opgeslagen');
      render(this.querySelector('#opgeslagen'), alertBox('ok', `Regels voor ${year} opgeslagen als versie ${s.data.versie}.`));
    });
  }

  async runs() {
    const r = await api(this.t('/betaalruns?paginaGrootte=50'));
    if (r.status === 404) {
      this.page('Betaalruns', alertBox('info', 'Betaalruns zijn in deze installatie nog niet beschikbaar.', 'De betaalrun-API van de module Mantelzorgwaardering ontbreekt.'));
      return;
    }
    if (!r.ok) { this.page('Betaalruns', problemBox(r.problem)); return; }
    const pay = await api(this.t(`/beleid/${PAY_KEY}`));
    const p = pay.ok ? pay.data.waarde : {};
    const year = new Date().getFullYear();
    const tomorrow = new Date(Date.now() + 86400000).toISOString().slice(0, 10);
    this.page('Betaalruns', h`<p class="utrecht-paragraph">Een betaalrun zet alle toegekende waarderingen van het jaar die als geld worden uitbetaald in SEPA-betaalbestanden (pain.001) voor de bank. Een toekenning zonder IBAN blijft buiten de run.</p>
      ${table('Betaalruns, nieuwste eerst', [['Jaar', x => x.jaar], ['Status', x => RUN_STATUS[x.status] ?? x.status],
        ['Transacties', x => x.aantalTransacties ?? ''], ['Totaal', x => formatMoney(x.totaalbedrag)], ['Gestart', x => formatDate(x.gestartOp)],
        ['', x => h`<a class="utrecht-link" href="${link(this, `betaalruns/${x.id}`)}">Betaalrun bekijken<span class="mk-visually-hidden"> ${x.jaar} ${formatDate(x.gestartOp)}</span></a>`]], r.data.resultaten || [])}
      <h2 class="utrecht-heading-2">Nieuwe betaalrun</h2>
      <form id="nieuwe-run" novalidate><div class="mk-form-grid">
        ${field({ name: 'jaar', label: 'Jaar', type: 'number', value: year, required: true, min: 2015, max: year + 1 })}
        ${field({ name: 'uitvoerdatum', label: 'Uitvoerdatum', type: 'date', required: true, value: tomorrow, hint: 'De dag waarop de bank betaalt' })}
        ${field({ name: 'formaat', label: 'Formaat', type: 'select', value: p.formaat ?? 'pain.001.001.09', choices: [['pain.001.001.09', 'pain.001.001.09 (SEPA 2023)'], ['pain.001.001.03', 'pain.001.001.03']] })}
      </div><div class="mk-actions">${button('Betaalrun starten', { type: 'submit' })}</div></form>
      <h2 class="utrecht-heading-2">Rekening van de gemeente</h2>
      ${pay.ok ? alertBox('info', `Versie ${pay.data.versie} van ${formatDate(pay.data.gewijzigdOp)} door ${pay.data.gewijzigdDoor}.`) : alertBox('warning', 'Nog geen rekening vastgelegd.', 'Zonder rekening kan geen betaalrun starten.')}
      <form id="betaling" novalidate><div class="mk-form-grid">
        ${field({ name: 'rekeninghouder', label: 'Rekeninghouder', required: true, value: p.rekeninghouder })}
        ${field({ name: 'iban', label: 'IBAN van de gemeente', required: true, value: p.iban })}
        ${field({ name: 'bic', label: 'BIC', value: p.bic })}
        ${field({ name: 'omschrijving', label: 'Omschrijving op het afschrift', value: p.omschrijving ?? 'Mantelzorgwaardering {jaar}', hint: '{jaar} wordt vervangen door het jaar' })}
        ${field({ name: 'reden', label: 'Reden van de wijziging', required: true, wide: true })}
      </div><div class="mk-actions">${button('Rekening opslaan', { type: 'submit', kind: 'secondary' })}</div></form><div id="betaling-uitkomst"></div>`);
    const form = this.querySelector('#nieuwe-run');
    form.addEventListener('submit', async ev => {
      ev.preventDefault();
      const s = await api(this.t('/betaalruns'), { method: 'POST', body: formJson(form) });
      if (!s.ok) { showProblem(form, s.problem); return; }
      location.hash = link(this, `betaalruns/${s.data.id}`);
    });
    const account = this.querySelector('#betaling');
    account.addEventListener('submit', async ev => {
      ev.preventDefault();
      const { reden, ...value } = formJson(account);
      const waarde = { ...p, ...value };
      const s = await api(this.t(`/beleid/${PAY_KEY}`), { method: 'PUT', body: { waarde, reden } });
      if (!s.ok) {
        showProblem(account, { ...s.problem, invalidParams: (s.problem.invalidParams || []).map(x => ({ ...x, name: x.name?.replace(/^waarde\./, '') })) });
        return;
      }
      announce('Rekening opgeslagen');
      render(this.querySelector('#betaling-uitkomst'), alertBox('ok', `Rekening opgeslagen als versie ${s.data.versie}.`));
    });
  }

  async grants(year = new Date().getFullYear(), status = '') {
    const q = new URLSearchParams({ jaar: year, paginaGrootte: 100 });
    if (status) q.set('status', status);
    // the newest request wins: a slower answer to an earlier filter never replaces the list asked for last
    const mine = this.grantsShown = (this.grantsShown ?? 0) + 1;
    const r = await api(this.t(`/toekenningen?${q}`));
    if (mine !== this.grantsShown) return;
    if (r.status === 404 && !r.problem?.invalidParams) {
      this.page('Toekenningen', alertBox('info', 'Toekenningen zijn in deze installatie nog niet beschikbaar.'));
      return;
    }
    this.page('Toekenningen', h`<form id="filter" class="mk-form-grid" novalidate>
      ${field({ name: 'jaar', label: 'Jaar', type: 'number', value: year, min: 2000, max: 2100 })}
      ${field({ name: 'status', label: 'Status', type: 'select', value: status, choices: [['', 'Alle'], ...Object.entries(GRANT_STATUS)] })}
      <div class="mk-actions mk-wide">${button('Tonen', { type: 'submit' })}</div></form>
      <div id="toekenning-melding"></div>
      ${r.ok ? table(`Toekenningen ${year}${status ? `, status ${GRANT_STATUS[status] ?? status}` : ''}: ${r.data.paginering.totaal}`, [['Status', g => GRANT_STATUS[g.status] ?? g.status], ['Bedrag', g => (g.uitTeBetalen != null ? formatMoney(g.uitTeBetalen) : formatMoney(g.bedrag)) + (g.bedragVoorlopig ? ' (voorlopig)' : '')],
        ['Uitbetaalwijze', g => g.uitbetaalwijze], ['Betaald op', g => formatDate(g.betaaldOp)], ['Probleem', g => g.probleem ?? ''],
        ['Actie', g => g.status === 'betaald' ? button('Terugboeking vastleggen', { kind: 'secondary', name: 'terug', value: g.id })
          : g.status === 'teruggeboekt' ? button('Opnieuw uitbetalen', { kind: 'secondary', name: 'vrijgave', value: g.id }) : '']], r.data.resultaten) : problemBox(r.problem)}
      <div id="terugboeking"></div>`);
    this.querySelector('#filter').addEventListener('submit', ev => {
      ev.preventDefault();
      this.grants(Number(ev.target.elements.jaar.value), ev.target.elements.status.value);
    });
    this.querySelectorAll('[name=vrijgave]').forEach(b => b.addEventListener('click', async () => {
      const s = await api(this.t(`/toekenningen/${b.value}/vrijgave`), { method: 'POST' });
      if (!s.ok) { render(this.querySelector('#toekenning-melding'), problemBox(s.problem)); return; }
      announce('Toekenning gaat mee in de volgende betaalrun');
      await this.grants(year, status);
    }));
    this.querySelectorAll('[name=terug]').forEach(b => b.addEventListener('click', () => {
      const holder = this.querySelector('#terugboeking');
      render(holder, h`<h2 class="utrecht-heading-2" tabindex="-1">Terugboeking vastleggen</h2><form id="terug" novalidate><div class="mk-form-grid">
        ${field({ name: 'datum', label: 'Datum van de terugboeking', type: 'date', required: true, value: new Date().toISOString().slice(0, 10) })}
        ${field({ name: 'reden', label: 'Reden', type: 'select', required: true, choices: [['', 'Kies'], ['rekening-opgeheven', 'Rekening opgeheven'], ['rekeningnummer-onjuist', 'Rekeningnummer onjuist'], ['naam-komt-niet-overeen', 'Naam komt niet overeen'], ['geweigerd-door-ontvanger', 'Geweigerd door ontvanger'], ['anders', 'Anders']] })}
        </div><div class="mk-actions">${button('Terugboeking opslaan', { type: 'submit' })}</div></form>`);
      holder.querySelector('h2').focus();
      const form = holder.querySelector('form');
      form.addEventListener('submit', async ev => {
        ev.preventDefault();
        const s = await api(this.t(`/toekenningen/${b.value}/terugboekingen`), { method: 'POST', body: formJson(form) });
        if (!s.ok) { showProblem(form, s.problem); return; }
        announce('Terugboeking vastgelegd');
        await this.grants(year, '');
      });
    }));
  }

  async run(id) {
    const r = await api(this.t(`/betaalruns/${encodeURIComponent(id)}`));
    if (!r.ok) { this.page('Betaalrun', problemBox(r.problem)); return; }
    const x = r.data;
    const progress = x.voortgang ?? { bestandenGereed: 0, bestandenTotaal: 0 };
    const inProgress = x.status === 'bezig' || x.status === 'voorbereiden';
    const poll = () => {
      if (inProgress && this.isConnected) {
        setTimeout(() => { if (this.isConnected && this.route === `betaalruns/${id}`) this.run(id); }, 1000);
      }
    };
    const step = `${x.id}:${x.status}`;
    if (inProgress && this.runShown === step && this.querySelector('.mk-progress')) {
      // the same step as shown: only its figures change, in place (focus and the live region stay)
      render(this.querySelector('#run-transacties'), h`${x.aantalTransacties ?? ''}`);
      render(this.querySelector('#run-totaal'), h`${formatMoney(x.totaalbedrag)}`);
      if (x.status === 'voorbereiden') updateProgress(this, progress.toekenningenVastgelegd, progress.toekenningenTotaal);
      else updateProgress(this, progress.bestandenGereed, progress.bestandenTotaal);
      poll();
      return;
    }
    this.runShown = step;
    const fileName = b => `betaalbestand-${x.jaar}-${b.volgnummer}-${b.berichtId ?? x.id}.xml`;
    this.page(`Betaalrun ${x.jaar}`, h`<div id="run-melding"></div><dl class="mk-dl"><dt>Status</dt><dd id="run-status">${RUN_STATUS[x.status] ?? x.status}</dd>
      <dt>Transacties</dt><dd id="run-transacties">${x.aantalTransacties ?? ''}</dd><dt>Totaalbedrag</dt><dd id="run-totaal">${formatMoney(x.totaalbedrag)}</dd></dl>
      ${x.probleem ? alertBox(x.status === 'mislukt' ? 'error' : 'warning', x.probleem) : ''}
      ${x.overgeslagen ? alertBox('warning', `${x.overgeslagen} toekenning(en) overgeslagen (bijvoorbeeld geen IBAN).`) : ''}
      ${x.status === 'voorbereiden' ? progressBar('Toekenningen vastgelegd', progress.toekenningenVastgelegd, progress.toekenningenTotaal) : ''}
      ${x.status === 'bezig' ? progressBar('Bestanden van de betaalrun', progress.bestandenGereed, progress.bestandenTotaal) : ''}
      ${(x.bestanden || []).length ? table('Betaalbestanden', [['Nr.', b => b.volgnummer], ['Bericht', b => b.berichtId ?? ''], ['Transacties', b => b.aantalTransacties],
        ['Controlesom', b => formatMoney(b.controlesom)], ['SHA-256', b => h`<code>${(b.sha256 || '').slice(0, 16)}...</code>`],
        ['', b => button(`Download bestand ${b.volgnummer}`, { kind: 'secondary', name: 'download', value: b.volgnummer })]], x.bestanden) : ''}
      ${x.status === 'gereed' ? h`<div class="mk-actions">${button('Bank heeft de bestanden verwerkt', { name: 'bevestiging' })}${button('Betaalrun annuleren', { kind: 'secondary', name: 'annulering' })}</div>` : ''}
      <p class="utrecht-paragraph"><a class="utrecht-link" href="${link(this, 'betaalruns')}">Alle betaalruns</a></p>`);
    this.querySelectorAll('[name=download]').forEach(b => b.addEventListener('click', async () => {
      const f = x.bestanden.find(file => String(file.volgnummer) === b.value);
      const d = await download(this.t(`/betaalruns/${x.id}/bestanden/${b.value}`), fileName(f), 'application/xml');
      render(this.querySelector('#run-melding'), d.ok ? alertBox('ok', `${fileName(f)} is gedownload.`) : problemBox(d.problem));
    }));
    for (const action of ['bevestiging', 'annulering']) {
      this.querySelector(`[name=${action}]`)?.addEventListener('click', async () => {
        const s = await api(this.t(`/betaalruns/${x.id}/${action}`), { method: 'POST' });
        if (!s.ok) { render(this.querySelector('#run-melding'), problemBox(s.problem)); return; }
        await this.run(id);
      });
    }
    poll();
  }

  // ---- letter templates, policy waardering.brieven (issue 19, A1) ----
  async letters() {
    const r = await api(this.t(`/beleid/${LETTER_KEY}`));
    const v = r.ok ? r.data.waarde : {};
    const kindFields = ([kind, label]) => h`<fieldset class="utrecht-form-fieldset mk-brief" data-soort="${kind}"><legend class="utrecht-form-fieldset__legend">${label}</legend>
      ${field({ name: `${kind}.onderwerp`, label: 'Onderwerp', value: v[kind]?.onderwerp ?? '', hint: 'Leeg: de standaardtekst.' })}
      ${field({ name: `${kind}.tekst`, label: 'Tekst (HTML met invulplekken)', type: 'textarea', rows: 10, value: v[kind]?.tekst ?? '', hint: 'Leeg: de standaardtekst. Toegestaan: p, h2, h3, ul, ol, li, table, tr, th, td, strong, em, br.' })}
      <details><summary>Invulplekken voor ${label.toLowerCase()}</summary><ul class="utrecht-unordered-list">${LETTER_PLACEHOLDERS[kind].map(([n, d]) => h`<li class="utrecht-unordered-list__item"><code>{{${n}}}</code>: ${d}</li>`)}</ul></details>
      <div class="mk-actions">${button(`Voorbeeld ${label.toLowerCase()} (PDF)`, { kind: 'secondary', name: 'voorbeeld', value: kind })}</div><div class="mk-voorbeeld" id="voorbeeld-${kind}"></div></fieldset>`;
    this.page('Brieven', h`<p class="utrecht-paragraph">De teksten van de brieven bij de mantelzorgwaardering. De gemeente stuurt ze op haar briefpapier (beleid <code>brieven.briefhoofd</code>), als PDF/A. Wat u leeg laat, krijgt de standaardtekst in eenvoudig Nederlands (B1) met alles wat de Awb vraagt. Opslaan maakt een nieuwe versie die voor elk jaar geldt.</p>
      ${r.ok ? alertBox('info', `Versie ${r.data.versie} van ${formatDate(r.data.gewijzigdOp)} door ${r.data.gewijzigdDoor}.`) : alertBox('info', 'De standaardteksten worden gebruikt.')}
      <form id="brieven" novalidate>${LETTER_KINDS.map(kindFields)}
      <fieldset class="utrecht-form-fieldset"><legend class="utrecht-form-fieldset__legend">Bezwaar en uitbetaling</legend><div class="mk-form-grid">
        ${field({ name: 'bezwaar.termijnWeken', label: 'Bezwaartermijn (weken)', type: 'number', min: 6, max: 26, value: v.bezwaar?.termijnWeken ?? 6 })}
        ${field({ name: 'bezwaar.postadres', label: 'Postadres voor bezwaar', value: v.bezwaar?.postadres ?? '', hint: 'Leeg: het adres bovenaan de brief.' })}
        ${field({ name: 'bezwaar.email', label: 'E-mailadres voor bezwaar', value: v.bezwaar?.email ?? '' })}
        ${field({ name: 'bezwaar.webformulier', label: 'Webformulier voor bezwaar', value: v.bezwaar?.webformulier ?? '', hint: 'Begint met https://' })}
        ${field({ name: 'uitbetaling.binnenWeken', label: 'Uitbetaling binnen (weken na het besluit)', type: 'number', min: 1, max: 52, value: v.uitbetaling?.binnenWeken ?? 6 })}
        ${field({ name: 'reden', label: 'Reden van de wijziging', required: true, wide: true })}
      </div></fieldset><div class="mk-actions">${button('Brieven opslaan', { type: 'submit' })}</div></form><div id="opgeslagen"></div>`);
    const form = this.querySelector('#brieven');
    // problems come back as waarde.<soort>.tekst (save) or sjablonen.<soort>.tekst (preview): shown at the field
    const atField = (problem, prefix) => showProblem(form, { ...problem, invalidParams: (problem.invalidParams || []).map(p => ({ ...p, name: p.name?.replace(prefix, '') })) });
    const value = () => { const { reden, ...w } = formJson(form); return { reden, waarde: w }; };
    form.querySelectorAll('[name=voorbeeld]').forEach(b => b.addEventListener('click', async ev => {
      ev.preventDefault();
      clearProblem(form);
      const out = this.querySelector(`#voorbeeld-${b.value}`);
      const p = await api(this.t('/waarderingsbrieven/voorbeeld'), { method: 'POST', body: { soort: b.value, sjablonen: value().waarde }, accept: 'application/pdf', blob: true });
      if (!p.ok) { atField(p.problem, /^sjablonen\./); return; }
      const url = URL.createObjectURL(p.data);
      render(out, h`<p class="utrecht-paragraph"><a class="utrecht-link" href="${url}" target="_blank" rel="noopener" download="voorbeeld-${b.value}.pdf">Voorbeeld openen (PDF)</a></p>`);
      announce('Voorbeeld gemaakt');
    }));
    form.addEventListener('submit', async ev => {
      ev.preventDefault();
      clearProblem(form);
      const { reden, waarde } = value();
      if (!reden) { showProblem(form, { title: 'Controleer de invoer', invalidParams: [{ name: 'reden', reason: 'Geef de reden van de wijziging.' }] }); return; }
      const s = await api(this.t(`/beleid/${LETTER_KEY}`), { method: 'PUT', body: { waarde, reden } });
      if (!s.ok) { atField(s.problem, /^waarde\./); return; }
      announce('Brieven opgeslagen');
      render(this.querySelector('#opgeslagen'), alertBox('ok', `Brieven opgeslagen als versie ${s.data.versie}.`));
    });
  }
}
customElements.define('mk-waardering-beheer', AppreciationAdminPage);
