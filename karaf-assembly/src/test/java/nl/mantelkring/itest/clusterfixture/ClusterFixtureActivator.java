package nl.mantelkring.itest.clusterfixture;

import java.util.Hashtable;
import java.util.List;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.RestResource;

/**
 * Test fixture for {@code ClusterIT}: a module "clustertest" whose API shows which node answers and takes and
 * releases cluster-wide leases through the platform's {@code Leases} service. Dropped into {@code deploy/} of each
 * node; never part of the distribution.
 */
public class ClusterFixtureActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        context.registerService(MantelkringModule.class, new MantelkringModule() {
            @Override
            public String id() {
                return "clustertest";
            }

            @Override
            public String name() {
                return "Clustertest";
            }

            @Override
            public String description() {
                return "Module voor de clustertest.";
            }

            @Override
            public List<String> apiPaths() {
                return List.of("clustertest");
            }

            @Override
            public boolean hasUi() {
                return false;
            }
        }, null);
        Hashtable<String, Object> rest = new Hashtable<>();
        rest.put(MantelkringModule.MODULE_PROPERTY, "clustertest");
        context.registerService(RestResource.class, new ClusterFixtureResource(context), rest);
    }

    @Override
    public void stop(BundleContext context) {
        // services are unregistered by the framework
    }
}
