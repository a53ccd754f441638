// Loket part 'waardering-aanvragen' (DigiD): apply for the appreciation (the registration is made or updated in the
// same step), the outcome with a reason per rule, the prefilled renewal, and my applications with their decision and
// payment or voucher.
import { LoketElement, api, h, render, field, formJson, showProblem, clearProblem, alertBox, problemBox,
  announce, formatDate, formatMoney } from '/loket/shell/lib.js';
import { yearOf } from './waardering-jaar.js';

const STATUS = { ingediend: 'In behandeling', toegekend: 'Toegekend', afgewezen: 'Afgewezen',
  wachten: 'Wacht op beoordeling', ingetrokken: 'Ingetrokken', bezwaar: 'Bezwaar in behandeling' };
// the letters of an application (issue 19): downloaded with the citizen's session cookie (a plain GET)
const LETTER = { toekenning: 'Besluit', afwijzing: 'Besluit', herziening: 'Beslissing op uw bezwaar', waardebon: 'Brief met uw waardebon' };
const OUTCOME = {
  toegekend: 'U krijgt de mantelzorgwaardering.',
  afgewezen: 'U krijgt de mantelzorgwaardering niet.',
  ingediend: 'Een medewerker van de gemeente bekijkt uw aanvraag. U krijgt daarna een besluit.',
  wachten: 'Uw aanvraag wacht nog op beoordeling. U krijgt daarna een besluit.',
  ingetrokken: 'Deze aanvraag is ingetrokken.',
  bezwaar: 'U heeft bezwaar gemaakt. De gemeente beslist op uw bezwaar en stuurt u daarover een brief.',
};
const PAYMENT = { toegekend: 'Nog niet betaald', 'in-betaalrun': 'Wordt betaald', betaald: 'Betaald',
  uitgegeven: 'Waardebon verstuurd', ingewisseld: 'Waardebon gebruikt', verlopen: 'Waardebon verlopen' };
const RELATIONS = [['ouder', 'Mijn vader of moeder'], ['partner', 'Mijn partner'], ['kind', 'Mijn kind'],
  ['ander-familielid', 'Een ander familielid'], ['buur', 'Mijn buurman of buurvrouw'], ['vriend', 'Een vriend of kennis'],
  ['anders', 'Iemand anders']];
const KINDS = [['huishouden', 'Huishouden'], ['persoonlijke-verzorging', 'Wassen, aankleden en eten'],
  ['verpleegkundige-zorg', 'Verpleging, zoals medicijnen geven'], ['begeleiding', 'Begeleiding en toezicht'],
  ['emotionele-steun', 'Steun en gezelschap'], ['administratie', 'Post, geld en regelwerk'],
  ['vervoer', 'Vervoer, bijvoorbeeld naar de dokter']];
const CHANNEL = { geld: 'Geld op uw bankrekening', waardebon: 'Waardebon', activiteit: 'Activiteit' };

function payment(a) {
  if (a.status !== 'toegekend') return '';
  if (a.waardeboncode) return `Waardebon ${a.waardeboncode}`;
  return PAYMENT[a.betaalstatus] ?? a.betaalstatus ?? '';
}

function letters(el, a) {
  if (!(a.brieven || []).length) return '';
  return h`<ul class="utrecht-unordered-list mk-brieven">${a.brieven.map(b => h`<li class="utrecht-unordered-list__item"><a class="utrecht-link" data-brief="${b.id}" href="/api/v1${el.mine(`/waarderingsaanvragen/${a.id}/brieven/${b.id}`)}" download="${b.bestandsnaam}">${LETTER[b.soort] ?? b.soort} van ${formatDate(b.gemaaktOp)} (PDF)</a></li>`)}</ul>`;
}

function rules(a) {
  return h`<ul class="utrecht-unordered-list" id="regels">${(a.regels || []).map(r => h`<li class="utrecht-unordered-list__item" data-regel="${r.regel}" data-voldaan="${String(r.voldaan)}"><strong>${r.voldaan ? 'Ja' : 'Nee'}:</strong> ${r.toelichting}</li>`)}</ul>`;
}

function outcome(a) {
  const kind = a.status === 'toegekend' ? 'ok' : a.status === 'afgewezen' ? 'error' : 'info';
  const amount = a.status === 'toegekend' && a.bedrag != null
    ? `Bedrag: ${formatMoney(a.bedrag)}${a.bedragVoorlopig ? ' (het kan nog lager worden)' : ''}. ${CHANNEL[a.uitbetaalwijze] ? `U krijgt het als: ${CHANNEL[a.uitbetaalwijze].toLowerCase()}.` : ''}` : '';
  return h`<div id="uitkomst" data-status="${a.status}">${alertBox(kind, OUTCOME[a.status] ?? a.status, amount)}
    ${a.besluitReden ? h`<p class="utrecht-paragraph">Reden: ${a.besluitReden}</p>` : ''}
    <h2 class="utrecht-heading-2">Waarom?</h2>${rules(a)}</div>`;
}

