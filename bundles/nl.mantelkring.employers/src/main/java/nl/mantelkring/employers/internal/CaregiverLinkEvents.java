package nl.mantelkring.employers.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nl.mantelkring.registration.CaregiverDirectory;
import nl.mantelkring.registration.Erasure;
import nl.mantelkring.registration.PersonalDataSection;
import nl.mantelkring.registration.RegistrationEvents;

/**
 * Keeps the caregiver links in step with the registration module: an erased caregiver's link goes (and at start,
 * any erasure missed while this module was not running); a change (consent withdrawn, deregistered) is rechecked.
 * Also contributes the link to the caregiver's right-of-access export.
 */
@Component(service = {EventHandler.class, PersonalDataSection.class},
        property = EventConstants.EVENT_TOPIC + "=" + RegistrationEvents.TOPIC_PREFIX + "*")
public class CaregiverLinkEvents implements EventHandler, PersonalDataSection {

    private static final Logger LOG = LoggerFactory.getLogger(CaregiverLinkEvents.class);
    static final String ERASURE_PURPOSE = "Recht op gegevenswissing (AVG art. 17)";

    private final CaregiverLinks links;

    @Activate
    public CaregiverLinkEvents(@Reference CaregiverLinks links, @Reference CaregiverDirectory directory) {
        this.links = links;
        // catch up with erasures of the last year that happened while this module was not running
        for (Erasure e : directory.erasuresSince(Instant.now().minus(366, ChronoUnit.DAYS))) {
            links.forget(e.tenant(), e.caregiverId(), ERASURE_PURPOSE);
        }
    }

    @Override
    public void handleEvent(Event event) {
        String tenant = (String) event.getProperty(RegistrationEvents.TENANT);
        String caregiverId = (String) event.getProperty(RegistrationEvents.CAREGIVER_ID);
        if (tenant == null || caregiverId == null) {
            return;
        }
        try {
            if (RegistrationEvents.ERASED.equals(event.getTopic())) {
                links.forget(tenant, caregiverId, ERASURE_PURPOSE);
            } else if (RegistrationEvents.CHANGED.equals(event.getTopic())) {
                links.recheck(tenant, caregiverId);
            }
        } catch (RuntimeException ex) {
            LOG.error("Could not apply {} for a caregiver of {} to the employer links", event.getTopic(), tenant, ex);
        }
    }

    @Override
    public String name() {
        return "werkEnMantelzorg";
    }

    @Override
    public Map<String, Object> export(String tenant, String caregiverId) {
        return links.export(tenant, caregiverId);
    }
}
