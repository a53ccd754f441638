// Loket part "zelftest" of the registration module: the anonymous self-check. The answers stay in this browser tab
// (sessionStorage) until the visitor chooses to save them in "Mijn gegevens" after signing in with DigiD.
import { LoketElement, api, h, raw, render, uid, field, showProblem, clearProblem, alertBox, problemBox, announce, link, citizen, signIn } from '/loket/shell/lib.js';

const OUTCOME = {
  groen: 'Groen: het gaat goed',
  oranje: 'Oranje: let op',
  rood: 'Rood: u bent overbelast',
};
const KIND = {
  dagopvang: 'Dagopvang', dagactiviteiten: 'Dagactiviteiten', 'oppas-thuis': 'Oppas aan huis', logeerzorg: 'Logeeropvang',
  nachtzorg: 'Nachtzorg', respijtvakantie: 'Vakantie met zorg', 'vrijwillige-respijtzorg': 'Vrijwilligers die de zorg overnemen', overig: 'Overig',
};

function storeKey(tenant) {
  return `mk-zelftest-${tenant}`;
}

/** The last self-check of this tab: {antwoorden, postcode, uitslag}; nothing leaves the browser until saved. */
export function remembered(tenant) {
  try {
    return JSON.parse(sessionStorage.getItem(storeKey(tenant)) || 'null');
  } catch {
    return null;
  }
}

function remember(tenant, value) {
  if (value) sessionStorage.setItem(storeKey(tenant), JSON.stringify(value));
  else sessionStorage.removeItem(storeKey(tenant));
}

function partsOf(data) {
  const list = Array.isArray(data) ? data : (data?.onderdelen ?? data?.resultaten ?? []);
  return list.map(p => p.id);
}

class SelfCheckPage extends LoketElement {
  show(route) {
    if (route === 'uitslag') return this.outcome();
    if (route === 'bewaren') return this.save();
    return this.questions();
  }

  async questions() {
    const r = await api(this.t('/zelftests/vragenlijst'));
    if (!r.ok) {
      this.page('Hoe zwaar is uw zorg?', problemBox(r.problem));
      return;
    }
    const before = remembered(this.tenant);
    const chosen = before?.antwoorden || {};
    this.page('Hoe zwaar is uw zorg?', h`
      <p class="utrecht-paragraph">Zorgt u voor iemand die ziek is, een beperking heeft of oud is? Dan bent u mantelzorger.
      Deze test laat zien hoe zwaar de zorg voor u is. U krijgt meteen advies.</p>
      <p class="utrecht-paragraph">De test heeft ${r.data.vragen.length} vragen en duurt ongeveer 3 minuten.
      U hoeft niet in te loggen. Wij bewaren uw antwoorden niet.</p>
      <form id="zelftest" novalidate>
        ${r.data.vragen.map((v, i) => h`
          <div class="utrecht-form-field utrecht-form-field--radio" data-field="antwoorden.${v.id}">
          <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
            <legend class="utrecht-form-fieldset__legend">Vraag ${i + 1}. ${v.tekst}</legend>
            ${v.antwoorden.map(a => h`<p class="utrecht-form-field__label utrecht-form-field__label--radio">
              <label class="utrecht-form-label utrecht-form-label--radio">
              <input type="radio" class="utrecht-radio-button utrecht-radio-button--html-input" id="${uid('antwoord')}" name="antwoorden.${v.id}" value="${a.code}"${raw(chosen[v.id] === a.code ? ' checked' : '')}>
              ${a.tekst}</label></p>`)}
          </fieldset></div>`)}
        ${field({ name: 'postcode', label: 'De vier cijfers van uw postcode', hint: 'Bijvoorbeeld 3511. Dan zien we welke hulp dicht bij u is. De gemeente telt alleen hoeveel mensen uit uw buurt de test doen.', inputmode: 'numeric', autocomplete: 'off', value: before?.postcode ?? '' })}
        <p class="utrecht-paragraph"><button type="submit" class="utrecht-button utrecht-button--primary-action">Bekijk de uitslag</button></p>
      </form>`);
    const form = this.querySelector('#zelftest');
    form.addEventListener('submit', async ev => {
      ev.preventDefault();
      clearProblem(form);
      const antwoorden = {};
      for (const el of form.querySelectorAll('input[type=radio]:checked')) {
        antwoorden[el.name.slice('antwoorden.'.length)] = el.value;
      }
      const missing = r.data.vragen.filter(v => !antwoorden[v.id]);
      const postcode = form.elements.postcode.value.trim();
      if (missing.length) {
        showProblem(form, { title: 'Nog niet alle vragen zijn beantwoord',
          invalidParams: missing.map(v => ({ name: `antwoorden.${v.id}`, reason: `Kies een antwoord bij: ${v.tekst}` })) });
        return;
      }
      const body = postcode ? { antwoorden, postcode } : { antwoorden };
      const res = await api(this.t('/zelftests'), { method: 'POST', body });
      if (!res.ok) {
        showProblem(form, res.problem);
        return;
      }
      remember(this.tenant, { antwoorden, postcode, uitslag: res.data });
      location.hash = link(this, 'uitslag');
    });
  }

