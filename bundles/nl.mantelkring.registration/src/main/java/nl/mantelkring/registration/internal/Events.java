package nl.mantelkring.registration.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

import nl.mantelkring.platform.api.data.Database;
import nl.mantelkring.registration.RegistrationEvents;

/** Sends the module's OSGi events (only ids and the tenant). */
@Component(service = Events.class)
public class Events {

    private final EventAdmin eventAdmin;
    /** Where asynchronous events wait until the request's data is committed (their handlers read it). */
    private final Executor afterCommit;

    @Activate
    public Events(@Reference EventAdmin eventAdmin, @Reference Database database) {
        this.eventAdmin = eventAdmin;
        this.afterCommit = database::afterCommit;
    }

    /** Posting at once (tests without a database). */
    Events(EventAdmin eventAdmin) {
        this.eventAdmin = eventAdmin;
        this.afterCommit = Runnable::run;
    }

    void registered(String tenant, String caregiverId) {
        post(event(RegistrationEvents.REGISTERED, tenant, caregiverId, Map.of()));
    }

    void changed(String tenant, String caregiverId) {
        post(event(RegistrationEvents.CHANGED, tenant, caregiverId, Map.of()));
    }

    void relationEnded(String tenant, String caregiverId, String relationId, String reason) {
        post(event(RegistrationEvents.RELATION_ENDED, tenant, caregiverId,
                Map.of(RegistrationEvents.RELATION_ID, relationId, RegistrationEvents.REASON, reason)));
    }

    private void post(Event event) {
        afterCommit.execute(() -> eventAdmin.postEvent(event));
    }

    /** Synchronous: when this returns, every handler has had its turn. */
    void erased(String tenant, String caregiverId, List<String> relationIds, List<String> recipientIds, String reason) {
        eventAdmin.sendEvent(event(RegistrationEvents.ERASED, tenant, caregiverId,
                Map.of(RegistrationEvents.RELATION_IDS, relationIds.toArray(String[]::new),
                        RegistrationEvents.RECIPIENT_IDS, recipientIds.toArray(String[]::new),
                        RegistrationEvents.REASON, reason)));
    }

    private static Event event(String topic, String tenant, String caregiverId, Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>(extra);
        props.put(RegistrationEvents.TENANT, tenant);
        props.put(RegistrationEvents.CAREGIVER_ID, caregiverId);
        return new Event(topic, props);
    }
}
