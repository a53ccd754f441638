// Loket part "mijn-gegevens" of the registration module: the signed-in caregiver's own registration. Every call goes
// to /burgers/gemeenten/<code>/mantelzorgers/ik: the platform finds the registration through the DigiD session.
import { LoketElement, api, h, render, field, formJson, showProblem, clearProblem, alertBox, problemBox, announce, link, formatDate, download, table } from '/loket/shell/lib.js';

const CHANNEL = { 'e-mail': 'E-mail', telefoon: 'Telefoon', post: 'Post' };
const RELATION = { partner: 'Partner', ouder: 'Ouder', kind: 'Kind', 'ander-familielid': 'Ander familielid', buur: 'Buurman of buurvrouw', vriend: 'Vriend of kennis', anders: 'Anders' };
const OUTCOME = { groen: 'Groen: het gaat goed', oranje: 'Oranje: let op', rood: 'Rood: overbelast' };

function fullName(n) {
  return [n?.voornaam, n?.tussenvoegsel, n?.achternaam].filter(Boolean).join(' ');
}

function address(a) {
  if (!a) return '';
  return [[a.straat, [a.huisnummer, a.huisnummertoevoeging].filter(Boolean).join(' ')].filter(Boolean).join(' '), [a.postcode, a.woonplaats].filter(Boolean).join(' ')].filter(Boolean).join(', ');
}

class MyDetailsPage extends LoketElement {
  show(route) {
    if (route === 'contactgegevens') return this.contact();
    if (route === 'rekeningnummer') return this.iban();
    if (route === 'wissen') return this.erase();
    return this.overview();
  }

  /** The registration, or a page saying there is none (false). */
  async load(title) {
    const r = await api(this.mine('/mantelzorgers/ik'));
    if (r.ok) return r.data;
    if (r.status === 404) {
      this.page(title, h`${alertBox('info', 'U staat nog niet ingeschreven als mantelzorger bij deze gemeente.')}
        <p class="utrecht-paragraph">Een mantelzorger zorgt voor iemand die ziek is, een beperking heeft of oud is. U kunt zich inschrijven
        als u een mantelzorgwaardering aanvraagt, of bij de mantelzorgconsulent van de gemeente.</p>
        <ul class="utrecht-unordered-list">
          <li class="utrecht-unordered-list__item"><a class="utrecht-link" href="#/waardering-aanvragen">Mantelzorgwaardering aanvragen</a></li>
          <li class="utrecht-unordered-list__item"><a class="utrecht-link" href="#/zelftest">Doe de test: hoe zwaar is uw zorg?</a></li>
        </ul>`);
    } else {
      this.page(title, problemBox(r.problem));
    }
    return false;
  }

