package nl.mantelkring.platform.internal.demo;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;

import org.apache.karaf.features.BootFinished;
import org.apache.karaf.features.FeaturesService;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Demo mode: installs the module features named in {@code etc/nl.mantelkring.platform.demo.cfg} ({@code features}).
 * Waits for Karaf's boot features to finish (the {@link BootFinished} service): installing while the boot still provisions
 * races its refreshes. Installs all in one call, on its own thread (a feature installation refreshes bundles and
 * must not wait for SCR), and retries a few times if the features service is busy or restarting.
 */
@Component(immediate = true, configurationPid = "nl.mantelkring.platform.demo",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public class DemoFeatures {

    private static final Logger LOG = LoggerFactory.getLogger(DemoFeatures.class);
    private static final int ATTEMPTS = 10;
    private static final long BOOT_WAIT_MS = 120_000;

    private final Thread worker;
    private volatile boolean stopped;

    @Activate
    public DemoFeatures(BundleContext context, DemoData.Config config) {
        Set<String> names = new LinkedHashSet<>(DemoData.list(config.features()));
        worker = new Thread(() -> {
            // looked up, not @Reference: a reference becomes an osgi.service requirement that Karaf's resolver cannot
            // satisfy (features core registers BootFinished without declaring the capability)
            ServiceTracker<BootFinished, BootFinished> boot = new ServiceTracker<>(context, BootFinished.class, null);
            boot.open();
            try {
                if (boot.waitForService(BOOT_WAIT_MS) == null) {
                    LOG.warn("Demo: Karaf's boot did not finish within {} s; installing {} anyway",
                            BOOT_WAIT_MS / 1000, names);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                boot.close();
            }
            install(context, names);
        }, "mantelkring-demo-features");
        worker.setDaemon(true);
        if (!names.isEmpty()) {
            worker.start();
        }
    }

    @Deactivate
    void stop() {
        stopped = true;
        worker.interrupt();
    }

    /** Installs what is missing; looks the features service up at each attempt (it may have restarted). */
    private void install(BundleContext context, Set<String> names) {
        for (int attempt = 1; attempt <= ATTEMPTS && !stopped; attempt++) {
            ServiceReference<FeaturesService> ref = context.getServiceReference(FeaturesService.class);
            FeaturesService features = ref == null ? null : context.getService(ref);
            try {
                if (features == null) {
                    throw new IllegalStateException("no features service");
                }
                Set<String> missing = new LinkedHashSet<>();
                for (String name : names) {
                    if (!features.isInstalled(features.getFeature(name))) {
                        missing.add(name);
                    }
                }
                if (!missing.isEmpty()) {
                    features.installFeatures(missing, EnumSet.noneOf(FeaturesService.Option.class));
                    LOG.info("Demo: features {} installed", missing);
                }
                return;
            } catch (Exception e) {
                if (stopped) {
                    return;
                }
                LOG.warn("Demo: features {} not installed yet (attempt {} of {}): {}", names, attempt, ATTEMPTS,
                        e.toString());
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } finally {
                if (features != null) {
                    context.ungetService(ref);
                }
            }
        }
    }
}
