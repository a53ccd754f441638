package nl.mantelkring.appreciation.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;

import nl.mantelkring.platform.internal.openapi.OpenApiDrift;

/** The module's OpenAPI fragment against its resources (the platform's drift checks). */
class OpenApiFragmentTest {

    private static OpenApiDrift drift() throws IOException {
        try (InputStream in = AppreciationModule.class.getResourceAsStream("/openapi/fragment.json")) {
            assertNotNull(in);
            return OpenApiDrift.forFragment(in, List.of(ApplicationResource.class, ReportResource.class,
                    ExplanationResource.class, CitizenApplicationResource.class,
                    LetterResource.class, CitizenLetterResource.class, LetterPreviewResource.class,
                    ObjectionResource.class, ObjectionDecisionResource.class,
                    nl.mantelkring.appreciation.internal.payment.PaymentRunResource.class,
                    nl.mantelkring.appreciation.internal.payment.GrantResource.class,
                    nl.mantelkring.appreciation.internal.payment.VoucherResource.class,
                    nl.mantelkring.appreciation.internal.messages.InformationRequestResource.class,
                    nl.mantelkring.appreciation.internal.messages.InvitationResource.class));
        }
    }

    @Test
    void fragmentMatchesTheResources() throws IOException {
        drift().checkAll();
    }

    /**
     * {@code POST /waarderingsaanvragen} takes a registered caregiver ({@code mantelzorgerId}) or registers one in
     * the same call ({@code mantelzorger} + {@code zorgrelatie}); the document required {@code mantelzorgerId}, so a
     * validating client or proxy refused the second form, which the API accepts.
     */
    @Test
    void applicationBodyAcceptsBothFormsTheApiAccepts() throws IOException {
        OpenApiInteractionValidator validator = OpenApiInteractionValidator
                .createForInlineApiSpecification(drift().document().toString()).build();
        String id = "\"3f1c2b8e-0d5a-4c7e-9b1a-2e4f6a8c0d12\"";
        String newCaregiver = "{\"bsn\": \"111222333\", \"naam\": \"A. de Vries\"}";
        String newRelation = "{\"zorgvrager\": {\"bsn\": \"123456782\"}}";
        assertValid(validator, "{\"mantelzorgerId\": " + id + ", \"zorgrelatieId\": " + id
                + ", \"aanvrager\": \"consulent\"}");
        assertValid(validator, "{\"mantelzorgerId\": " + id + ", \"zorgrelatie\": " + newRelation
                + ", \"aanvrager\": \"consulent\"}");
        assertValid(validator, "{\"mantelzorger\": " + newCaregiver + ", \"zorgrelatie\": " + newRelation
                + ", \"aanvrager\": \"mantelzorger\", \"jaar\": 2026}");
        // what the API refuses (ApplicationResource) the document refuses too
        assertInvalid(validator, "{\"aanvrager\": \"consulent\"}");
        assertInvalid(validator, "{\"mantelzorger\": " + newCaregiver + ", \"aanvrager\": \"consulent\"}");
        assertInvalid(validator, "{\"mantelzorgerId\": " + id + ", \"mantelzorger\": " + newCaregiver
                + ", \"zorgrelatie\": " + newRelation + ", \"aanvrager\": \"consulent\"}");
        assertInvalid(validator, "{\"mantelzorgerId\": " + id + ", \"zorgrelatieId\": " + id + ", \"zorgrelatie\": "
                + newRelation + ", \"aanvrager\": \"consulent\"}");
        assertInvalid(validator, "{\"mantelzorgerId\": " + id + ", \"aanvrager\": \"consulent\"}");
    }

    private static ValidationReport validate(OpenApiInteractionValidator validator, String body) {
        return validator.validateRequest(SimpleRequest.Builder.post("/api/v1/gemeenten/GM0363/waarderingsaanvragen")
                .withContentType("application/json").withAuthorization("Basic Y29uc3VsZW50OmRlbW8=")
                .withBody(body).build());
    }

    private static void assertValid(OpenApiInteractionValidator validator, String body) {
        ValidationReport r = validate(validator, body);
        assertFalse(r.hasErrors(), body + ": " + r.getMessages());
    }

    private static void assertInvalid(OpenApiInteractionValidator validator, String body) {
        assertTrue(validate(validator, body).hasErrors(), body + " should be refused by the document");
    }
}
