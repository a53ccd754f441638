package nl.mantelkring.registration.internal;

import org.osgi.service.component.annotations.Component;

import nl.mantelkring.platform.api.plugin.Plugins;
import nl.mantelkring.registration.PersonQuery;
import nl.mantelkring.registration.PersonVerdict;
import nl.mantelkring.registration.PersonVerifier;

/** The default: no BRP check; accepts and fills nothing (the formats were checked already). */
@Component(property = {Plugins.ID + "=" + PersonVerifier.BUILT_IN, Plugins.NAME + "=Geen BRP-controle"})
public class BuiltInPersonVerifier implements PersonVerifier {

    @Override
    public PersonVerdict verify(String tenant, PersonQuery query) {
        return PersonVerdict.unchecked();
    }
}
