// The year's report of the appreciation, shared by the consultant's and the administrator's part.
import { api, h, field, button, table, problemBox, render, barChart, formatMoney, download, alertBox } from '/backoffice/shell/lib.js';

const STATUS = { ingediend: 'Ingediend', toegekend: 'Toegekend', afgewezen: 'Afgewezen', wachten: 'Wachtlijst', ingetrokken: 'Ingetrokken', bezwaar: 'Bezwaar' };

export async function reportPage(el) {
  const year = new Date().getFullYear();
  el.page('Rapportage mantelzorgwaardering', h`<form id="rapport-jaar" class="mk-form-grid" novalidate>
    ${field({ name: 'jaar', label: 'Jaar', type: 'number', value: year, required: true, min: 2000, max: 2100 })}
    <div class="mk-actions mk-wide">${button('Tonen', { type: 'submit' })}${button('Downloaden als CSV', { kind: 'secondary', name: 'csv' })}</div></form>
    <div id="rapport" aria-live="polite"></div>`);
  const form = el.querySelector('#rapport-jaar');
  const show = async () => {
    const r = await api(el.t(`/waarderingsrapportages/${encodeURIComponent(form.elements.jaar.value)}`));
    const out = el.querySelector('#rapport');
    if (!r.ok) { render(out, problemBox(r.problem)); return; }
    const d = r.data;
    render(out, h`<dl class="mk-dl"><dt>Aanvragen</dt><dd>${d.aanvragen}</dd><dt>Toegekend bedrag</dt><dd>${formatMoney(d.bedragToegekend)}</dd>
      <dt>Budget</dt><dd>${d.budget === undefined || d.budget === null ? 'Geen budget ingesteld' : formatMoney(d.budget)}</dd>
      ${d.resterend !== undefined && d.resterend !== null ? h`<dt>Resterend</dt><dd>${formatMoney(d.resterend)}</dd>` : ''}</dl>
      ${barChart('Aanvragen per status', Object.entries(d.perStatus || {}).map(([k, v]) => [STATUS[k] ?? k, v]))}
      ${Object.keys(d.afwijzingsredenen || {}).length ? barChart('Afwijzingen per regel', Object.entries(d.afwijzingsredenen)) : ''}
      ${table('Per leeftijdsgroep', [['Leeftijd', g => g.sleutel], ['Aanvragen', g => g.aanvragen], ['Toegekend', g => g.toegekend], ['Bedrag', g => formatMoney(g.bedrag)]], d.perLeeftijdsgroep || [])}
      ${table('Per postcodegebied', [['Gebied', g => g.sleutel], ['Aanvragen', g => g.aanvragen], ['Toegekend', g => g.toegekend], ['Bedrag', g => formatMoney(g.bedrag)]], d.perPostcodegebied || [])}
      ${table('Per aanvraagkanaal', [['Kanaal', g => g.sleutel], ['Aanvragen', g => g.aanvragen], ['Toegekend', g => g.toegekend], ['Bedrag', g => formatMoney(g.bedrag)]], d.perAanvraagkanaal || [])}`);
  };
  form.addEventListener('submit', ev => { ev.preventDefault(); show(); });
  el.querySelector('[name=csv]').addEventListener('click', async () => {
    const r = await download(el.t(`/waarderingsrapportages/${encodeURIComponent(form.elements.jaar.value)}`), `waardering-${form.elements.jaar.value}.csv`, 'text/csv');
    if (!r.ok) render(el.querySelector('#rapport'), problemBox(r.problem));
  });
  await show();
}

export { STATUS, alertBox };
