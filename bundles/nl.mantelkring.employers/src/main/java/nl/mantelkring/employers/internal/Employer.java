package nl.mantelkring.employers.internal;

import java.time.Instant;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An employer as the API shows and accepts it. */
public final class Employer {

    /** Sectors (a short list of the CBS/SBI main groups municipalities report on). */
    static final Set<String> SECTORS = Set.of("zorg-en-welzijn", "onderwijs", "overheid", "industrie", "bouw",
            "handel", "horeca", "transport-en-logistiek", "zakelijke-dienstverlening", "financiele-dienstverlening",
            "ict", "landbouw", "cultuur-en-recreatie", "overig");

    /** Size classes by number of employees (CBS): micro 1-9, klein 10-49, middelgroot 50-249, groot 250+. */
    static final Set<String> SIZE_CLASSES = Set.of("micro", "klein", "middelgroot", "groot");

    private Employer() {
    }

    /** An address; only Dutch postcodes. */
    public record Address(@JsonProperty("straat") String street, @JsonProperty("huisnummer") Integer houseNumber,
                          @JsonProperty("huisnummertoevoeging") String addition,
                          @JsonProperty("postcode") String postcode, @JsonProperty("plaats") String city) {
    }

    /** A contact person (personal data). */
    public record Contact(@JsonProperty("naam") String name, @JsonProperty("email") String email,
                          @JsonProperty("telefoonnummer") String phone) {
    }

    /** Body of a create or a full update. */
    public record Input(@JsonProperty("naam") String name, @JsonProperty("kvkNummer") String kvkNumber,
                        @JsonProperty("sector") String sector, @JsonProperty("grootteklasse") String sizeClass,
                        @JsonProperty("adres") Address address, @JsonProperty("contactpersoon") Contact contact,
                        @JsonProperty("mantelzorgContactpersoon") Contact careContact) {
    }

    /** An employer as stored. */
    public record View(@JsonProperty("id") String id, @JsonProperty("naam") String name,
                       @JsonProperty("kvkNummer") String kvkNumber, @JsonProperty("sector") String sector,
                       @JsonProperty("grootteklasse") String sizeClass, @JsonProperty("adres") Address address,
                       @JsonProperty("contactpersoon") Contact contact,
                       @JsonProperty("mantelzorgContactpersoon") Contact careContact,
                       @JsonProperty("aangemaaktOp") Instant createdAt,
                       @JsonProperty("gewijzigdOp") Instant updatedAt) {
    }

    /** Validates and normalises an input, or throws 400 naming every offending field. */
    static Input validate(Input in) {
        Checks c = new Checks();
        Checks.body(in, "naam");
        String name = c.text("naam", in.name(), 200, true);
        String kvk = c.matching("kvkNummer", in.kvkNumber(), 8, true, Checks.KVK,
                "Een KvK-nummer bestaat uit precies 8 cijfers.");
        c.code("sector", in.sector(), SECTORS, true);
        c.code("grootteklasse", in.sizeClass(), SIZE_CLASSES, true);
        Address a = in.address();
        Address address = null;
        if (a != null) {
            String street = c.text("adres.straat", a.street(), 200, true);
            c.range("adres.huisnummer", a.houseNumber(), 1, 99999, true);
            String addition = c.text("adres.huisnummertoevoeging", a.addition(), 10, false);
            String postcode = c.postcode("adres.postcode", a.postcode(), true);
            String city = c.text("adres.plaats", a.city(), 100, true);
            address = new Address(street, a.houseNumber(), addition, postcode, city);
        }
        Contact contact = contact(c, "contactpersoon", in.contact());
        Contact careContact = contact(c, "mantelzorgContactpersoon", in.careContact());
        c.throwIfAny();
        return new Input(name, kvk, in.sector(), in.sizeClass(), address, contact, careContact);
    }

    private static Contact contact(Checks c, String prefix, Contact p) {
        if (p == null) {
            return null;
        }
        String name = c.text(prefix + ".naam", p.name(), 200, true);
        String email = c.matching(prefix + ".email", p.email(), 254, false, Checks.EMAIL,
                "Geen geldig e-mailadres.");
        String phone = c.matching(prefix + ".telefoonnummer", p.phone(), 20, false, Checks.PHONE,
                "Geen geldig telefoonnummer (10 tot 20 cijfers, eventueel met +, spaties of streepjes).");
        if (email == null && phone == null) {
            c.add(prefix + ".email", "Geef een e-mailadres of een telefoonnummer.");
        }
        return new Contact(name, email, phone);
    }
}
