package nl.mantelkring.appreciation.internal.letters;

import org.osgi.service.component.annotations.Component;

import nl.mantelkring.appreciation.internal.Applications;
import nl.mantelkring.appreciation.internal.payment.PaymentRuns;

/**
 * Decision and voucher letters (issue 19, helper A1 implements; the signatures are the contract with helper A2).
 * Renders the tenant's template (policy {@code waardering.brieven}) on the letterhead as PDF/A and stores it with the
 * decision, on the platform datasource (so within the request's transaction during an audited write), audited as
 * {@code waarderingsbrief.maken}. Must not reference {@link Applications} (it references this: no DS cycle).
 */
@Component(service = AppreciationLetters.class)
public class AppreciationLetters {

    /** Makes and stores the letter for the application's current decision (granted, refused, or re-decided). */
    public StoredLetter decisionLetter(String tenant, Applications.Stored application) {
        throw new UnsupportedOperationException("issue 19: A1 builds this");
    }

    /** Makes and stores the voucher letter with the voucher code of an issued voucher. */
    public StoredLetter voucherLetter(String tenant, PaymentRuns.Grant grant, Applications.Stored application) {
        throw new UnsupportedOperationException("issue 19: A1 builds this");
    }
}
