package nl.mantelkring.itest.pluginfixture;

import java.util.Hashtable;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

import nl.mantelkring.appreciation.EligibilityRule;
import nl.mantelkring.appreciation.RuleOutcome;
import nl.mantelkring.platform.api.address.AddressVerifier;
import nl.mantelkring.platform.api.plugin.Plugins;

/**
 * Test fixture for PluginKitIT: badly behaved plugins (a rule and an address verifier that hang, a rule and an
 * address verifier that throw) and a rule scoped to GM0344 only. Packed into its own bundle at test time; never
 * part of the distribution.
 */
public class BadPluginsActivator implements BundleActivator {

    /** How long the hanging plugins block (ignoring interrupts): far beyond every platform limit. */
    static final long HANG_MILLIS = 60_000;

    @Override
    public void start(BundleContext context) {
        EligibilityRule hangingRule = (tenant, input) -> {
            hang();
            return RuleOutcome.pass("Te laat.");
        };
        EligibilityRule throwingRule = (tenant, input) -> {
            throw new IllegalStateException("database van de leverancier onbereikbaar");
        };
        EligibilityRule utrechtOnly = (tenant, input) -> RuleOutcome.pass("Alleen voor Utrecht.");
        AddressVerifier hangingVerifier = (tenant, address) -> {
            hang();
            return null;
        };
        AddressVerifier throwingVerifier = (tenant, address) -> {
            throw new IllegalStateException("BAG-koppeling onbereikbaar");
        };
        context.registerService(EligibilityRule.class, hangingRule, props("hangende-regel", null));
        context.registerService(EligibilityRule.class, throwingRule, props("foute-regel", null));
        context.registerService(EligibilityRule.class, utrechtOnly, props("regel-utrecht", "GM0344"));
        context.registerService(AddressVerifier.class, hangingVerifier, props("hangende-adrescontrole", null));
        context.registerService(AddressVerifier.class, throwingVerifier, props("foute-adrescontrole", null));
    }

    private static Hashtable<String, Object> props(String id, String tenant) {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(Plugins.ID, id);
        if (tenant != null) {
            p.put(Plugins.TENANT, tenant);
        }
        return p;
    }

    private static void hang() {
        long until = System.currentTimeMillis() + HANG_MILLIS;
        while (System.currentTimeMillis() < until) {
            try {
                Thread.sleep(until - System.currentTimeMillis());
            } catch (InterruptedException ignored) {
                // a badly written plugin swallows the interrupt and keeps blocking
            }
        }
    }

    @Override
    public void stop(BundleContext context) {
        // services are unregistered by the framework
    }
}
