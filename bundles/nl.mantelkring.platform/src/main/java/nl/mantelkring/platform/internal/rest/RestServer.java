package nl.mantelkring.platform.internal.rest;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.endpoint.ServerRegistry;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.apache.cxf.jaxrs.lifecycle.SingletonResourceProvider;
import javax.servlet.ServletException;

import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.http.HttpService;
import org.osgi.service.http.NamespaceException;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.jaxrs.json.JacksonJsonProvider;

import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.RestResource;
import nl.mantelkring.platform.internal.audit.AuditLogImpl;
import nl.mantelkring.platform.internal.loket.AnonymousLimits;
import nl.mantelkring.platform.internal.module.ModuleRegistry;
import nl.mantelkring.platform.internal.oidc.CitizenSessions;
import nl.mantelkring.platform.internal.oidc.BearerTokens;
import nl.mantelkring.platform.internal.security.Authenticator;
import nl.mantelkring.platform.internal.security.RoleGrants;
import nl.mantelkring.platform.internal.session.Sessions;
import nl.mantelkring.platform.internal.tenant.TenantStore;

/**
 * Publishes REST for the whole platform, one way: every service carrying {@code mantelkring.module} is a JAX-RS
 * resource of the one application at {@code /api/v1}, served by the platform's own CXF servlet ({@link ApiServlet}).
 * Modules register plain annotated objects and know nothing of CXF. Authentication, tenant resolution, module
 * gating, audit and error mapping are the filters and mapper registered here, once. When resources come or go the
 * endpoint is rebuilt (debounced), so a feature install or uninstall takes effect without restart.
 */
@Component(service = RestServer.class, immediate = true, configurationPid = "nl.mantelkring.platform.rest")
@Designate(ocd = RestServer.Config.class)
public class RestServer {

    @ObjectClassDefinition(name = "Mantelkring REST")
    public @interface Config {
        @AttributeDefinition(description = "Largest request body accepted, in bytes (larger: 413)")
        long maxBodyBytes() default 1_048_576;
    }

