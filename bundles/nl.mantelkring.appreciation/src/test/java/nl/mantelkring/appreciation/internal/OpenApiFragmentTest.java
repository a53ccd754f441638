package nl.mantelkring.appreciation.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.junit.jupiter.api.Test;

import nl.mantelkring.platform.internal.openapi.OpenApiDrift;

/** The module's OpenAPI fragment against its resources (the platform's drift checks). */
class OpenApiFragmentTest {

    @Test
    void fragmentMatchesTheResources() throws IOException {
        try (InputStream in = AppreciationModule.class.getResourceAsStream("/openapi/fragment.json")) {
            assertNotNull(in);
            OpenApiDrift.forFragment(in, List.of(ApplicationResource.class, ReportResource.class,
                    nl.mantelkring.appreciation.internal.payment.PaymentRunResource.class,
                    nl.mantelkring.appreciation.internal.payment.GrantResource.class,
                    nl.mantelkring.appreciation.internal.payment.VoucherResource.class)).checkAll();
        }
    }
}
