package nl.mantelkring.appreciation.internal.messages;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nl.mantelkring.appreciation.internal.Applications;
import nl.mantelkring.platform.api.audit.AuditEntry;
import nl.mantelkring.platform.api.audit.AuditLog;
import nl.mantelkring.platform.api.data.Jdbc;
import nl.mantelkring.registration.CaregiverDirectory;
import nl.mantelkring.registration.Erasure;
import nl.mantelkring.registration.RegistrationEvents;

/**
 * Erasure of what the module's messages left behind (the messages themselves are erased by the registration module
 * from the platform outbox, in the erasure's transaction): the invitation records and the explanations of
 * information requests (the fact that information was asked stays with the pseudonymised application). Idempotent,
 * audited, and independent of the order in which the modules handle the event.
 */
@Component(service = EventHandler.class, property = EventConstants.EVENT_TOPIC + "=" + RegistrationEvents.ERASED)
public class MessagePrivacy implements EventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(MessagePrivacy.class);
    static final String PURPOSE = "Recht op gegevenswissing (AVG art. 17)";

    private final Jdbc jdbc;
    private final AuditLog audit;

    @Activate
    public MessagePrivacy(@Reference Applications applications, @Reference AuditLog audit,
                          @Reference CaregiverDirectory directory) {
        this.jdbc = applications.jdbc();
        this.audit = audit;
        // erasures missed while this module was not running
        for (Erasure e : directory.erasuresSince(Instant.now().minus(366, ChronoUnit.DAYS))) {
            erase(e.tenant(), e.caregiverId());
        }
    }

    @Override
    public void handleEvent(Event event) {
        String tenant = (String) event.getProperty(RegistrationEvents.TENANT);
        String caregiverId = (String) event.getProperty(RegistrationEvents.CAREGIVER_ID);
        if (tenant != null && caregiverId != null) {
            try {
                erase(tenant, caregiverId);
            } catch (RuntimeException e) {
                LOG.error("Could not erase the message records of an erased caregiver of {}", tenant, e);
            }
        }
    }

    /** Removes the caregiver's invitations and information-request explanations; the number of rows touched. */
    int erase(String tenant, String caregiverId) {
        return jdbc.inTransaction(c -> {
            int n = Jdbc.update(c, "delete from appreciation_invitation where tenant = ? and caregiver_id = ?", tenant,
                    caregiverId);
            n += Jdbc.update(c, "update appreciation_information_request set explanation = null, caregiver_id = null"
                    + " where tenant = ? and caregiver_id = ?", tenant, caregiverId);
            if (n > 0) {
                audit.record(c, new AuditEntry(tenant, "systeem:waardering", null, "waarderingsbericht.wissen",
                        "waarderingsbericht", null, caregiverId, PURPOSE, true, null, "geslaagd"));
            }
            return n;
        });
    }
}
