// Audit log (logboek dataverwerkingen) for auditors: filter and page through the entries, verify the hash chain.
import { PartElement, api, h, field, button, formJson, table, problemBox, alertBox, render, showProblem, latestOnly } from '/backoffice/shell/lib.js';

class AuditLogPage extends PartElement {
  async show(route) {
    if (route === 'verificatie') {
      this.page('Logboek controleren', h`<p class="utrecht-paragraph">Controleer of het logboek van deze gemeente volledig en ongewijzigd is (hash-keten).</p>
        <div class="mk-actions">${button('Keten controleren', { name: 'controleer' })}</div><div id="uitkomst"></div>`);
      this.querySelector('[name=controleer]').addEventListener('click', async () => {
        const out = this.querySelector('#uitkomst');
        render(out, alertBox('info', 'Bezig met controleren...'));
        const r = await api(this.t('/logboek/verificatie'));
        if (!r.ok) { render(out, problemBox(r.problem)); return; }
        render(out, r.data.geldig ? alertBox('ok', 'Het logboek is in orde.', `${r.data.aantalGecontroleerd} regels gecontroleerd.`)
          : alertBox('error', 'Het logboek is niet in orde.', `${r.data.melding ?? ''} (eerste fout: regel ${r.data.eersteFoutVolgnummer}).`));
      });
      return;
    }
    this.page('Logboek dataverwerkingen', h`<form id="filter" class="mk-form-grid" novalidate>
        ${field({ name: 'gebruiker', label: 'Gebruiker' })}
        ${field({ name: 'verwerkingsactiviteit', label: 'Verwerkingsactiviteit', hint: 'Bijvoorbeeld mantelzorger.registreren' })}
        ${field({ name: 'soortGegeven', label: 'Soort gegeven' })}
        ${field({ name: 'vanaf', label: 'Vanaf', type: 'date' })}
        <div class="mk-actions mk-wide">${button('Zoeken', { type: 'submit' })}</div>
      </form><div id="regels" aria-live="polite"></div>`);
    const form = this.querySelector('#filter');
    const out = this.querySelector('#regels');
    const load = latestOnly(out, async (current, page) => {
      const q = new URLSearchParams({ pagina: page, paginaGrootte: 20 });
      for (const [k, v] of Object.entries(formJson(form))) q.set(k, k === 'vanaf' ? `${v}T00:00:00Z` : v);
      const r = await api(this.t(`/logboek?${q}`));
      if (!current()) return;
      if (!r.ok) { if (r.status === 400) showProblem(form, r.problem); else render(out, problemBox(r.problem)); return; }
      const p = r.data.paginering;
      render(out, h`${table(`Verwerkingen (pagina ${p.pagina} van ${Math.max(1, p.aantalPaginas)}, ${p.totaal} in totaal)`, [
        ['Nr.', e => e.volgnummer], ['Tijdstip', e => new Date(e.tijdstip).toLocaleString('nl-NL')], ['Gebruiker', e => e.gebruiker],
        ['Activiteit', e => e.verwerkingsactiviteit], ['Gegeven', e => `${e.soortGegeven ?? ''} ${e.gegevenId ?? ''}`],
        ['Doel', e => e.doelbinding ?? e.doel ?? ''], ['Uitkomst', e => e.uitkomst ?? ''],
      ], r.data.resultaten)}
        <div class="mk-actions">${p.pagina > 1 ? button('Vorige pagina', { kind: 'secondary', name: 'vorige' }) : ''}
        ${p.pagina < p.aantalPaginas ? button('Volgende pagina', { kind: 'secondary', name: 'volgende' }) : ''}</div>`);
      out.querySelector('[name=vorige]')?.addEventListener('click', () => load(p.pagina - 1));
      out.querySelector('[name=volgende]')?.addEventListener('click', () => load(p.pagina + 1));
    });
    form.addEventListener('submit', ev => { ev.preventDefault(); load(1); });
    await load(1);
  }
}
customElements.define('mk-logboek', AuditLogPage);
