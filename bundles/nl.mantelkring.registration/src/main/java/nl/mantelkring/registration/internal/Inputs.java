package nl.mantelkring.registration.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.registration.internal.Json.AddressIn;
import nl.mantelkring.registration.internal.Json.ConsentIn;
import nl.mantelkring.registration.internal.Json.DetailsIn;
import nl.mantelkring.registration.internal.Json.NameIn;
import nl.mantelkring.registration.internal.Json.RecipientIn;
import nl.mantelkring.registration.internal.Json.RelationIn;
import nl.mantelkring.registration.internal.Model.Consent;
import nl.mantelkring.registration.internal.Model.Person;
import nl.mantelkring.registration.internal.Model.Recipient;
import nl.mantelkring.registration.internal.Model.Relation;
import nl.mantelkring.registration.internal.Policies.BsnRule;

/** Turns request bodies into validated values, collecting every violation with the field name the client sent. */
final class Inputs {

    static ProblemException missingBody() {
        return ProblemException.invalid("body", "Verplicht: een JSON-object.");
    }

    /** The caregiver's details; {@code prefix} is the field prefix ("" at the top level). */
    /** A new registration's fields, checked: the person, BSN and IBAN (as the tenant's BSN rule allows), consents. */
    record NewRegistration(Person person, String bsn, String iban, List<Consent> consents) {
    }

    /** Checks a registration body ({@code POST /mantelzorgers}); problems go to {@code v}. */
    static NewRegistration registration(Validation v, Json.RegistrationIn in, BsnRule caregiverBsn, LocalDate today) {
        return new NewRegistration(person(v, in.details(), today), bsn(v, "bsn", in.bsn(), caregiverBsn, true),
                v.iban("iban", in.iban()), consents(v, "toestemmingen.", in.consents(), today));
    }

    static Person person(Validation v, DetailsIn in, LocalDate today) {
        NameIn name = in.name() == null ? new NameIn(null, null, null) : in.name();
        if (in.name() == null) {
            v.add("naam", "Verplicht veld.");
        }
        String first = v.text("naam.voornaam", name.first(), 100, false);
        String prefix = v.text("naam.tussenvoegsel", name.prefix(), 30, false);
        String last = in.name() == null ? null : v.text("naam.achternaam", name.last(), 100, true);
        v.birthDate("geboortedatum", in.birthDate(), today);
        AddressIn a = in.address();
        String street = null;
        String addition = null;
        String postcode = null;
        String city = null;
        Integer number = null;
        if (a == null) {
            v.add("adres", "Verplicht veld: ten minste postcode en huisnummer.");
        } else {
            street = v.text("adres.straat", a.street(), 100, false);
            number = a.number();
            if (v.required("adres.huisnummer", number) && (number < 1 || number > 99999)) {
                v.add("adres.huisnummer", "Moet tussen 1 en 99999 liggen.");
            }
            addition = v.text("adres.huisnummertoevoeging", a.addition(), 10, false);
            postcode = v.postcode("adres.postcode", a.postcode(), true);
            city = v.text("adres.woonplaats", a.city(), 80, false);
        }
        String email = v.email("email", in.email());
        String phone = v.phone("telefoon", in.phone());
        v.code("voorkeurskanaal", in.channel(), Codes.CHANNELS, false);
        if ("e-mail".equals(in.channel()) && email == null) {
            v.add("email", "Verplicht bij voorkeurskanaal e-mail.");
        }
        if ("telefoon".equals(in.channel()) && phone == null) {
            v.add("telefoon", "Verplicht bij voorkeurskanaal telefoon.");
        }
        if ("post".equals(in.channel()) && a != null && (street == null || city == null)) {
            v.add("adres", "Straat en woonplaats zijn verplicht bij voorkeurskanaal post.");
        }
        return new Person(first, prefix, last, in.birthDate(), street, number, addition, postcode, city, email, phone,
                in.channel(), in.livesInMunicipality(), in.working());
    }

