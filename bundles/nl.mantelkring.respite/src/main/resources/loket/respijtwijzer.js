// Loket part "respijtwijzer" of the respite module: the public respite guide. Search by postcode, kind, target group
// and free text; facets as filters; results with distance, what it is and how to book. Routes: '' (search),
// 'zoeken?postcode=1234&soort=dagopvang&doelgroep=dementie&zoekterm=...' (a prefilled search), 'aanbod/<id>'.
import { LoketElement, api, h, render, field, showProblem, clearProblem, alertBox, problemBox, announce, latestOnly } from '/loket/shell/lib.js';

const PAGE = 20;
const FILTERS = [['soort', 'Soort hulp'], ['doelgroep', 'Voor wie is de hulp?']];

// the part's own styles (a file, no inline style: CSP)
if (!document.querySelector('link[data-mk-respijtwijzer]')) {
  const css = document.createElement('link');
  css.rel = 'stylesheet';
  css.href = new URL('./respijtwijzer.css', import.meta.url).href;
  css.dataset.mkRespijtwijzer = '';
  document.head.appendChild(css);
}

const km = n => `${n.toLocaleString('nl-NL', { maximumFractionDigits: n < 10 ? 1 : 0 })} km`;
const telHref = phone => `tel:${phone.replace(/[^0-9+]/g, '').replace(/^00/, '+')}`;
const plural = (n, one, more) => `${n} ${n === 1 ? one : more}`;

class RespiteGuide extends LoketElement {
  show(route) {
    if (route.startsWith('aanbod/')) return this.detail(decodeURIComponent(route.slice('aanbod/'.length)));
    const query = route.startsWith('zoeken') ? new URLSearchParams(route.split('?')[1] || '') : new URLSearchParams();
    return this.search(query);
  }

  async search(query) {
    this.page('Respijtzorg zoeken', h`
      <div class="mk-rw-intro">
        <p class="utrecht-paragraph">Zorgt u voor iemand die ziek is, een beperking heeft of oud is? Dan bent u mantelzorger.</p>
        <p class="utrecht-paragraph"><strong>Respijtzorg</strong> betekent: iemand anders neemt de zorg even van u over. Een paar uur, een dag of een weekend. Zo kunt u even uitrusten.</p>
        <p class="utrecht-paragraph">Hier vindt u respijtzorg bij u in de buurt. U hoeft niet in te loggen.</p>
      </div>
      <form id="rw-zoeken" role="search" aria-label="Respijtzorg zoeken" novalidate>
        ${field({ name: 'postcode', label: 'Uw postcode', hint: 'Bijvoorbeeld 1234 AB of 1234. Dan ziet u hoe ver het is.', autocomplete: 'postal-code', value: query.get('postcode') || '' })}
        ${field({ name: 'zoekterm', label: 'Waar zoekt u naar?', hint: 'Bijvoorbeeld: logeren, dementie of de naam van een organisatie.', value: query.get('zoekterm') || '' })}
        <div class="mk-rw-filters" id="rw-filters">${FILTERS.map(([key, legend]) => h`
          <fieldset class="utrecht-form-fieldset mk-rw-facet" data-facet="${key}">
            <legend class="utrecht-form-fieldset__legend">${legend}</legend>
            <ul class="mk-rw-choices"></ul>
          </fieldset>`)}</div>
        <div class="mk-rw-actions"><button type="submit" class="utrecht-button utrecht-button--primary-action">Zoeken</button></div>
      </form>
      <section id="rw-uitkomst" aria-labelledby="rw-aantal">
        <h2 class="utrecht-heading-2" id="rw-aantal" tabindex="-1">Resultaten</h2>
        <div id="rw-melding"></div>
        <ol class="mk-rw-list" id="rw-lijst"></ol>
        <div id="rw-meer"></div>
      </section>`);
    const form = this.querySelector('#rw-zoeken');
    const out = this.querySelector('#rw-uitkomst');
    this.selected = { soort: new Set(query.getAll('soort').flatMap(v => v.split(','))), doelgroep: new Set(query.getAll('doelgroep').flatMap(v => v.split(','))) };
    this.page_ = 1;
    const load = latestOnly(out, async (current, more, asked = true) => {
      const q = this.query(form);
      q.set('pagina', String(more ? this.page_ + 1 : 1));
      q.set('paginaGrootte', String(PAGE));
      const r = await api(this.t(`/respijtwijzer-aanbod?${q}`));
      if (!current()) return;
      if (!r.ok) {
        if (r.status === 400) showProblem(form, r.problem); else render(this.querySelector('#rw-melding'), problemBox(r.problem));
        return;
      }
      clearProblem(form);
      this.page_ = r.data.paginering.pagina;
      if (asked) this.remember(q);
      this.facets(form, r.data.facetten, load);
      this.results(r.data, q, more);
    });
    form.addEventListener('submit', ev => { ev.preventDefault(); load(false); });
    this.querySelector('#rw-meer').addEventListener('click', ev => { if (ev.target.closest('button')) load(true); });
    await load(false, false);
  }