/** The value at a dotted path of an object. */
function at(obj, path) {
  return path.split('.').reduce((o, k) => (o == null ? undefined : o[k]), obj);
}

class AppreciationApply extends LoketElement {
  show(route) {
    const id = /^[0-9a-f]{8}-[0-9a-f-]{27}$/.exec(route || '');
    return id ? this.one(id[0]) : this.overview(yearOf(route));
  }

  async one(id) {
    const r = await api(this.mine(`/waarderingsaanvragen/${id}`));
    if (!r.ok) { this.page('Uw aanvraag', problemBox(r.problem)); return; }
    const a = r.data;
    this.page(`Uw aanvraag ${a.jaar}`, h`${outcome(a)}
      <dl class="mk-dl"><dt>Aangevraagd op</dt><dd>${formatDate(a.ingediendOp)}</dd>
      <dt>Status</dt><dd>${STATUS[a.status] ?? a.status}</dd>
      ${a.status === 'toegekend' ? h`<dt>Uitbetaling</dt><dd id="betaling">${payment(a)}</dd>` : ''}</dl>
      ${(a.brieven || []).length ? h`<h2 class="utrecht-heading-2">Brieven</h2>${letters(this, a)}` : ''}
      <p class="utrecht-paragraph"><a class="utrecht-link" href="${this.basis}">Terug naar mijn aanvragen</a></p>`);
  }

  async overview(year) {
    const [rules, mine, draft] = await Promise.all([api(this.t(`/waarderingsregelingen/${year}`)),
      api(this.mine('/waarderingsaanvragen?paginaGrootte=50')), api(this.mine(`/waarderingsaanvragen/concepten/${year}`))]);
    if (!mine.ok) { this.page('Waardering aanvragen', problemBox(mine.problem)); return; }
    const list = mine.data.resultaten;
    const myTable = this.myApplications(list);
    let form = '';
    let intro;
    if (rules.status === 404) {
      intro = alertBox('info', `De gemeente heeft voor ${year} nog geen mantelzorgwaardering.`);
    } else if (!rules.ok) {
      intro = problemBox(rules.problem);
    } else if (!rules.data.aanvragenBijLoket) {
      intro = alertBox('info', 'U kunt de waardering niet zelf aanvragen bij het loket.', 'Neem contact op met de gemeente.');
    } else if (!rules.data.aanvraagperiode.open) {
      intro = alertBox('warning', 'U kunt nu niet aanvragen.', rules.data.aanvraagperiode.toelichting);
    } else if (draft.ok && draft.data.alAangevraagd) {
      intro = alertBox('ok', `U heeft voor ${year} al aangevraagd.`, 'Hieronder ziet u uw aanvraag.');
    } else {
      const d = draft.ok ? draft.data : null;
      intro = d && d.vorigeAanvraagId
        ? alertBox('info', 'We hebben het formulier al ingevuld.', `Met uw gegevens van ${d.vorigJaar}. Kloppen ze nog? Geef dan toestemming en klik op Aanvragen.`)
        : h`<p class="utrecht-paragraph">Vul het formulier in. Het kost ongeveer 5 minuten. <a class="utrecht-link" href="#/waardering">Lees eerst wie een waardering kan krijgen.</a></p>`;
      form = this.form(year, rules.data, d);
    }
    this.page(`Waardering aanvragen ${year}`, h`<div id="intro">${intro}</div>${form}<div id="resultaat"></div>
      <section aria-labelledby="mijn"><h2 class="utrecht-heading-2" id="mijn">Mijn aanvragen</h2><div id="mijn-aanvragen">${myTable}</div></section>`);
    const el = this.querySelector('#aanvraag');
    if (el) this.wire(el, year, draft.ok ? draft.data : null);
  }

  /** My applications, newest first, one block each (fits a phone): status, amount, payment or voucher, decision. */
  myApplications(list) {
    if (!list.length) return h`<p class="utrecht-paragraph">U heeft nog geen aanvragen.</p>`;
    return h`${list.map(a => h`<section class="mk-aanvraag" data-jaar="${a.jaar}" aria-label="Aanvraag ${a.jaar}">
      <h3 class="utrecht-heading-3">Aanvraag ${a.jaar}</h3>
      <dl class="mk-dl"><dt>Status</dt><dd>${STATUS[a.status] ?? a.status}</dd>
        ${a.bedrag != null ? h`<dt>Bedrag</dt><dd>${formatMoney(a.bedrag)}</dd>` : ''}
        ${payment(a) ? h`<dt>Uitbetaling</dt><dd>${payment(a)}</dd>` : ''}
        ${a.besluitReden ? h`<dt>Besluit</dt><dd>${a.besluitReden}</dd>` : ''}
        ${(a.brieven || []).length ? h`<dt>Brieven</dt><dd>${letters(this, a)}</dd>` : ''}</dl>
      <p class="utrecht-paragraph"><a class="utrecht-link" href="${this.basis}/${a.id}">Aanvraag van ${formatDate(a.ingediendOp)} bekijken</a></p></section>`)}`;
  }