    /** A BSN as the tenant's policy allows it: refused when the policy says it is not recorded. */
    static String bsn(Validation v, String field, String value, BsnRule rule, boolean required) {
        if (value == null) {
            if (rule == BsnRule.VERPLICHT && required) {
                v.add(field, "Verplicht volgens het beleid van deze gemeente (registratie.bsn).");
            }
            return null;
        }
        if (rule == BsnRule.NEE) {
            v.add(field, "Deze gemeente legt geen BSN vast (beleid registratie.bsn); laat het veld weg.");
            return null;
        }
        return v.bsn(field, value);
    }

    static List<Consent> consents(Validation v, String prefix, List<ConsentIn> in, LocalDate today) {
        List<Consent> out = new ArrayList<>();
        if (in == null) {
            return out;
        }
        for (int i = 0; i < in.size(); i++) {
            String f = prefix + i + ".";
            ConsentIn c = in.get(i);
            if (c == null) {
                v.add(prefix + i, "Verplicht: een object.");
                continue;
            }
            out.add(consent(v, f, c, today));
        }
        return out;
    }

    static Consent consent(Validation v, String f, ConsentIn c, LocalDate today) {
        v.code(f + "doel", c.purpose(), Codes.CONSENT_PURPOSES, true);
        v.required(f + "gegeven", c.given());
        v.pastDate(f + "datum", c.date(), today, false);
        v.code(f + "bron", c.source(), Codes.CONSENT_SOURCES, true);
        return new Consent(c.purpose(), Boolean.TRUE.equals(c.given()), c.date() == null ? today : c.date(),
                c.source());
    }

    static Relation relation(Validation v, RelationIn in, BsnRule recipientBsn, LocalDate birthOfCaregiver,
                             LocalDate today) {
        RecipientIn r = in.recipient();
        Recipient recipient = null;
        if (r == null) {
            v.add("zorgvrager", "Verplicht veld.");
        } else {
            String name = v.text("zorgvrager.naam", r.name(), 200, false);
            String ref = v.text("zorgvrager.anoniemeReferentie", r.anonymousReference(), 100, false);
            if (r.id() == null && name == null && ref == null) {
                v.add("zorgvrager.naam", "Geef een naam, of een anonieme referentie als de mantelzorger dat liever heeft.");
            }
            if (r.id() != null && !r.id().matches("[0-9a-f-]{36}")) {
                v.add("zorgvrager.id", "Geen geldig id.");
            }
            v.required("zorgvrager.woontInGemeente", r.livesInMunicipality());
            String bsn = bsn(v, "zorgvrager.bsn", r.bsn(), recipientBsn, r.id() == null);
            recipient = new Recipient(r.id(), name, ref, Boolean.TRUE.equals(r.livesInMunicipality()), bsn);
        }
        v.code("relatie", in.relation(), Codes.RELATIONS, true);
        v.pastDate("zorgSinds", in.careSince(), today, true);
        if (in.careSince() != null && birthOfCaregiver != null && in.careSince().isBefore(birthOfCaregiver)) {
            v.add("zorgSinds", "Ligt voor de geboortedatum van de mantelzorger.");
        }
        v.hoursPerWeek("urenPerWeek", in.hoursPerWeek());
        List<String> kinds = in.careKinds() == null ? List.of() : in.careKinds();
        if (kinds.isEmpty()) {
            v.add("soortenZorg", "Geef ten minste één soort zorg.");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < kinds.size(); i++) {
            v.code("soortenZorg." + i, kinds.get(i), Codes.CARE_KINDS, true);
            if (kinds.get(i) != null && !seen.add(kinds.get(i))) {
                v.add("soortenZorg." + i, "Komt dubbel voor.");
            }
        }
        return new Relation(recipient, in.relation(), in.careSince(), in.hoursPerWeek(), kinds,
                Boolean.TRUE.equals(in.wmo()), Boolean.TRUE.equals(in.wlz()), Boolean.TRUE.equals(in.zvw()),
                Boolean.TRUE.equals(in.terminal()));
    }

    private Inputs() {
    }
}
