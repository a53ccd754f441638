// Loket part 'waardering' (public): this year's appreciation explained in plain Dutch (B1) from the municipality's
// rules, whether the application window is open, and the way to apply with DigiD.
import { LoketElement, api, h, alertBox, problemBox } from '/loket/shell/lib.js';
import { yearOf } from './waardering-jaar.js';

/** The explanation as page content (also used above the application form). */
function explanation(d) {
  return h`<section aria-labelledby="wie"><h2 class="utrecht-heading-2" id="wie">Wie kan een waardering krijgen?</h2>
      <p class="utrecht-paragraph">${d.wieVraagtAan}</p>
      <p class="utrecht-paragraph">Dit zijn de voorwaarden:</p>
      <ul class="utrecht-unordered-list" id="voorwaarden">${d.voorwaarden.map(v => h`<li class="utrecht-unordered-list__item" data-regel="${v.regel}">${v.toelichting}</li>`)}</ul></section>
    <section aria-labelledby="hoeveel"><h2 class="utrecht-heading-2" id="hoeveel">Hoeveel krijgt u?</h2>
      ${d.bedrag.map(z => h`<p class="utrecht-paragraph">${z}</p>`)}
      <p class="utrecht-paragraph">${d.uitbetaling}</p></section>
    <section aria-labelledby="wanneer"><h2 class="utrecht-heading-2" id="wanneer">Wanneer kunt u aanvragen?</h2>
      <p class="utrecht-paragraph" id="aanvraagperiode">${d.aanvraagperiode.toelichting}</p>
      <p class="utrecht-paragraph">${d.besluit}</p></section>`;
}

class AppreciationExplained extends LoketElement {
  async show(route) {
    const year = yearOf(route);
    const r = await api(this.t(`/waarderingsregelingen/${year}`));
    if (r.status === 404) {
      this.page('Mantelzorgwaardering', alertBox('info', `De gemeente heeft voor ${year} nog geen mantelzorgwaardering.`,
        'Kijk later nog eens, of neem contact op met de gemeente.'));
      return;
    }
    if (!r.ok) { this.page('Mantelzorgwaardering', problemBox(r.problem)); return; }
    const d = r.data;
    const open = d.aanvraagperiode.open;
    const apply = d.aanvragenBijLoket && open
      ? h`<p class="utrecht-paragraph"><a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" id="aanvragen" href="#/waardering-aanvragen${year === new Date().getFullYear() ? '' : `/${year}`}">Aanvragen met DigiD</a></p>`
      : d.aanvragenBijLoket ? '' : h`<p class="utrecht-paragraph">U kunt de waardering niet zelf aanvragen bij het loket. Neem contact op met de gemeente.</p>`;
    this.page(`Waardering voor mantelzorgers ${year}`, h`
      <p class="utrecht-paragraph">Zorgt u voor iemand uit uw omgeving, bijvoorbeeld uw partner, ouder, kind of buur? Dan bent u mantelzorger. De gemeente wil u daarvoor bedanken met een waardering.</p>
      <div id="stand">${open ? alertBox('ok', 'De aanvraagperiode is open.', d.aanvraagperiode.toelichting)
        : alertBox('warning', 'De aanvraagperiode is nu niet open.', d.aanvraagperiode.toelichting)}</div>
      ${apply}
      ${explanation(d)}
      <p class="utrecht-paragraph"><a class="utrecht-link" href="#/waardering-aanvragen">Mijn aanvragen bekijken</a> (met DigiD)</p>`);
  }
}

customElements.define('mk-loket-waardering', AppreciationExplained);
