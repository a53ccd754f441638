package nl.mantelkring.itest.clusterfixture;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.ws.rs.DELETE;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

import nl.mantelkring.platform.api.Allowed;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.RestResource;
import nl.mantelkring.platform.api.Role;
import nl.mantelkring.platform.api.cluster.Lease;
import nl.mantelkring.platform.api.cluster.Leases;

/** The cluster test module's API: which node answers; take, show and release a lease on this node. */
@Path("gemeenten/{gemeentecode}/clustertest")
@Produces(MediaType.APPLICATION_JSON)
public class ClusterFixtureResource implements RestResource {

    private final BundleContext context;
    private final Map<String, Lease> held = new ConcurrentHashMap<>();

    public ClusterFixtureResource(BundleContext context) {
        this.context = context;
    }

    @GET
    @Path("knooppunt")
    @Allowed(Role.CONSULTANT)
    public Map<String, String> node() {
        return Map.of("knooppunt", leases().nodeId());
    }

    @POST
    @Path("leases/{naam}")
    @Allowed(Role.CONSULTANT)
    public Map<String, Object> acquire(@PathParam("naam") String name,
                                       @QueryParam("seconden") @DefaultValue("60") int seconds) {
        Lease lease = leases().tryAcquire(name, Duration.ofSeconds(seconds))
                .orElseThrow(() -> ProblemException.conflict("Lease " + name + " is in gebruik."));
        held.put(name, lease);
        return Map.of("houder", lease.holder(), "token", lease.token());
    }

    @GET
    @Path("leases/{naam}")
    @Allowed(Role.CONSULTANT)
    public Map<String, Object> current(@PathParam("naam") String name) {
        return leases().current(name).<Map<String, Object>>map(s -> Map.of("houder", s.holder(), "token", s.token()))
                .orElseThrow(() -> ProblemException.notFound("Lease " + name + " is vrij."));
    }

    @DELETE
    @Path("leases/{naam}")
    @Allowed(Role.CONSULTANT)
    public Map<String, Object> release(@PathParam("naam") String name) {
        Lease lease = held.remove(name);
        if (lease == null) {
            throw ProblemException.notFound("Deze node houdt lease " + name + " niet.");
        }
        lease.close();
        return Map.of("houder", lease.holder(), "vrijgegeven", true);
    }

    private Leases leases() {
        ServiceReference<Leases> ref = context.getServiceReference(Leases.class);
        Leases leases = ref == null ? null : context.getService(ref);
        if (leases == null) {
            throw new IllegalStateException("Leases service not available");
        }
        return leases;
    }
}
