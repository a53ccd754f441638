package nl.mantelkring.respite.internal;

import java.util.List;

/** Valid offerings for tests. */
final class Fixtures {

    private Fixtures() {
    }

    /** An offering at a location. */
    static Offering atLocation(String externalId, String title, String kind, List<String> groups, double lat,
                               double lon) {
        return new Offering(null, externalId, null, List.of(), title, "Even op adem komen terwijl wij zorgen.",
                new Offering.Provider("Zorggroep De Linde", "12345678", null, null, "info@delinde.example", null,
                        new Offering.Contact("Mevr. J. Jansen", "020-1234567", "j.jansen@delinde.example")),
                kind, "locatie", "professioneel", groups, null, null, null, List.of("wmo-zonder-beschikking"), false,
                "Eigen bijdrage EUR 5 per dagdeel", List.of(new Offering.Location("Locatie", "Lindelaan", "1",
                        "1011 AB", "Amsterdam", lat, lon)), null, "ma-vr 9-17", 12, 2, List.of("nl"), null, null,
                null, null, null, null, null);
    }

    /** An offering given at home in a service area. */
    static Offering atHome(String externalId, String title, String kind, List<String> groups,
                           List<String> postcodes, List<String> municipalities) {
        return new Offering(null, externalId, null, List.of(), title, "Een vrijwilliger komt bij u thuis.",
                new Offering.Provider("Vrijwilligerscentrale", null, null, null, null, null, null), kind, "thuis",
                "vrijwillig", groups, null, null, null, List.of("gratis"), false, null, List.of(),
                new Offering.ServiceArea(postcodes, municipalities), null, null, null, List.of("nl", "en"), null,
                null, null, null, null, null, null);
    }

    static Offering sharedWith(Offering o, List<String> tenants) {
        return new Offering(o.id(), o.externalId(), o.owner(), tenants, o.title(), o.description(), o.provider(),
                o.kind(), o.setting(), o.performer(), o.targetGroups(), o.minAge(), o.maxAge(), o.demandAreas(),
                o.financing(), o.indicationNeeded(), o.costIndication(), o.locations(), o.serviceArea(),
                o.openingTimes(), o.capacity(), o.waitingWeeks(), o.languages(), o.accessibility(), o.booking(),
                o.status(), o.validFrom(), o.validUntil(), o.version(), o.updatedAt());
    }

    static Offering valid(Offering o, String tenant) {
        OfferingValidator.Result r = OfferingValidator.validate(o, tenant);
        if (!r.valid()) {
            throw new AssertionError(r.violations().toString());
        }
        return r.offering();
    }
}