  async overview() {
    const data = await this.load('Mijn gegevens');
    if (!data) return;
    const m = data.mantelzorger;
    const consents = new Map((m.toestemmingen?.actueel || []).map(c => [c.doel, c]));
    this.page('Mijn gegevens', h`
      <p class="utrecht-paragraph">Dit weet de gemeente van u als mantelzorger. Klopt er iets niet? Pas het aan of bel de mantelzorgconsulent.</p>
      <div id="melding-gegevens"></div>
      <h2 class="utrecht-heading-2">Uw gegevens</h2>
      <dl class="mk-dl">
        <dt>Naam</dt><dd>${fullName(m.naam)}</dd>
        <dt>Geboortedatum</dt><dd>${formatDate(m.geboortedatum)}</dd>
        <dt>Adres</dt><dd>${address(m.adres)}</dd>
        <dt>E-mailadres</dt><dd>${m.email || 'Niet bekend'}</dd>
        <dt>Telefoonnummer</dt><dd>${m.telefoon || 'Niet bekend'}</dd>
        <dt>Hoe wilt u bericht krijgen?</dt><dd>${CHANNEL[m.voorkeurskanaal] || 'Geen voorkeur'}</dd>
        <dt>Rekeningnummer (IBAN)</dt><dd>${m.iban || 'Niet bekend'}</dd>
      </dl>
      <ul class="utrecht-unordered-list">
        <li class="utrecht-unordered-list__item"><a class="utrecht-link" href="${link(this, 'contactgegevens')}">Adres, e-mail of telefoon wijzigen</a></li>
        <li class="utrecht-unordered-list__item"><a class="utrecht-link" href="${link(this, 'rekeningnummer')}">Rekeningnummer wijzigen</a></li>
      </ul>
      <h2 class="utrecht-heading-2">Voor wie zorgt u?</h2>
      ${(m.zorgrelaties || []).length ? h`<ul class="utrecht-unordered-list">${m.zorgrelaties.map(z => h`<li class="utrecht-unordered-list__item">
        <strong>${z.zorgvrager?.naam || z.zorgvrager?.anoniemeReferentie || 'Onbekend'}</strong> (${RELATION[z.relatie] || z.relatie}).
        Sinds ${formatDate(z.zorgSinds)}, ${String(z.urenPerWeek).replace('.', ',')} uur per week.
        ${z.status === 'actief' ? '' : `Gestopt op ${formatDate(z.beeindigdOp)}.`}</li>`)}</ul>`
        : h`<p class="utrecht-paragraph">Er staat nog geen zorgrelatie bij uw registratie.</p>`}
      <h2 class="utrecht-heading-2">Uw toestemmingen</h2>
      <p class="utrecht-paragraph">De gemeente gebruikt uw gegevens alleen waarvoor u toestemming geeft. U kunt een toestemming altijd intrekken.</p>
      <div id="toestemmingen">${data.toestemmingsdoelen.map(d => {
        const now = consents.get(d.doel);
        const given = now?.gegeven;
        return h`<form class="mk-consent" data-doel="${d.doel}">
          <h3 class="utrecht-heading-3">${d.omschrijving}</h3>
          <p class="utrecht-paragraph">${d.uitleg}</p>
          <p class="utrecht-paragraph">${given ? `U gaf toestemming op ${formatDate(now.sinds)}.` : 'U gaf geen toestemming.'}</p>
          <p class="utrecht-paragraph"><button type="submit" class="utrecht-button utrecht-button--secondary-action" value="${given ? 'false' : 'true'}">${given ? 'Toestemming intrekken' : 'Toestemming geven'}<span class="mk-visually-hidden">: ${d.omschrijving}</span></button></p>
        </form>`;
      })}</div>
      <h2 class="utrecht-heading-2">Hoe zwaar is uw zorg?</h2>
      ${(m.belastingschecks || []).length ? table('Uw uitslagen van de test', [
        ['Datum', k => formatDate(k.datum)], ['Uitslag', k => OUTCOME[k.uitkomst] || k.uitkomst],
      ], m.belastingschecks) : h`<p class="utrecht-paragraph">U heeft nog geen uitslag bewaard.</p>`}
      <p class="utrecht-paragraph"><a class="utrecht-link" href="#/zelftest">Doe de test</a></p>
      <h2 class="utrecht-heading-2">Mantelzorgwaardering</h2>
      <p class="utrecht-paragraph"><a class="utrecht-link" href="#/waardering-aanvragen">Bekijk of doe uw aanvragen</a></p>
      <h2 class="utrecht-heading-2">Al uw gegevens downloaden</h2>
      <p class="utrecht-paragraph">U krijgt een bestand met alles wat de gemeente over u als mantelzorger weet.</p>
      <p class="utrecht-paragraph"><button type="button" id="downloaden" class="utrecht-button utrecht-button--secondary-action">Mijn gegevens downloaden</button></p>
      <h2 class="utrecht-heading-2">Uw gegevens laten wissen</h2>
      ${data.wisverzoek ? alertBox('info', 'U heeft gevraagd om uw gegevens te wissen.', `Dat was op ${formatDate(data.wisverzoek.ingediendOp)}. De mantelzorgconsulent handelt dit af.`)
        : h`<p class="utrecht-paragraph"><a class="utrecht-link" href="${link(this, 'wissen')}">Vraag de gemeente om al uw gegevens te wissen</a></p>`}`);
    for (const form of this.querySelectorAll('form.mk-consent')) {
      form.addEventListener('submit', async ev => {
        ev.preventDefault();
        const give = ev.submitter?.value === 'true';
        const r = await api(this.mine('/mantelzorgers/ik/toestemmingen'), { method: 'POST', body: { doel: form.dataset.doel, gegeven: give } });
        if (!r.ok) {
          showProblem(form, r.problem);
          return;
        }
        await this.overview();
        const message = give ? 'Uw toestemming is vastgelegd.' : 'Uw toestemming is ingetrokken.';
        render(this.querySelector('#melding-gegevens'), alertBox('ok', message));
        announce(message);
        this.querySelector('h1')?.focus();
      });
    }
    this.querySelector('#downloaden').addEventListener('click', async () => {
      const r = await download(this.mine('/mantelzorgers/ik/inzage'), `mijn-gegevens-${this.tenant}.json`, 'application/json');
      if (!r.ok) render(this.querySelector('#melding-gegevens'), problemBox(r.problem));
      else announce('Uw gegevens zijn gedownload.');
    });
  }

