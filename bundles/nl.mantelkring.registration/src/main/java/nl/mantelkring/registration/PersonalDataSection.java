package nl.mantelkring.registration;

import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * SPI for modules that hold data about caregivers: their part of the right-of-access export (AVG art. 15),
 * {@code GET /gemeenten/{gemeentecode}/mantelzorgers/{mantelzorgerId}/inzage}. Register one per module as a DS
 * service; the export calls every registered section and puts its result under {@link #name()}.
 */
@ConsumerType
public interface PersonalDataSection {

    /** Dutch section name in the export, e.g. {@code waardering}. */
    String name();

    /**
     * Everything the module holds about the caregiver in the tenant, as JSON-serialisable maps, lists and
     * scalars (BSN and IBAN masked). Empty when it holds nothing.
     */
    Map<String, Object> export(String tenant, String caregiverId);
}
