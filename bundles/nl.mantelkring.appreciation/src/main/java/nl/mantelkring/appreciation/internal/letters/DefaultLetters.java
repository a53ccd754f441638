package nl.mantelkring.appreciation.internal.letters;

import java.util.Map;

import nl.mantelkring.appreciation.internal.letters.LetterPolicy.Template;

/**
 * The built-in letter texts in plain Dutch (B1), with what the Awb requires of a decision: who it is for (address
 * block and salutation), what was decided, the amount, how and when it is paid, the grounds per rule, how to object
 * (term and where), the date and the signature block (the last two, with the letterhead, added by {@code Letters}).
 */
final class DefaultLetters {

    private DefaultLetters() {
    }

    /** The objection clause (Awb 6:7, 6:8): six weeks from the day after the letter was sent. */
    static final String OBJECTION = """
            <h2>Bent u het niet eens met dit besluit?</h2>
            <p>Dan kunt u bezwaar maken. Doe dat binnen {{bezwaarTermijnWeken}} weken. Die termijn begint op de dag \
            nadat wij deze brief hebben verstuurd. Uw bezwaar moet dus uiterlijk op {{bezwaarUiterlijk}} bij ons \
            binnen zijn.</p>
            <p>Schrijf in uw bezwaar:</p>
            <ul><li>uw naam en adres;</li><li>de datum;</li><li>het kenmerk van deze brief: {{kenmerk}};</li>\
            <li>waarom u het niet eens bent met het besluit;</li><li>uw handtekening.</li></ul>
            <p>Stuur uw bezwaar naar het college van burgemeester en wethouders\
            {{#metPostadres}}, {{bezwaarPostadres}}{{/metPostadres}}\
            {{^metPostadres}}, op het adres bovenaan deze brief{{/metPostadres}}.\
            {{#metWebformulier}} U kunt ook bezwaar maken via {{bezwaarWebformulier}}.{{/metWebformulier}}\
            {{#metEmail}} Of stuur een e-mail naar {{bezwaarEmail}}.{{/metEmail}}</p>
            <p>Heeft u vragen over deze brief? Bel of mail ons. Onze gegevens staan bovenaan deze brief.</p>
            """;

    static final String GROUNDS = """
            <ul>{{#gronden}}<li><strong>{{regel}}</strong>: {{uitleg}}</li>{{/gronden}}</ul>
            {{#metToelichting}}<p>Toelichting van de consulent: {{besluitToelichting}}</p>{{/metToelichting}}
            """;

    static final String PAYOUT = """
            <p>{{uitbetaalwijze}} U kunt dit uiterlijk {{verwachteBetaaldatum}} verwachten.</p>
            """;

    static final String GRANT = """
            <p>Beste {{naam}},</p>
            <p>Op {{aanvraagdatum}} heeft u de mantelzorgwaardering {{jaar}} aangevraagd. Wij hebben besloten: \
            <strong>u krijgt de mantelzorgwaardering</strong>. Daarmee bedanken wij u voor de zorg die u geeft.</p>
            <h2>Hoeveel krijgt u en wanneer?</h2>
            {{#bedragBekend}}<p>U krijgt <strong>{{bedrag}}</strong>.\
            {{#bedragVoorlopig}} Dit bedrag is nog voorlopig. Het kan lager worden als dit jaar meer mensen de \
            waardering krijgen. Het bedrag dat u krijgt, hoort u bij de betaling.{{/bedragVoorlopig}}</p>{{/bedragBekend}}
            {{^bedragBekend}}<p>Hoeveel u krijgt, hangt af van het aantal mensen dat dit jaar de waardering krijgt. \
            Wij stellen het bedrag vast na de aanvraagperiode.</p>{{/bedragBekend}}
            """ + PAYOUT + """
            <h2>Waarom krijgt u de waardering?</h2>
            <p>Wij hebben uw aanvraag vergeleken met de regels van de gemeente. U voldoet aan alle regels:</p>
            """ + GROUNDS + OBJECTION;