  async contact() {
    const data = await this.load('Contactgegevens wijzigen');
    if (!data) return;
    const m = data.mantelzorger;
    const a = m.adres || {};
    this.page('Contactgegevens wijzigen', h`
      <p class="utrecht-paragraph">Pas aan wat niet meer klopt. Laat een veld leeg als u het niet wilt geven.</p>
      <form id="contact" novalidate>
        ${field({ name: 'adres.postcode', label: 'Postcode', required: true, hint: 'Bijvoorbeeld 1012 AB', value: a.postcode, autocomplete: 'postal-code' })}
        ${field({ name: 'adres.huisnummer', label: 'Huisnummer', type: 'number', required: true, min: 1, value: a.huisnummer, inputmode: 'numeric' })}
        ${field({ name: 'adres.huisnummertoevoeging', label: 'Toevoeging', value: a.huisnummertoevoeging })}
        ${field({ name: 'adres.straat', label: 'Straat', value: a.straat, autocomplete: 'address-line1' })}
        ${field({ name: 'adres.woonplaats', label: 'Woonplaats', value: a.woonplaats, autocomplete: 'address-level2' })}
        ${field({ name: 'email', label: 'E-mailadres', type: 'email', value: m.email, autocomplete: 'email' })}
        ${field({ name: 'telefoon', label: 'Telefoonnummer', type: 'tel', value: m.telefoon, autocomplete: 'tel' })}
        ${field({ name: 'voorkeurskanaal', label: 'Hoe wilt u bericht krijgen?', type: 'select', value: m.voorkeurskanaal, choices: [['', 'Geen voorkeur'], ['e-mail', 'E-mail'], ['telefoon', 'Telefoon'], ['post', 'Post']] })}
        <p class="utrecht-paragraph"><button type="submit" class="utrecht-button utrecht-button--primary-action">Opslaan</button></p>
      </form>
      <p class="utrecht-paragraph"><a class="utrecht-link" href="${link(this)}">Terug naar Mijn gegevens</a></p>`);
    const form = this.querySelector('#contact');
    form.addEventListener('submit', async ev => {
      ev.preventDefault();
      clearProblem(form);
      const r = await api(this.mine('/mantelzorgers/ik/contactgegevens'), { method: 'PUT', body: formJson(form) });
      if (!r.ok) {
        showProblem(form, r.problem);
        return;
      }
      location.hash = link(this);
      announce('Uw contactgegevens zijn opgeslagen.');
    });
  }

