// Back-office part of the respite module: search the catalogue with filters and a distance list, edit an offering,
// gap analysis (witte vlekken) per postcode area.
import { PartElement, api, h, field, button, formJson, table, problemBox, alertBox, render, showProblem, link, announce, latestOnly } from '/backoffice/shell/lib.js';

const KINDS = ['dagopvang', 'dagactiviteiten', 'oppas-thuis', 'logeerzorg', 'nachtzorg', 'respijtvakantie', 'vrijwillige-respijtzorg', 'overig'];
const GROUPS = ['dementie', 'lichamelijke-beperking', 'verstandelijke-beperking', 'psychische-aandoening', 'niet-aangeboren-hersenletsel', 'autisme', 'chronische-ziekte', 'terminale-zorg', 'kinderen', 'jonge-mantelzorgers', 'ouderen'];
const opts = list => [['', 'Alle'], ...list.map(v => [v, v.replaceAll('-', ' ')])];
const READ_ONLY = ['id', 'eigenaar', 'versie', 'gewijzigdOp'];

class RespitePage extends PartElement {
  show(route) {
    if (route === '') return this.search();
    if (route === 'witte-vlekken') return this.gaps();
    return this.edit(route);
  }

  async search() {
    this.page('Respijtzorg zoeken', h`<form id="zoeken" role="search" novalidate><div class="mk-form-grid">
      ${field({ name: 'zoekterm', label: 'Zoekterm', hint: 'Titel, omschrijving of aanbieder' })}
      ${field({ name: 'soort', label: 'Soort', type: 'select', choices: opts(KINDS) })}
      ${field({ name: 'doelgroep', label: 'Doelgroep', type: 'select', choices: opts(GROUPS) })}
      ${field({ name: 'uitvoering', label: 'Uitvoering', type: 'select', choices: [['', 'Alle'], ['professioneel', 'Professioneel'], ['vrijwillig', 'Vrijwillig']] })}
      ${field({ name: 'postcode', label: 'Vanaf postcodegebied', hint: 'Vier cijfers, bijvoorbeeld 1012: toont de afstand' })}
      ${field({ name: 'maxAfstandKm', label: 'Maximale afstand (km)', type: 'number', min: 0, step: '0.5' })}
      </div><div class="mk-actions">${button('Zoeken', { type: 'submit' })}</div></form><div id="resultaten"></div>`);
    const form = this.querySelector('#zoeken');
    const out = this.querySelector('#resultaten');
    const load = latestOnly(out, async current => {
      const f = formJson(form);
      const q = new URLSearchParams({ paginaGrootte: 50, ...f });
      if (f.postcode) q.set('sortering', 'afstand');
      const r = await api(this.t(`/respijtaanbod?${q}`));
      if (!current()) return;
      if (!r.ok) { if (r.status === 400) showProblem(form, r.problem); else render(out, problemBox(r.problem)); return; }
      render(out, table(`Gevonden aanbod: ${r.data.paginering.totaal}${f.postcode ? `, op afstand van ${f.postcode}` : ''}`, [
        ['Aanbod', x => h`<a class="utrecht-link" href="${link(this, x.aanbod.id)}">${x.aanbod.titel}</a>`],
        ['Aanbieder', x => x.aanbod.aanbieder?.naam], ['Soort', x => x.aanbod.soort],
        ['Doelgroepen', x => (x.aanbod.doelgroepen || []).join(', ')],
        ['Afstand', x => x.afstandKm === undefined || x.afstandKm === null ? '' : `${x.afstandKm.toLocaleString('nl-NL', { maximumFractionDigits: 1 })} km`],
        ['Wachttijd', x => x.aanbod.wachttijdWeken === undefined ? '' : `${x.aanbod.wachttijdWeken} weken`], ['Status', x => x.aanbod.status ?? ''],
      ], r.data.resultaten));
      announce(`${r.data.paginering.totaal} resultaten`);
    });
    form.addEventListener('submit', ev => { ev.preventDefault(); load(); });
    await load();
  }

