// The message outbox for consultants: messages to residents (e-mail, post, vendor channels) with their status, the
// failed and bounced ones with a retry, and the day's print batches for the print service.
import { PartElement, api, h, field, button, formJson, table, problemBox, alertBox, render, showProblem, latestOnly,
  download, announce, formatDate } from '/backoffice/shell/lib.js';

const STATUS = { wachtrij: 'In de wachtrij', verzonden: 'Verzonden', afdrukken: 'Naar de drukkerij', mislukt: 'Mislukt', onbestelbaar: 'Onbestelbaar' };

class MessagesPage extends PartElement {
  async show(route) {
    if (route === 'afdrukbatches') return this.batches();
    const problems = route === 'problemen';
    this.page(problems ? 'Berichten met een probleem' : 'Berichten', h`
      <p class="utrecht-paragraph">${problems
        ? 'Berichten die niet bezorgd konden worden (mislukt) of die terugkwamen (onbestelbaar). Verbeter zo nodig het adres in de registratie en verstuur het bericht opnieuw.'
        : 'Berichten aan inwoners: e-mail, post en andere kanalen. De inhoud en het adres worden na de bewaartermijn verwijderd.'}</p>
      <form id="filter" class="mk-form-grid" novalidate>
        ${problems
          ? field({ name: 'status', label: 'Status', type: 'select', choices: [['mislukt', 'Mislukt'], ['onbestelbaar', 'Onbestelbaar']] })
          : field({ name: 'status', label: 'Status', type: 'select', choices: [['', 'Alle'], ...Object.entries(STATUS)] })}
        ${field({ name: 'soort', label: 'Soort bericht', hint: 'Bijvoorbeeld waardering.besluit' })}
        ${field({ name: 'betrokkene', label: 'Id van de betrokkene', hint: 'Bijvoorbeeld het id van een mantelzorger' })}
        <div class="mk-actions mk-wide">${button('Zoeken', { type: 'submit' })}</div>
      </form><div id="berichten" aria-live="polite"></div>`);
    const form = this.querySelector('#filter');
    const out = this.querySelector('#berichten');
    const load = latestOnly(out, async (current, page) => {
      const q = new URLSearchParams({ pagina: page, paginaGrootte: 20 });
      for (const [k, v] of Object.entries(formJson(form))) if (v) q.set(k, v);
      const r = await api(this.t(`/berichten?${q}`));
      if (!current()) return;
      if (!r.ok) { if (r.status === 400) showProblem(form, r.problem); else render(out, problemBox(r.problem)); return; }
      const p = r.data.paginering;
      render(out, h`${table(`Berichten (pagina ${p.pagina} van ${Math.max(1, p.aantalPaginas)}, ${p.totaal} in totaal)`, [
        ['Aangemaakt', m => new Date(m.aangemaaktOp).toLocaleString('nl-NL')], ['Soort', m => m.soort],
        ['Onderwerp', m => m.onderwerp ?? '(verwijderd na de bewaartermijn)'], ['Kanaal', m => m.kanaal ?? ''],
        ['Status', m => STATUS[m.status] ?? m.status], ['Pogingen', m => String(m.pogingen)],
        ['Probleem', m => m.probleem ?? ''],
        ['Actie', m => (m.status === 'mislukt' || m.status === 'onbestelbaar') && m.onderwerp
          ? button('Opnieuw verzenden', { kind: 'secondary', name: 'opnieuw', value: m.id }) : ''],
      ], r.data.resultaten)}
        <div class="mk-actions">${p.pagina > 1 ? button('Vorige pagina', { kind: 'secondary', name: 'vorige' }) : ''}
        ${p.pagina < p.aantalPaginas ? button('Volgende pagina', { kind: 'secondary', name: 'volgende' }) : ''}</div>
        <div id="actie" aria-live="polite"></div>`);
      out.querySelector('[name=vorige]')?.addEventListener('click', () => load(p.pagina - 1));
      out.querySelector('[name=volgende]')?.addEventListener('click', () => load(p.pagina + 1));
      out.querySelectorAll('[name=opnieuw]').forEach(b => b.addEventListener('click', async () => {
        const res = await api(this.t(`/berichten/${b.value}/opnieuw`), { method: 'POST' });
        if (!res.ok) { render(out.querySelector('#actie'), problemBox(res.problem)); return; }
        announce('Het bericht staat weer in de wachtrij.');
        await load(p.pagina);
      }));
    });
    form.addEventListener('submit', ev => { ev.preventDefault(); load(1); });
    await load(1);
  }

  async batches() {
    this.page('Afdrukbatches', h`<p class="utrecht-paragraph">Per dag de brieven voor de drukkerij: aan inwoners die post willen of geen e-mailadres hebben. Downloaden kan de gemeentelijk beheerder.</p>
      <div id="batches" aria-live="polite"></div>`);
    const out = this.querySelector('#batches');
    const r = await api(this.t('/afdrukbatches?paginaGrootte=50'));
    if (!r.ok) { render(out, problemBox(r.problem)); return; }
    render(out, h`${table('Afdrukbatches', [
      ['Datum', b => formatDate(b.datum)], ['Brieven', b => String(b.aantalBrieven)],
      ['Bestand', b => button(`Download PDF van ${formatDate(b.datum)}`, { kind: 'secondary', name: 'download', value: b.datum })],
    ], r.data.resultaten)}<div id="melding" aria-live="polite"></div>`);
    out.querySelectorAll('[name=download]').forEach(b => b.addEventListener('click', async () => {
      const res = await download(this.t(`/afdrukbatches/${b.value}`), `afdrukbatch-${this.tenant}-${b.value}.pdf`, 'application/pdf');
      if (!res.ok) render(out.querySelector('#melding'), problemBox(res.problem));
    }));
  }
}
customElements.define('mk-berichten', MessagesPage);
