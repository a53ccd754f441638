// Municipal administration: switch modules on or off, read and change the municipality's policy (versioned).
import { PartElement, api, h, raw, field, button, formJson, table, problemBox, alertBox, render, showProblem, clearProblem, link, announce } from '/backoffice/shell/lib.js';

class AdministrationPage extends PartElement {
  async show(route) {
    if (route === 'beleid') return this.policy();
    return this.modules();
  }

  async modules() {
    const r = await api(this.t('/modules?paginaGrootte=100'));
    if (!r.ok) { this.page('Modules', problemBox(r.problem)); return; }
    this.page('Modules', h`<p class="utrecht-paragraph">Schakel modules in of uit voor deze gemeente. De wijziging geldt direct en wordt met reden vastgelegd.</p>
      <form id="schakelen" novalidate>${field({ name: 'reden', label: 'Reden van de wijziging', required: true, hint: 'Bijvoorbeeld het raadsbesluit; wordt vastgelegd' })}
      ${table('Geinstalleerde modules', [
        ['Module', m => h`<strong>${m.naam}</strong><br>${m.omschrijving}`], ['Versie', m => m.versie],
        ['Stand', m => m.ingeschakeld ? 'Ingeschakeld' : 'Uitgeschakeld'],
        ['Laatst gewijzigd', m => m.gewijzigdDoor ? `${m.gewijzigdDoor}, ${new Date(m.gewijzigdOp).toLocaleString('nl-NL')}` : ''],
        ['Actie', m => button(m.ingeschakeld ? `${m.naam} uitschakelen` : `${m.naam} inschakelen`,
          { kind: 'secondary', name: 'schakel', value: `${m.id}:${!m.ingeschakeld}` })],
      ], r.data.resultaten)}</form><div id="melding-modules"></div>`);
    const form = this.querySelector('#schakelen');
    form.addEventListener('submit', ev => ev.preventDefault());
    this.querySelectorAll('[name=schakel]').forEach(b => b.addEventListener('click', async () => {
      const [id, on] = b.value.split(':');
      const reden = form.elements.reden.value.trim();
      if (!reden) {
        showProblem(form, { title: 'Reden ontbreekt', invalidParams: [{ name: 'reden', reason: 'Geef de reden van de wijziging.' }] });
        return;
      }
      const s = await api(this.t(`/modules/${id}`), { method: 'PUT', body: { ingeschakeld: on === 'true', reden } });
      if (!s.ok) { showProblem(form, s.problem); return; }
      announce(`Module ${s.data.naam} ${s.data.ingeschakeld ? 'ingeschakeld' : 'uitgeschakeld'}`);
      window.dispatchEvent(new CustomEvent('mk-parts-changed'));
    }));
  }

  async policy() {
    const r = await api(this.t('/beleid?paginaGrootte=100'));
    if (!r.ok) { this.page('Beleid', problemBox(r.problem)); return; }
    const rows = r.data.resultaten;
    this.page('Beleid', h`<p class="utrecht-paragraph">Het beleid van de gemeente: per sleutel een JSON-waarde, eventueel per jaar. Elke wijziging is een nieuwe versie met wie, wanneer en waarom.</p>
      ${table('Beleid van deze gemeente', [
        ['Sleutel', b => b.sleutel], ['Jaar', b => b.jaar ?? 'alle jaren'], ['Versie', b => b.versie],
        ['Gewijzigd', b => `${b.gewijzigdDoor}, ${new Date(b.gewijzigdOp).toLocaleString('nl-NL')}`],
        ['Bewerken', b => h`<a class="utrecht-link" href="#beleid-bewerken" data-sleutel="${b.sleutel}" data-jaar="${b.jaar ?? ''}">${b.sleutel}${b.jaar ? ` (${b.jaar})` : ''} bewerken</a>`],
      ], rows)}
      <h2 class="utrecht-heading-2" id="beleid-bewerken" tabindex="-1">Beleid wijzigen</h2>
      <form id="beleid" novalidate>
        <div class="mk-form-grid">
        ${field({ name: 'sleutel', label: 'Sleutel', required: true, hint: 'Bijvoorbeeld waardering.regels of registratie.bewaartermijn' })}
        ${field({ name: 'jaar', label: 'Jaar', type: 'number', hint: 'Leeg laten: geldt voor alle jaren' })}
        </div>
        ${field({ name: 'waarde', label: 'Waarde (JSON)', type: 'textarea', required: true, rows: 12, wide: true })}
        ${field({ name: 'reden', label: 'Reden', required: true, wide: true })}
        <div class="mk-actions">${button('Opslaan als nieuwe versie', { type: 'submit' })}</div>
      </form><div id="beleid-uitkomst"></div>`);
    const form = this.querySelector('#beleid');
    this.querySelectorAll('[data-sleutel]').forEach(a => a.addEventListener('click', async ev => {
      ev.preventDefault();
      const q = a.dataset.jaar ? `?jaar=${a.dataset.jaar}` : '';
      const v = await api(this.t(`/beleid/${encodeURIComponent(a.dataset.sleutel)}${q}`));
      form.elements.sleutel.value = a.dataset.sleutel;
      form.elements.jaar.value = a.dataset.jaar;
      form.elements.waarde.value = v.ok ? JSON.stringify(v.data.waarde, null, 2) : '';
      form.elements.waarde.focus();
    }));
    form.addEventListener('submit', async ev => {
      ev.preventDefault();
      clearProblem(form);
      const f = formJson(form);
      let waarde;
      try { waarde = JSON.parse(f.waarde ?? ''); } catch (e) {
        showProblem(form, { title: 'Ongeldige invoer', invalidParams: [{ name: 'waarde', reason: 'De waarde is geen geldige JSON.' }] });
        return;
      }
      if (!f.sleutel) { showProblem(form, { title: 'Ongeldige invoer', invalidParams: [{ name: 'sleutel', reason: 'Vul de sleutel in.' }] }); return; }
      const body = { waarde, reden: f.reden };
      if (f.jaar !== undefined) body.jaar = f.jaar;
      const s = await api(this.t(`/beleid/${encodeURIComponent(f.sleutel)}`), { method: 'PUT', body });
      if (!s.ok) { showProblem(form, s.problem); return; }
      render(this.querySelector('#beleid-uitkomst'), alertBox('ok', `Versie ${s.data.versie} van ${s.data.sleutel} is opgeslagen.`));
    });
  }
}
customElements.define('mk-beheer', AdministrationPage);