  /** The search as query parameters (only what the visitor chose). */
  query(form) {
    const q = new URLSearchParams();
    for (const key of ['postcode', 'zoekterm']) {
      const v = form.elements[key].value.trim();
      if (v) q.set(key, v);
    }
    for (const [key] of FILTERS) this.selected[key].forEach(v => q.append(key, v));
    return q;
  }

  /**
   * Keeps the visitor's search in the address, so that "back" from an offering returns to it: replaced, not a new
   * navigation (the first load keeps the address the shell navigated to).
   */
  remember(q) {
    const p = new URLSearchParams(q);
    p.delete('pagina');
    p.delete('paginaGrootte');
    const hash = `${this.basis}/zoeken${p.toString() ? `?${p}` : ''}`;
    if (location.hash !== hash) history.replaceState(history.state, '', hash);
  }

  /**
   * The facets as check boxes with counts. Boxes are updated in place (never re-created), so keyboard focus stays
   * on the box the visitor just changed; a value without results shows (0).
   */
  facets(form, facets, load) {
    for (const [key] of FILTERS) {
      const list = form.querySelector(`[data-facet="${key}"] ul`);
      const counts = new Map((facets[key] || []).map(f => [f.waarde, f]));
      for (const f of facets[key] || []) {
        if (!list.querySelector(`input[value="${CSS.escape(f.waarde)}"]`)) {
          const li = document.createElement('li');
          const id = `rw-${key}-${f.waarde}`;
          render(li, h`<input type="checkbox" class="utrecht-checkbox utrecht-checkbox--html-input" id="${id}" name="${key}" value="${f.waarde}">
            <label class="utrecht-form-label utrecht-form-label--checkbox" for="${id}">${f.naam} <span class="mk-rw-count"></span></label>`);
          const box = li.querySelector('input');
          box.checked = this.selected[key].has(f.waarde);
          box.addEventListener('change', () => {
            if (box.checked) this.selected[key].add(box.value); else this.selected[key].delete(box.value);
            load(false);
          });
          list.appendChild(li);
        }
      }
      list.querySelectorAll('input').forEach(box => {
        const n = counts.get(box.value)?.aantal ?? 0;
        box.closest('li').querySelector('.mk-rw-count').textContent = `(${n})`;
      });
      list.closest('fieldset').hidden = !list.children.length;
    }
  }

  results(data, q, more) {
    const list = this.querySelector('#rw-lijst');
    const note = this.querySelector('#rw-melding');
    const postcode = q.get('postcode');
    const count = data.totaal === 0 ? 'Geen resultaten gevonden' : `${plural(data.totaal, 'resultaat', 'resultaten')} gevonden`;
    this.querySelector('#rw-aantal').textContent = count;
    render(note, postcode && !data.afstandVanaf
      ? alertBox('info', 'Wij kennen deze postcode niet.', 'Daarom ziet u geen afstand. U ziet wel al het aanbod.')
      : data.totaal === 0 ? alertBox('info', 'Er is geen aanbod dat past bij uw keuzes.', 'Kies minder filters of zoek op een ander woord.') : '');
    const items = data.aanbod.map(o => this.card(o));
    if (more) {
      const first = list.children.length;
      list.insertAdjacentHTML('beforeend', h`${items}`.__html);
      list.children[first]?.querySelector('h3')?.focus();
    } else {
      render(list, h`${items}`);
    }
    const shown = list.children.length;
    render(this.querySelector('#rw-meer'), shown < data.totaal
      ? h`<p class="utrecht-paragraph">U ziet ${shown} van ${data.totaal}.</p><button type="button" class="utrecht-button utrecht-button--secondary-action">Meer tonen</button>` : '');
    announce(more ? `${shown} van ${data.totaal} getoond` : count);
  }

