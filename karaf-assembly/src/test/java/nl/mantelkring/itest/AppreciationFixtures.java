package nl.mantelkring.itest;

import static org.junit.Assert.assertEquals;

import org.apache.karaf.features.FeaturesService;

/** Setup shared by the letters and objections ITs: the module enabled in GM0363, the year's rules, a caregiver. */
final class AppreciationFixtures {

    static final String A = "/gemeenten/GM0363";
    static final String CONSULTANT = "consulent-amsterdam";
    static final String ADMIN = "beheerder-amsterdam";

    private AppreciationFixtures() {
    }

    /** Installs the appreciation feature when needed and enables registration and appreciation for GM0363. */
    static void enable(Api api, FeaturesService features) throws Exception {
        if (!features.isInstalled(features.getFeature("mantelkring-appreciation"))) {
            features.installFeature("mantelkring-appreciation");
        }
        api.await(ADMIN, A + "/modules/appreciation", 200);
        for (String module : new String[] {"registration", "appreciation"}) {
            Api.Res r = api.json(ADMIN, "PUT", A + "/modules/" + module,
                    "{\"ingeschakeld\":true,\"reden\":\"integratietest\"}");
            assertEquals(r.toString(), 200, r.status());
        }
    }

    /** The year's rules (policy waardering.regels), open all year. */
    static void rules(Api api, int year, String applicants, int amount, boolean automatic) {
        Api.Res r = api.json(ADMIN, "PUT", A + "/beleid/waardering.regels", "{\"jaar\":" + year + ",\"reden\":\"test\","
                + "\"waarde\":{\"aanvraagperiode\":{\"van\":\"" + year + "-01-01\",\"totEnMet\":\"" + year + "-12-31\"},"
                + "\"aanvragers\":" + applicants + ",\"uitkering\":{\"soort\":\"vast\",\"bedrag\":" + amount + "},"
                + "\"automatischToekennen\":" + automatic + ",\"voorwaarden\":{\"minimaleUrenPerWeek\":8,"
                + "\"woonplaats\":\"mantelzorger\"}}}");
        assertEquals(r.toString(), 200, r.status());
    }

    /**
     * A registered caregiver (with IBAN) and one care relation of {@code hours} a week; returns {caregiverId,
     * relationId, relation body with %s for the hours}.
     */
    static String[] caregiver(Api api, String surname, int houseNumber, String hours) {
        Api.Res c = api.json(CONSULTANT, "POST", A + "/mantelzorgers", "{\"naam\":{\"voornaam\":\"Bea\",\"achternaam\":\""
                + surname + "\"},\"geboortedatum\":\"1970-05-0" + (1 + houseNumber % 9) + "\",\"adres\":{\"straat\":"
                + "\"Damrak\",\"huisnummer\":" + houseNumber + ",\"postcode\":\"1012LG\",\"woonplaats\":\"Amsterdam\"},"
                + "\"woontInGemeente\":true,\"iban\":\"NL91ABNA0417164300\"}");
        assertEquals(c.toString(), 201, c.status());
        String id = c.json().path("id").asText();
        String relation = "{\"zorgvrager\":{\"naam\":\"Zorgvrager " + surname + "\",\"woontInGemeente\":true},"
                + "\"relatie\":\"ouder\",\"zorgSinds\":\"2020-01-01\",\"urenPerWeek\":%s,\"soortenZorg\":[\"begeleiding\"]}";
        Api.Res r = api.json(CONSULTANT, "POST", A + "/mantelzorgers/" + id + "/zorgrelaties", relation.formatted(hours));
        assertEquals(r.toString(), 201, r.status());
        return new String[] {id, r.json().path("id").asText(), relation};
    }

    /** A consultant's application for the caregiver (from {@link #caregiver}); asserts 201. */
    static com.fasterxml.jackson.databind.JsonNode apply(Api api, String[] c, int year) {
        Api.Res r = api.json(CONSULTANT, "POST", A + "/waarderingsaanvragen", "{\"jaar\":" + year
                + ",\"mantelzorgerId\":\"" + c[0] + "\",\"zorgrelatieId\":\"" + c[1] + "\",\"aanvrager\":\"consulent\"}");
        assertEquals(r.toString(), 201, r.status());
        return r.json();
    }
}