  async outcome() {
    const saved = remembered(this.tenant);
    if (!saved?.uitslag) {
      this.page('Uitslag van de test', h`<p class="utrecht-paragraph">Er is nog geen uitslag. Doe eerst de test.</p>
        <p class="utrecht-paragraph"><a class="utrecht-link" href="${link(this)}">Naar de test</a></p>`);
      return;
    }
    const u = saved.uitslag;
    const c = u.contact || {};
    const kinds = u.advies.respijtsoorten || [];
    const parts = await api(this.t('/loket-onderdelen'));
    const guide = parts.ok && partsOf(parts.data).includes('respijtwijzer') && kinds.length > 0;
    const q = new URLSearchParams();
    if (saved.postcode) q.set('postcode', saved.postcode);
    kinds.forEach(k => q.append('soort', k));
    this.page(`Uitslag: ${u.advies.titel}`, h`
      ${alertBox(u.uitkomst === 'rood' ? 'error' : u.uitkomst === 'oranje' ? 'warning' : 'ok', OUTCOME[u.uitkomst] || u.uitkomst, `(${u.score} van de ${u.maximaleScore} punten)`)}
      <p class="utrecht-paragraph">${u.advies.tekst}</p>
      ${u.redenen.length ? h`<h2 class="utrecht-heading-2">Dit telde mee</h2>
        <ul class="utrecht-unordered-list">${u.redenen.map(x => h`<li class="utrecht-unordered-list__item">${x.tekst} U antwoordde: ${x.antwoord.toLowerCase()}.</li>`)}</ul>` : ''}
      <h2 class="utrecht-heading-2">Wat kunt u nu doen?</h2>
      <ul class="utrecht-unordered-list">${u.advies.stappen.map(s => h`<li class="utrecht-unordered-list__item">${s}</li>`)}</ul>
      <h2 class="utrecht-heading-2">Hier kunt u terecht</h2>
      <p class="utrecht-paragraph"><strong>${c.naam}</strong></p>
      <ul class="utrecht-unordered-list">
        ${c.telefoon ? h`<li class="utrecht-unordered-list__item">Telefoon: <a class="utrecht-link" href="tel:${c.telefoon.replace(/[^0-9+]/g, '')}">${c.telefoon}</a></li>` : ''}
        ${c.email ? h`<li class="utrecht-unordered-list__item">E-mail: <a class="utrecht-link" href="mailto:${c.email}">${c.email}</a></li>` : ''}
        ${c.website ? h`<li class="utrecht-unordered-list__item">Website: <a class="utrecht-link" href="${c.website}">${c.website}</a></li>` : ''}
        ${c.bereikbaarheid ? h`<li class="utrecht-unordered-list__item">${c.bereikbaarheid}</li>` : ''}
      </ul>
      ${guide ? h`<h2 class="utrecht-heading-2">Respijtzorg bij u in de buurt</h2>
        <p class="utrecht-paragraph">Respijtzorg betekent: iemand anders neemt de zorg een tijdje van u over. Zo kunt u even rust nemen.</p>
        <div id="aanbod" aria-live="polite"></div>
        <p class="utrecht-paragraph"><a class="utrecht-link" href="#/respijtwijzer/zoeken?${q.toString()}">Zoek meer respijtzorg in de respijtwijzer</a></p>` : ''}
      <h2 class="utrecht-heading-2">Uitslag bewaren</h2>
      <p class="utrecht-paragraph">Staat u als mantelzorger ingeschreven bij de gemeente? Dan kunt u deze uitslag bewaren bij Mijn gegevens.
      De mantelzorgconsulent kan hem dan ook zien. U logt daarvoor in met DigiD.</p>
      <p class="utrecht-paragraph"><a class="utrecht-button-link utrecht-button-link--primary-action" href="${link(this, 'bewaren')}">Uitslag bewaren in Mijn gegevens</a></p>
      <p class="utrecht-paragraph"><a class="utrecht-link" href="${link(this)}">Test opnieuw doen</a></p>
      <p class="utrecht-paragraph"><button type="button" id="vergeten" class="utrecht-button utrecht-button--secondary-action">Mijn antwoorden wissen</button></p>`);
    this.querySelector('#vergeten').addEventListener('click', () => {
      remember(this.tenant, null);
      location.hash = link(this);
    });
    if (guide) await this.respite(q);
  }