    static final String REFUSAL = """
            <p>Beste {{naam}},</p>
            <p>Op {{aanvraagdatum}} heeft u de mantelzorgwaardering {{jaar}} aangevraagd. Wij hebben besloten: \
            <strong>u krijgt de mantelzorgwaardering niet</strong>. Hieronder leest u waarom.</p>
            <h2>Waarom krijgt u de waardering niet?</h2>
            <p>Wij hebben uw aanvraag vergeleken met de regels van de gemeente. \
            U voldoet niet aan deze regel(s):</p>
            <ul>{{#nietVoldaan}}<li><strong>{{regel}}</strong>: {{uitleg}}</li>{{/nietVoldaan}}</ul>
            <p>Alle regels op een rij:</p>
            """ + GROUNDS + OBJECTION;

    static final String REVIEW = """
            <p>Beste {{naam}},</p>
            <p>Op {{bezwaarOntvangenOp}} hebben wij uw bezwaar ontvangen tegen ons besluit over de \
            mantelzorgwaardering {{jaar}}. In deze brief leest u onze beslissing op uw bezwaar.</p>
            <h2>Onze beslissing</h2>
            {{#gegrond}}<p><strong>Uw bezwaar is gegrond.</strong> U krijgt gelijk. Wij veranderen ons besluit.</p>\
            {{/gegrond}}
            {{#ongegrond}}<p><strong>Uw bezwaar is ongegrond.</strong> Ons eerdere besluit blijft staan.</p>\
            {{/ongegrond}}
            <p>{{motivering}}</p>
            {{#toegekend}}<p>U krijgt de mantelzorgwaardering{{#bedragBekend}} van <strong>{{bedrag}}</strong>\
            {{/bedragBekend}}.</p>""" + PAYOUT + """
            {{/toegekend}}
            {{#afgewezen}}<p>U krijgt de mantelzorgwaardering niet.</p>{{/afgewezen}}
            <h2>De regels</h2>
            <p>Zo hebben wij uw aanvraag vergeleken met de regels van de gemeente:</p>
            """ + GROUNDS + """
            <h2>Bent u het niet eens met deze beslissing?</h2>
            <p>Dan kunt u beroep instellen bij de rechtbank. Een nieuw bezwaar bij de gemeente kan niet meer. Doe dat \
            binnen {{bezwaarTermijnWeken}} weken. Die termijn begint op de dag nadat wij deze brief hebben verstuurd. \
            Uw beroepschrift moet dus uiterlijk op {{bezwaarUiterlijk}} bij de rechtbank binnen zijn. Noem daarin het \
            kenmerk van deze brief: {{kenmerk}}. Welke rechtbank dat is en hoe het werkt, leest u op \
            www.rechtspraak.nl.</p>
            <p>Heeft u vragen over deze brief? Bel of mail ons. Onze gegevens staan bovenaan deze brief.</p>
            """;

    static final String VOUCHER = """
            <p>Beste {{naam}},</p>
            <p>U krijgt de mantelzorgwaardering {{jaar}} als waardebon. Hierbij ontvangt u de code van uw \
            waardebon.</p>
            <h2>Uw waardebon</h2>
            <p>Code: <strong>{{waardeboncode}}</strong></p>
            {{#bedragBekend}}<p>Waarde: <strong>{{bedrag}}</strong></p>{{/bedragBekend}}
            <p>Geldig tot en met: <strong>{{geldigTot}}</strong></p>
            <p>Geef de code door bij een winkel of organisatie die meedoet. Bewaar deze brief goed: wie de code heeft, \
            kan de waardebon gebruiken. U kunt de waardebon één keer gebruiken.</p>
            <p>Heeft u vragen over deze brief? Bel of mail ons. Onze gegevens staan bovenaan deze brief.</p>
            """;

    static final Map<String, Template> TEMPLATES = Map.of(
            LetterPolicy.GRANT, new Template("Besluit: u krijgt de mantelzorgwaardering {{jaar}}", GRANT),
            LetterPolicy.REFUSAL, new Template("Besluit: u krijgt de mantelzorgwaardering {{jaar}} niet", REFUSAL),
            LetterPolicy.REVIEW, new Template("Beslissing op uw bezwaar: mantelzorgwaardering {{jaar}}", REVIEW),
            LetterPolicy.VOUCHER, new Template("Uw waardebon: mantelzorgwaardering {{jaar}}", VOUCHER));
}