  /** One result: what it is, where, for whom and how to book. */
  card(o) {
    return h`<li class="mk-rw-item"><article aria-labelledby="rw-${o.id}">
      <h3 class="utrecht-heading-3" id="rw-${o.id}" tabindex="-1"><a class="utrecht-link" href="${this.basis}/aanbod/${o.id}">${o.naam}</a></h3>
      <p class="utrecht-paragraph mk-rw-meta">${o.soortNaam}${o.aanbieder ? ` · ${o.aanbieder}` : ''}</p>
      <p class="utrecht-paragraph mk-rw-where">${where(o)}</p>
      ${(o.doelgroepNamen || []).length ? h`<p class="utrecht-paragraph">Voor: ${o.doelgroepNamen.join(', ')}</p>` : ''}
      ${o.omschrijving ? h`<p class="utrecht-paragraph">${o.omschrijving}</p>` : ''}
      ${booking(o)}
    </article></li>`;
  }

  async detail(id) {
    const r = await api(this.t(`/respijtwijzer-aanbod/${encodeURIComponent(id)}`));
    const back = h`<p class="utrecht-paragraph"><a class="utrecht-link" href="${this.basis}">Terug naar zoeken</a></p>`;
    if (!r.ok) {
      this.page('Respijtzorg', h`${r.status === 404 || r.status === 400 ? alertBox('info', 'Dit aanbod bestaat niet (meer).') : problemBox(r.problem)}${back}`);
      return;
    }
    const o = r.data;
    const facts = [
      ['Soort hulp', o.soortNaam],
      ['Waar', where(o)],
      ['Organisatie', o.aanbieder],
      ['Voor wie', (o.doelgroepNamen || []).join(', ')],
      ['Leeftijd', o.leeftijdVan !== undefined || o.leeftijdTot !== undefined ? `${o.leeftijdVan ?? 0} tot ${o.leeftijdTot ?? 'elke'} jaar` : null],
      ['Open', o.openingstijden],
      ['Wachttijd', o.wachttijdWeken !== undefined ? (o.wachttijdWeken === 0 ? 'Geen wachttijd' : plural(o.wachttijdWeken, 'week', 'weken')) : null],
      ['Kosten', o.eigenBijdrage],
      ['Toegankelijkheid', o.toegankelijkheid],
    ].filter(([, v]) => v);
    this.page(o.naam, h`${back}
      ${o.omschrijving ? h`<p class="utrecht-paragraph">${o.omschrijving}</p>` : ''}
      <dl class="mk-rw-facts">${facts.map(([k, v]) => h`<dt>${k}</dt><dd>${v}</dd>`)}</dl>
      ${(o.locaties || []).length ? h`<h2 class="utrecht-heading-2">Adres</h2><ul class="mk-rw-places">${o.locaties.map(l => h`<li>${[l.naam, l.adres, [l.postcode, l.woonplaats].filter(Boolean).join(' ')].filter(Boolean).join(', ')}</li>`)}</ul>` : ''}
      ${booking(o, 'h2')}`);
  }
}

/** Where: at home or the town of the nearest location, with the distance when a known postcode was given. */
function where(o) {
  const known = o.afstandKm !== null && o.afstandKm !== undefined;
  if (o.zorgplek === 'thuis') {
    if (known && o.afstandKm === 0) return 'Bij u thuis (ook in uw buurt)';
    return ['Bij u thuis', o.plaats ? `vanuit ${o.plaats}` : '', known ? km(o.afstandKm) : ''].filter(Boolean).join(', ');
  }
  return [o.plaats || 'Op een locatie', known ? km(o.afstandKm) : ''].filter(Boolean).join(', ');
}

/** How to book: the text and the organisation's phone (tel: link), website and e-mail. */
function booking(o, level = 'h4') {
  const b = o.boeken || {};
  const heading = level === 'h2' ? h`<h2 class="utrecht-heading-2">Zo regelt u het</h2>` : h`<h4 class="utrecht-heading-4">Zo regelt u het</h4>`;
  return h`<div class="mk-rw-book">${heading}<p class="utrecht-paragraph">${b.tekst}</p>
    <ul class="mk-rw-links">
      ${b.telefoon ? h`<li><a class="utrecht-link" href="${telHref(b.telefoon)}">Bel ${b.telefoon}<span class="mk-visually-hidden"> (${o.naam})</span></a></li>` : ''}
      ${b.website ? h`<li><a class="utrecht-link" href="${b.website}" rel="noopener noreferrer">Naar de website<span class="mk-visually-hidden"> van ${o.naam}</span></a></li>` : ''}
      ${b.email ? h`<li><a class="utrecht-link" href="mailto:${b.email}">Mail ${b.email}</a></li>` : ''}
    </ul></div>`;
}

customElements.define('mk-respijtwijzer', RespiteGuide);