  async respite(q) {
    const out = this.querySelector('#aanbod');
    const search = new URLSearchParams(q);
    search.set('paginaGrootte', '3');
    const r = await api(this.t(`/respijtwijzer-aanbod?${search}`));
    if (!r.ok) {
      render(out, h`<p class="utrecht-paragraph">Het aanbod kon nu niet worden geladen.</p>`);
      return;
    }
    if (!r.data.aanbod.length) {
      render(out, h`<p class="utrecht-paragraph">Er is geen aanbod gevonden dat precies past. Kijk in de respijtwijzer voor al het aanbod.</p>`);
      return;
    }
    render(out, h`<ul class="utrecht-unordered-list">${r.data.aanbod.map(a => h`<li class="utrecht-unordered-list__item">
      <strong>${a.naam}</strong> (${KIND[a.soort] || a.soort})${a.aanbieder ? `, ${a.aanbieder}` : ''}${a.plaats ? `, ${a.plaats}` : ''}${a.afstandKm != null ? `, ${String(a.afstandKm).replace('.', ',')} km` : ''}.
      ${a.boeken?.tekst ? h` ${a.boeken.tekst}` : ''}</li>`)}</ul>`);
  }

  async save() {
    const saved = remembered(this.tenant);
    if (!saved?.antwoorden) {
      this.page('Uitslag bewaren', h`<p class="utrecht-paragraph">Er is geen uitslag om te bewaren. Doe eerst de test.</p>
        <p class="utrecht-paragraph"><a class="utrecht-link" href="${link(this)}">Naar de test</a></p>`);
      return;
    }
    const who = await citizen();
    if (!who) {
      this.page('Uitslag bewaren', h`<p class="utrecht-paragraph">Log in met DigiD om uw uitslag te bewaren bij Mijn gegevens.
        Uw antwoorden blijven tot dan alleen in deze browser.</p>
        <p class="utrecht-paragraph"><button type="button" id="digid" class="utrecht-button utrecht-button--primary-action">Inloggen met DigiD</button></p>
        <p class="utrecht-paragraph"><a class="utrecht-link" href="${link(this, 'uitslag')}">Terug naar de uitslag</a></p>`);
      this.querySelector('#digid').addEventListener('click', () => signIn('#/zelftest/bewaren'));
      return;
    }
    const r = await api(this.mine('/mantelzorgers/ik/belastingschecks'), { method: 'POST', body: { antwoorden: saved.antwoorden } });
    if (r.ok) {
      remember(this.tenant, null);
      this.page('Uitslag bewaard', h`${alertBox('ok', 'Uw uitslag is bewaard.', 'U vindt hem bij Mijn gegevens.')}
        <p class="utrecht-paragraph"><a class="utrecht-link" href="#/mijn-gegevens">Naar Mijn gegevens</a></p>`);
      announce('Uw uitslag is bewaard.');
      return;
    }
    if (r.status === 404) {
      this.page('Uitslag niet bewaard', h`${alertBox('warning', 'U staat nog niet ingeschreven als mantelzorger bij deze gemeente.', 'Daarom kunnen wij uw uitslag niet bewaren.')}
        <p class="utrecht-paragraph">Wilt u zich inschrijven? Vraag dan een mantelzorgwaardering aan, of bel de mantelzorgconsulent.</p>
        <p class="utrecht-paragraph"><a class="utrecht-link" href="#/waardering-aanvragen">Mantelzorgwaardering aanvragen</a></p>
        <p class="utrecht-paragraph"><a class="utrecht-link" href="${link(this, 'uitslag')}">Terug naar de uitslag</a></p>`);
      return;
    }
    this.page('Uitslag niet bewaard', h`${problemBox(r.problem)}
      <p class="utrecht-paragraph"><a class="utrecht-link" href="${link(this, 'uitslag')}">Terug naar de uitslag</a></p>`);
  }
}

customElements.define('mk-loket-zelftest', SelfCheckPage);
