package nl.mantelkring.appreciation.internal.messages;

import org.osgi.service.component.annotations.Component;

import nl.mantelkring.appreciation.internal.Applications;
import nl.mantelkring.appreciation.internal.letters.StoredLetter;
import nl.mantelkring.appreciation.internal.payment.PaymentRuns;

/**
 * The module's messages to caregivers (issue 19, helper A2 implements; the signatures are the contract with helper
 * A1). Renders the tenant's template (policy {@code waardering.berichten}) and stores the message in the platform
 * outbox on the platform datasource (within the request's transaction during an audited write). The recipient comes
 * from {@code CaregiverDirectory.recipient}. Must not reference {@link Applications} (no DS cycle).
 */
@Component(service = AppreciationMessages.class)
public class AppreciationMessages {

    /** "Aanvraag ontvangen": after an application is stored (loket or balie). */
    public void received(String tenant, Applications.Stored application) {
        // issue 19: A2 builds this (a no-op until then, so that A1's decisions work meanwhile)
    }

    /** "Besluit": the decision letter attached (and printed when the caregiver gets post). */
    public void decided(String tenant, Applications.Stored application, StoredLetter letter) {
        // issue 19: A2 builds this (a no-op until then, so that A1's decisions work meanwhile)
    }

    /** "Waardebon": the voucher letter attached. */
    public void voucherIssued(String tenant, PaymentRuns.Grant grant, Applications.Stored application,
                              StoredLetter letter) {
        // issue 19: A2 builds this (a no-op until then, so that A1's decisions work meanwhile)
    }
}