  async edit(id) {
    const r = await api(this.t(`/respijtaanbod/${encodeURIComponent(id)}`));
    if (!r.ok) { this.page('Respijtaanbod', problemBox(r.problem)); return; }
    const o = r.data;
    this.page(o.titel, h`<div id="opgeslagen"></div><form id="aanbod" novalidate><div class="mk-form-grid">
      ${field({ name: 'titel', label: 'Titel', required: true, value: o.titel, wide: true })}
      ${field({ name: 'omschrijving', label: 'Omschrijving', type: 'textarea', rows: 4, value: o.omschrijving, wide: true })}
      ${field({ name: 'aanbieder.naam', label: 'Aanbieder', required: true, value: o.aanbieder?.naam })}
      ${field({ name: 'soort', label: 'Soort', type: 'select', required: true, value: o.soort, choices: KINDS.map(k => [k, k]) })}
      ${field({ name: 'status', label: 'Status', type: 'select', value: o.status ?? 'actief', choices: [['actief', 'Actief'], ['gepauzeerd', 'Gepauzeerd'], ['beeindigd', 'Beeindigd']] })}
      ${field({ name: 'wachttijdWeken', label: 'Wachttijd (weken)', type: 'number', min: 0, value: o.wachttijdWeken })}
      ${field({ name: 'capaciteit', label: 'Capaciteit', type: 'number', min: 0, value: o.capaciteit })}
      ${field({ name: 'openingstijden', label: 'Openingstijden', value: o.openingstijden })}
      ${field({ name: 'doelgroepen', label: 'Doelgroepen', required: true, value: (o.doelgroepen || []).join(', '), hint: `Met komma's: ${GROUPS.join(', ')}`, wide: true })}
      </div><div class="mk-actions">${button('Opslaan', { type: 'submit' })}<a class="utrecht-button-link utrecht-button-link--secondary-action" href="${link(this)}">Terug naar zoeken</a></div></form>`);
    const form = this.querySelector('#aanbod');
    form.elements.doelgroepen.dataset.type = 'list';
    form.addEventListener('submit', async ev => {
      ev.preventDefault();
      const changed = formJson(form);
      const body = { ...o, ...changed, aanbieder: { ...o.aanbieder, ...changed.aanbieder } };
      READ_ONLY.forEach(k => delete body[k]);
      for (const k of ['omschrijving', 'wachttijdWeken', 'capaciteit', 'openingstijden']) if (changed[k] === undefined) delete body[k];
      const s = await api(this.t(`/respijtaanbod/${o.id}`), { method: 'PUT', body });
      if (!s.ok) { showProblem(form, s.problem); return; }
      announce('Aanbod opgeslagen');
      render(this.querySelector('#opgeslagen'), alertBox('ok', `${s.data.titel} is opgeslagen (versie ${s.data.versie ?? ''}).`));
      this.querySelector('#opgeslagen .utrecht-alert').setAttribute('tabindex', '-1');
      this.querySelector('#opgeslagen .utrecht-alert').focus();
    });
  }

  async gaps() {
    this.page('Witte vlekken', h`<p class="utrecht-paragraph">Per postcodegebied van de gemeente: welke combinaties van soort aanbod en doelgroep er binnen de afstand niet zijn.</p>
      <form id="analyse" class="mk-form-grid" novalidate>
      ${field({ name: 'afstandKm', label: 'Afstand (km)', type: 'number', value: 10, min: 0, step: '0.5' })}
      ${field({ name: 'soort', label: 'Soort', type: 'select', choices: opts(KINDS) })}
      ${field({ name: 'doelgroep', label: 'Doelgroep', type: 'select', choices: opts(GROUPS) })}
      <div class="mk-actions mk-wide">${button('Analyseren', { type: 'submit' })}</div></form><div id="uitkomst"></div>`);
    const form = this.querySelector('#analyse');
    const out = this.querySelector('#uitkomst');
    const load = latestOnly(out, async current => {
      const r = await api(this.t(`/witte-vlekken?${new URLSearchParams(formJson(form))}`));
      if (!current()) return;
      if (!r.ok) { if (r.status === 400) showProblem(form, r.problem); else render(out, problemBox(r.problem)); return; }
      const d = r.data;
      render(out, h`<p class="utrecht-paragraph">${d.aantalGebieden} gebieden, ${d.aantalWitteVlekken} witte vlekken (${d.aantalCombinaties} combinaties bekeken).</p>
        ${d.aantalGebieden ? '' : alertBox('info', 'Er zijn nog geen postcodegebieden ingesteld voor deze gemeente.')}
        ${table('Witte vlekken per postcodegebied', [['Postcode', g => g.postcode], ['Naam', g => g.naam ?? ''], ['Aantal', g => g.aantalWitteVlekken],
          ['Ontbreekt', g => (g.witteVlekken || []).slice(0, 8).map(w => `${w.soort} voor ${w.doelgroep}`).join('; ') + ((g.witteVlekken || []).length > 8 ? ' ...' : '')]], d.gebieden || [])}`);
    });
    form.addEventListener('submit', ev => { ev.preventDefault(); load(); });
    await load();
  }
}
customElements.define('mk-respijtzorg', RespitePage);