  form(year, rules, draft) {
    const choice = rules.uitbetaalwijze === 'keuze';
    const money = rules.uitbetaalwijze === 'geld' || (choice && rules.keuzeUit.includes('geld'));
    const ibanKnown = draft?.rekeningnummerBekend;
    return h`<form id="aanvraag" novalidate>
      <fieldset class="utrecht-form-fieldset"><legend class="utrecht-form-fieldset__legend"><h2 class="utrecht-heading-2">Over u</h2></legend>
        ${field({ name: 'mantelzorger.naam.voornaam', label: 'Voornaam', required: true, autocomplete: 'given-name' })}
        ${field({ name: 'mantelzorger.naam.tussenvoegsel', label: 'Tussenvoegsel', autocomplete: 'additional-name' })}
        ${field({ name: 'mantelzorger.naam.achternaam', label: 'Achternaam', required: true, autocomplete: 'family-name' })}
        ${field({ name: 'mantelzorger.geboortedatum', label: 'Geboortedatum', type: 'date', required: true, autocomplete: 'bday' })}
        ${field({ name: 'mantelzorger.adres.postcode', label: 'Postcode', required: true, autocomplete: 'postal-code', hint: 'Bijvoorbeeld 1234 AB' })}
        ${field({ name: 'mantelzorger.adres.huisnummer', label: 'Huisnummer', type: 'number', required: true, inputmode: 'numeric', min: 1 })}
        ${field({ name: 'mantelzorger.adres.huisnummertoevoeging', label: 'Toevoeging', hint: 'Bijvoorbeeld A of 2-hoog' })}
        ${field({ name: 'mantelzorger.adres.straat', label: 'Straat', autocomplete: 'address-line1' })}
        ${field({ name: 'mantelzorger.adres.woonplaats', label: 'Woonplaats', autocomplete: 'address-level2' })}
        ${field({ name: 'mantelzorger.email', label: 'E-mailadres', type: 'email', autocomplete: 'email' })}
        ${field({ name: 'mantelzorger.telefoon', label: 'Telefoonnummer', type: 'tel', autocomplete: 'tel' })}
        ${field({ name: 'mantelzorger.voorkeurskanaal', label: 'Hoe wilt u bericht krijgen?', type: 'select', required: true, value: 'e-mail', choices: [['e-mail', 'Per e-mail'], ['telefoon', 'Per telefoon'], ['post', 'Per post']] })}
        ${field({ name: 'mantelzorger.woontInGemeente', label: 'Ik woon in deze gemeente', type: 'checkbox', value: true })}
      </fieldset>
      <fieldset class="utrecht-form-fieldset"><legend class="utrecht-form-fieldset__legend"><h2 class="utrecht-heading-2">Voor wie zorgt u?</h2></legend>
        ${field({ name: 'zorgrelatie.zorgvrager.naam', label: 'Naam van de persoon voor wie u zorgt', required: true })}
        ${field({ name: 'zorgrelatie.zorgvrager.woontInGemeente', label: 'Deze persoon woont in deze gemeente', type: 'checkbox', value: true })}
        ${field({ name: 'zorgrelatie.relatie', label: 'Wie is deze persoon voor u?', type: 'select', required: true, choices: [['', 'Kies'], ...RELATIONS] })}
        ${field({ name: 'zorgrelatie.zorgSinds', label: 'Sinds wanneer zorgt u voor deze persoon?', type: 'date', required: true })}
        ${field({ name: 'zorgrelatie.urenPerWeek', label: 'Hoeveel uur per week zorgt u ongeveer?', type: 'number', required: true, inputmode: 'decimal', step: '0.5', min: 0 })}
        <fieldset class="utrecht-form-fieldset" data-field="zorgrelatie.soortenZorg"><legend class="utrecht-form-fieldset__legend">Wat doet u? Kies alles wat past.</legend>
          ${KINDS.map(([v, l], i) => h`<div class="utrecht-form-field utrecht-form-field--checkbox"><p class="utrecht-form-field__label utrecht-form-field__label--checkbox"><label class="utrecht-form-label utrecht-form-label--checkbox" for="soort-${i}"><input type="checkbox" class="utrecht-checkbox utrecht-checkbox--html-input" id="soort-${i}" name="zorgrelatie.soortenZorg" value="${v}"> ${l}</label></p></div>`)}
        </fieldset>
        ${field({ name: 'zorgrelatie.terminaleZorg', label: 'Deze persoon heeft niet lang meer te leven', type: 'checkbox' })}
        ${field({ name: 'zorgBetaald', label: 'Ik krijg geld voor deze zorg, bijvoorbeeld uit een pgb', type: 'checkbox' })}
      </fieldset>
      <fieldset class="utrecht-form-fieldset"><legend class="utrecht-form-fieldset__legend"><h2 class="utrecht-heading-2">Uitbetaling</h2></legend>
        <p class="utrecht-paragraph">${rules.uitbetaling}</p>
        ${choice ? field({ name: 'uitbetaalwijze', label: 'Wat wilt u?', type: 'select', required: true, choices: [['', 'Kies'], ...rules.keuzeUit.map(c => [c, CHANNEL[c] ?? c])] }) : ''}
        ${money ? field({ name: 'mantelzorger.iban', label: ibanKnown ? 'Nieuw rekeningnummer (IBAN)' : 'Uw rekeningnummer (IBAN)', required: !ibanKnown && !choice, autocomplete: 'off', hint: ibanKnown ? 'De gemeente heeft uw rekeningnummer al. Vul alleen iets in als het veranderd is.' : 'Bijvoorbeeld NL91 ABNA 0417 1643 00. Daar maakt de gemeente het geld naartoe over.' }) : ''}
      </fieldset>
      <fieldset class="utrecht-form-fieldset"><legend class="utrecht-form-fieldset__legend"><h2 class="utrecht-heading-2">Toestemming</h2></legend>
        <p class="utrecht-paragraph">De gemeente gebruikt uw gegevens alleen om uw aanvraag te beoordelen en de waardering te betalen. Daarvoor zetten we u in de registratie van mantelzorgers van de gemeente. U kunt uw toestemming later weer intrekken bij Mijn gegevens.</p>
        ${field({ name: 'toestemming', label: 'Ik geef toestemming om mijn gegevens hiervoor te gebruiken', type: 'checkbox', required: true })}
      </fieldset>
      <p class="utrecht-paragraph"><button type="submit" class="utrecht-button utrecht-button--primary-action">Aanvragen</button></p>
    </form>`;
  }

