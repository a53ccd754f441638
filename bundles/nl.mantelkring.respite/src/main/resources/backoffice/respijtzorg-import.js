// Back-office part of the respite module for administrators: import offerings from CSV; shows the report per row.
import { PartElement, api, h, field, button, formJson, table, problemBox, alertBox, render, showProblem, clearProblem, announce } from '/backoffice/shell/lib.js';

const OUTCOME = { aangemaakt: 'Aangemaakt', bijgewerkt: 'Bijgewerkt', ongewijzigd: 'Ongewijzigd', afgewezen: 'Afgewezen' };

class RespiteImportPage extends PartElement {
  show(route) {
    if (route === 'postcodegebieden') return this.areas();
    return this.importPage();
  }

  async areas() {
    const r = await api(this.t('/postcodegebieden?paginaGrootte=100'));
    this.page('Postcodegebieden', h`<p class="utrecht-paragraph">De PC4-gebieden van de gemeente met hun middelpunt: de basis voor de afstanden bij het zoeken en voor de witte vlekken.</p>
      ${r.ok ? table('Postcodegebieden', [['Postcode', a => a.postcode], ['Naam', a => a.naam], ['Breedtegraad', a => a.lat], ['Lengtegraad', a => a.lon]], r.data.resultaten) : problemBox(r.problem)}
      <h2 class="utrecht-heading-2">Gebied vastleggen</h2>
      <form id="gebied" novalidate><div class="mk-form-grid">
        ${field({ name: 'postcode', label: 'Postcode (4 cijfers)', required: true, inputmode: 'numeric' })}
        ${field({ name: 'naam', label: 'Naam', required: true })}
        ${field({ name: 'lat', label: 'Breedtegraad (WGS84)', type: 'number', required: true, step: 'any', hint: 'Bijvoorbeeld 52.37' })}
        ${field({ name: 'lon', label: 'Lengtegraad (WGS84)', type: 'number', required: true, step: 'any', hint: 'Bijvoorbeeld 4.90' })}
      </div><div class="mk-actions">${button('Gebied opslaan', { type: 'submit' })}</div></form>`);
    const form = this.querySelector('#gebied');
    form.addEventListener('submit', async ev => {
      ev.preventDefault();
      clearProblem(form);
      const { postcode, ...body } = formJson(form);
      if (!postcode || !/^[1-9][0-9]{3}$/.test(postcode)) {
        showProblem(form, { title: 'Controleer de invoer', invalidParams: [{ name: 'postcode', reason: 'Vier cijfers, niet beginnend met 0.' }] });
        return;
      }
      const s = await api(this.t(`/postcodegebieden/${postcode}`), { method: 'PUT', body });
      if (!s.ok) { showProblem(form, s.problem); return; }
      announce(`Postcodegebied ${postcode} opgeslagen`);
      await this.areas();
    });
  }

  importPage() {
    this.page('Respijtaanbod importeren', h`<p class="utrecht-paragraph">Kies een CSV-bestand met kopregel (komma of puntkomma, lijsten gescheiden door |). Elke rij wordt apart gecontroleerd; een afgekeurde rij raakt de andere niet. Opnieuw importeren verandert niets aan ongewijzigde rijen.</p>
      <form id="import" novalidate>
      ${field({ name: 'bestand', label: 'CSV-bestand', type: 'file', required: true, hint: 'Ten hoogste 10.000 rijen en 1 MiB' })}
      <div class="mk-actions">${button('Importeren', { type: 'submit' })}</div></form><div id="voortgang" aria-live="polite"></div><div id="rapport"></div>`);
    const form = this.querySelector('#import');
    form.elements.bestand.setAttribute('accept', '.csv,text/csv');
    form.addEventListener('submit', async ev => {
      ev.preventDefault();
      clearProblem(form);
      const file = form.elements.bestand.files[0];
      if (!file) { showProblem(form, { title: 'Geen bestand', invalidParams: [{ name: 'bestand', reason: 'Kies een CSV-bestand.' }] }); return; }
      const progress = this.querySelector('#voortgang');
      render(progress, h`<label class="utrecht-form-label" for="import-bezig">Bezig met importeren van ${file.name}</label> <progress id="import-bezig"></progress>`);
      form.querySelector('button[type=submit]').disabled = true;
      const r = await api(this.t('/respijtaanbod/importen'), { method: 'POST', text: await file.text() });
      form.querySelector('button[type=submit]').disabled = false;
      render(progress, '');
      const out = this.querySelector('#rapport');
      if (!r.ok) { if (r.status === 400 || r.status === 413) showProblem(form, r.problem); else render(out, problemBox(r.problem)); return; }
      const d = r.data;
      announce(`Import klaar: ${d.aangemaakt} aangemaakt, ${d.afgewezen} afgewezen`);
      render(out, h`${alertBox(d.afgewezen ? 'warning' : 'ok', `Import klaar: ${d.aantalRijen} rijen.`, `${d.aangemaakt} aangemaakt, ${d.bijgewerkt} bijgewerkt, ${d.ongewijzigd} ongewijzigd, ${d.afgewezen} afgewezen.`)}
        ${table('Verslag per rij', [['Rij', x => x.rij], ['Extern id', x => x.externId ?? ''], ['Uitkomst', x => OUTCOME[x.uitkomst] ?? x.uitkomst],
          ['Fouten', x => (x.fouten || []).map(f => `${f.name}: ${f.reason}`).join('; ')]], d.rijen || [])}`);
    });
  }
}
customElements.define('mk-respijtzorg-import', RespiteImportPage);