  async iban() {
    const data = await this.load('Rekeningnummer wijzigen');
    if (!data) return;
    this.page('Rekeningnummer wijzigen', h`
      <p class="utrecht-paragraph">Op dit rekeningnummer krijgt u de mantelzorgwaardering. Nu bekend: ${data.mantelzorger.iban || 'geen rekeningnummer'}.</p>
      <form id="iban" novalidate>
        ${field({ name: 'iban', label: 'Nieuw rekeningnummer (IBAN)', required: true, hint: 'Bijvoorbeeld NL91 ABNA 0417 1643 00', autocomplete: 'off' })}
        <p class="utrecht-paragraph"><button type="submit" class="utrecht-button utrecht-button--primary-action">Opslaan</button></p>
      </form>
      <p class="utrecht-paragraph"><a class="utrecht-link" href="${link(this)}">Terug naar Mijn gegevens</a></p>`);
    const form = this.querySelector('#iban');
    form.addEventListener('submit', async ev => {
      ev.preventDefault();
      clearProblem(form);
      const r = await api(this.mine('/mantelzorgers/ik/iban'), { method: 'PUT', body: { iban: form.elements.iban.value.trim() || null } });
      if (!r.ok) {
        showProblem(form, r.problem);
        return;
      }
      location.hash = link(this);
      announce('Uw rekeningnummer is opgeslagen.');
    });
  }

  async erase() {
    const data = await this.load('Gegevens laten wissen');
    if (!data) return;
    if (data.wisverzoek) {
      this.page('Gegevens laten wissen', h`${alertBox('info', 'U heeft al gevraagd om uw gegevens te wissen.', 'De mantelzorgconsulent handelt dit af.')}
        <p class="utrecht-paragraph"><a class="utrecht-link" href="${link(this)}">Terug naar Mijn gegevens</a></p>`);
      return;
    }
    const direct = data.wisAfhandeling === 'direct';
    this.page('Gegevens laten wissen', h`
      <p class="utrecht-paragraph">Als uw gegevens gewist zijn, staat u niet meer ingeschreven als mantelzorger. Dan krijgt u ook geen
      mantelzorgwaardering meer en kan de consulent u niet meer helpen met wat zij van u weet. Dit kan niet ongedaan worden gemaakt.</p>
      <p class="utrecht-paragraph">${direct ? 'Uw gegevens worden meteen gewist.' : 'De mantelzorgconsulent wist uw gegevens. Misschien neemt zij eerst contact met u op.'}</p>
      <form id="wissen" novalidate>
        ${field({ name: 'bevestigd', label: 'Ja, ik wil dat de gemeente al mijn gegevens als mantelzorger wist.', type: 'checkbox' })}
        ${field({ name: 'toelichting', label: 'Wilt u iets uitleggen?', type: 'textarea', rows: 3 })}
        <p class="utrecht-paragraph"><button type="submit" class="utrecht-button utrecht-button--primary-action">${direct ? 'Mijn gegevens wissen' : 'Wissen aanvragen'}</button></p>
      </form>
      <p class="utrecht-paragraph"><a class="utrecht-link" href="${link(this)}">Niet wissen, terug naar Mijn gegevens</a></p>`);
    const form = this.querySelector('#wissen');
    form.addEventListener('submit', async ev => {
      ev.preventDefault();
      clearProblem(form);
      const body = formJson(form);
      if (!body.bevestigd) {
        showProblem(form, { title: 'Bevestig eerst', invalidParams: [{ name: 'bevestigd', reason: 'Zet een vinkje als u echt al uw gegevens wilt laten wissen.' }] });
        return;
      }
      const r = await api(this.mine('/mantelzorgers/ik/wisverzoeken'), { method: 'POST', body });
      if (!r.ok) {
        showProblem(form, r.problem);
        return;
      }
      const done = r.data.status === 'uitgevoerd';
      this.page(done ? 'Uw gegevens zijn gewist' : 'Uw verzoek is ontvangen', h`
        ${alertBox('ok', done ? 'Uw gegevens als mantelzorger zijn gewist.' : 'De mantelzorgconsulent handelt uw verzoek af.')}
        <p class="utrecht-paragraph"><a class="utrecht-link" href="#/">Naar de startpagina</a></p>`);
      this.querySelector('h1')?.focus();
      announce(done ? 'Uw gegevens zijn gewist.' : 'Uw verzoek is ontvangen.');
    });
  }
}

customElements.define('mk-loket-mijn-gegevens', MyDetailsPage);