  wire(form, year, draft) {
    const a = draft?.aanvraag;
    if (a) {
      for (const el of form.elements) {
        if (!el.name || el.name === 'toestemming') continue;
        if (el.name === 'zorgrelatie.soortenZorg') { el.checked = (at(a, 'zorgrelatie.soortenZorg') || []).includes(el.value); continue; }
        const v = at(a, el.name);
        if (v === undefined || v === null) continue;
        if (el.type === 'checkbox') el.checked = Boolean(v); else el.value = String(v);
      }
    }
    form.addEventListener('submit', async ev => {
      ev.preventDefault();
      clearProblem(form);
      const body = formJson(form);
      body.jaar = year;
      body.zorgrelatie = { ...(body.zorgrelatie || {}),
        soortenZorg: [...form.querySelectorAll('[name="zorgrelatie.soortenZorg"]:checked')].map(e => e.value) };
      if (body.mantelzorger?.adres?.postcode) body.mantelzorger.adres.postcode = body.mantelzorger.adres.postcode.replace(/\s+/g, '').toUpperCase();
      if (body.mantelzorger?.iban) body.mantelzorger.iban = body.mantelzorger.iban.replace(/\s+/g, '').toUpperCase();
      const r = await api(this.mine('/waarderingsaanvragen'), { method: 'POST', body });
      if (!r.ok) {
        if (r.problem) showProblem(form, r.problem);
        return;
      }
      form.remove();
      render(this.querySelector('#intro'), h`<h2 class="utrecht-heading-2">Uw aanvraag is verstuurd</h2>`);
      render(this.querySelector('#resultaat'), outcome(r.data));
      announce(OUTCOME[r.data.status] ?? 'Uw aanvraag is verstuurd.');
      const mine = await api(this.mine('/waarderingsaanvragen?paginaGrootte=50'));
      if (mine.ok) {
        render(this.querySelector('#mijn-aanvragen'), this.myApplications(mine.data.resultaten));
      }
      this.querySelector('#uitkomst')?.setAttribute('tabindex', '-1');
      this.querySelector('#uitkomst')?.focus();
    });
  }
}

customElements.define('mk-loket-waardering-aanvragen', AppreciationApply);
