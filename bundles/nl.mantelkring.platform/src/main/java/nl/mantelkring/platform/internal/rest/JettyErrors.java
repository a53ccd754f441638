package nl.mantelkring.platform.internal.rest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs {@link ProblemErrorHandler} as the error handler of Karaf's Jetty, so that the errors Jetty answers itself
 * are problem+json. Pax Web 8 creates the {@link Server} itself and offers two live hooks, both OSGi services it
 * tracks: a Jetty {@code Handler} (registering one restarts the whole web server, every context with it) and an
 * {@link HttpConfiguration.Customizer}, called for each request before it is handled. This is the latter: it hands
 * the server its error handler on the first request it sees (in practice the readiness probe, which runs before the
 * node takes traffic), and again after Pax Web replaced the server; on deactivation the previous handler returns.
 * A {@code jetty.xml} ({@code org.ops4j.pax.web.config.file}) cannot do it: Pax Web reads it with its own class
 * loader at its start, before this bundle exists.
 */
@Component(service = HttpConfiguration.Customizer.class)
public class JettyErrors implements HttpConfiguration.Customizer {

    private static final Logger LOG = LoggerFactory.getLogger(JettyErrors.class);

    private final ProblemErrorHandler handler = new ProblemErrorHandler();
    /** The servers given our handler, with the handler each had before. */
    private final Map<Server, ErrorHandler> previous = new ConcurrentHashMap<>();
    private volatile boolean active = true;

    @Override
    public void customize(Connector connector, HttpConfiguration channelConfig, Request request) {
        Server server = connector.getServer();
        if (active && server != null && server.getErrorHandler() != handler) {
            install(server);
        }
    }

    private synchronized void install(Server server) {
        ErrorHandler current = server.getErrorHandler();
        if (!active || current == handler) {
            return;
        }
        previous.put(server, current);
        server.setErrorHandler(handler);
        LOG.info("Jetty's error handler answers with application/problem+json");
    }

    @Deactivate
    synchronized void deactivate() {
        active = false;
        previous.forEach((server, before) -> {
            if (server.getErrorHandler() == handler) {
                server.setErrorHandler(before);
            }
        });
        previous.clear();
    }
}