    private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);

    private final Map<ServiceReference<?>, RestResource> resources = new ConcurrentHashMap<>();
    private final Map<Class<?>, String> moduleOfClass = new ConcurrentHashMap<>();
    private final ScheduledExecutorService rebuilder = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mantelkring-rest-rebuild");
        t.setDaemon(true);
        return t;
    });
    private final Authenticator authenticator;
    private final BearerTokens bearerTokens;
    private final Sessions sessions;
    private final RoleGrants grants;
    private final TenantStore tenants;
    private final ModuleRegistry modules;
    private final AuditLogImpl auditLog;
    private final Config config;
    private final ObjectMapper mapper;
    private final ServedModules servedModules;
    private final CitizenSessions citizens;
    private final AnonymousLimits anonymousLimits;

    private Server server;
    private ScheduledFuture<?> pending;
    private volatile boolean active;
    /** An endpoint is published: the servlet answers 503 until then. */
    private volatile boolean published;

    /** Where the API is served. */
    static final String API_ALIAS = "/api/v1";

    private final HttpService http;
    private final Bus bus;

    @Activate
    public RestServer(@Reference Authenticator authenticator, @Reference BearerTokens bearerTokens,
                      @Reference Sessions sessions, @Reference RoleGrants grants,
                      @Reference TenantStore tenants, @Reference ModuleRegistry modules, @Reference AuditLogImpl auditLog,
                      @Reference HttpService http, @Reference ServedModules servedModules,
                      @Reference CitizenSessions citizens, @Reference AnonymousLimits anonymousLimits, Config config)
            throws ServletException, NamespaceException {
        this.citizens = citizens;
        this.anonymousLimits = anonymousLimits;
        this.authenticator = authenticator;
        this.bearerTokens = bearerTokens;
        this.sessions = sessions;
        this.grants = grants;
        this.tenants = tenants;
        this.modules = modules;
        this.auditLog = auditLog;
        this.config = config;
        this.servedModules = servedModules;
        this.mapper = objectMapper();
        this.http = http;
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(RestServer.class.getClassLoader());
        try {
            this.bus = BusFactory.getDefaultBus(true);
        } finally {
            thread.setContextClassLoader(previous);
        }
        Hashtable<String, String> init = new Hashtable<>();
        init.put("hide-service-list-page", "true");
        http.registerServlet(API_ALIAS, new ApiServlet(bus, () -> published), init, null);
        this.active = true;
        scheduleRebuild();
    }

    /**
     * The JSON mapping used for every request and response: strict on input (unknown fields and duplicate keys are
     * refused, text as {@link TextInput} says), ISO-8601 dates, no nulls.
     */
    public static ObjectMapper objectMapper() {
        return new ObjectMapper().registerModule(new JavaTimeModule()).registerModule(TextInput.module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(" + MantelkringModule.MODULE_PROPERTY + "=*)")
    void addResource(ServiceReference<RestResource> ref, RestResource resource) {
        resources.put(ref, resource);
        moduleOfClass.put(resource.getClass(), String.valueOf(ref.getProperty(MantelkringModule.MODULE_PROPERTY)));
        scheduleRebuild();
    }

    void removeResource(ServiceReference<RestResource> ref, RestResource resource) {
        resources.remove(ref);
        if (resources.values().stream().noneMatch(r -> r.getClass() == resource.getClass())) {
            moduleOfClass.remove(resource.getClass());
        }
        scheduleRebuild();
    }

    @Deactivate
    synchronized void deactivate() {
        active = false;
        rebuilder.shutdownNow();
        stop();
        try {
            http.unregister(API_ALIAS);
        } catch (RuntimeException e) {
            LOG.debug("API servlet already unregistered", e);
        }
    }

    private synchronized void scheduleRebuild() {
        if (!active) {
            return;
        }
        if (pending != null) {
            pending.cancel(false);
        }
        pending = rebuilder.schedule(this::rebuild, 150, TimeUnit.MILLISECONDS);
    }

    private synchronized void rebuild() {
        if (!active) {
            return;
        }
        List<Object> beans = new ArrayList<>(resources.values());
        if (beans.isEmpty()) {
            stop();
            return;
        }
        JAXRSServerFactoryBean sf = new JAXRSServerFactoryBean();
        sf.setAddress("/");
        sf.setStart(false);
        List<Class<?>> classes = new ArrayList<>();
        for (Object bean : beans) {
            classes.add(bean.getClass());
            sf.setResourceProvider(bean.getClass(), new SingletonResourceProvider(bean));
        }
        sf.setResourceClasses(classes);
        sf.setProviders(List.of(new JacksonJsonProvider(mapper), new ProblemMapper(new RouteTable(classes)),
                new PreMatchFilter(config.maxBodyBytes()),
                new SecurityFilter(authenticator, bearerTokens::verify, sessions, grants, tenants, modules,
                        moduleOfClass::get, citizens, anonymousLimits),
                new BodyTypeFilter(), new UnitOfWorkFilter(),
                new ResponseFilter(auditLog), new TextInput.QueryFilter()));
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(RestServer.class.getClassLoader());
        try {
            sf.setBus(bus);
            // The new endpoint shares the servlet destination at "/": swapping the destination's observer from the
            // old endpoint to the new one leaves no moment without an API (no "No service was found" page).
            Server next = sf.create();
            Server previousServer = server;
            if (previousServer != null) {
                previousServer.stop();
            }
            next.start();
            if (previousServer != null) {
                ServerRegistry registry = bus.getExtension(ServerRegistry.class);
                if (registry != null) {
                    registry.unregister(previousServer);
                }
            }
            server = next;
            published = true;
            java.util.Set<String> served = new java.util.HashSet<>();
            for (Class<?> c : classes) {
                String module = moduleOfClass.get(c);
                if (module != null) {
                    served.add(module);
                }
            }
            servedModules.set(served);
            LOG.info("REST endpoint published with {} resources", beans.size());
        } catch (RuntimeException e) {
            LOG.error("REST endpoint could not be published", e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private void stop() {
        published = false;
        if (server != null) {
            try {
                server.destroy();
            } catch (RuntimeException e) {
                LOG.warn("Stopping the REST endpoint failed", e);
            }
            server = null;
        }
        servedModules.set(java.util.Set.of());
    }
}
