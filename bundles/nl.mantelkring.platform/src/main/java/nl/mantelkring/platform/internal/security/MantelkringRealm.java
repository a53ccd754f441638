package nl.mantelkring.platform.internal.security;

import java.io.File;
import java.util.HashMap;
import java.util.Map;

import javax.security.auth.login.AppConfigurationEntry;

import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.apache.karaf.jaas.config.JaasRealm;
import org.apache.karaf.jaas.modules.EncryptionService;
import org.apache.karaf.jaas.modules.properties.AutoEncryptionSupport;
import org.apache.karaf.jaas.modules.properties.PropertiesLoginModule;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The JAAS realm {@code mantelkring} of the API users: {@code etc/mantelkring-users.properties}
 * ({@code user = password,role,...}), each password stored as a salted SHA-256 digest of 100,000 iterations
 * (Karaf's jasypt encryption service). A plain-text password in the file is replaced by its digest when the realm
 * starts and whenever the file changes, as Karaf does for its own realm. Karaf's realm {@code karaf}
 * ({@code etc/users.properties}) keeps the shell and JMX administrators only: an account of one realm is no account
 * of the other. Registered as a {@link JaasRealm} service, the way Karaf's {@code jaas:config} registers a realm
 * defined in blueprint; {@code jaas:realm-manage --realm mantelkring} manages its users.
 */
@Component(service = JaasRealm.class)
public class MantelkringRealm implements JaasRealm {

    public static final String NAME = "mantelkring";
    static final String USERS_FILE = "mantelkring-users.properties";

    private final AppConfigurationEntry[] entries;
    private final AutoEncryptionSupport hashing;

    /** Waits for the jasypt encryption service, so that no login meets a realm that cannot check a digest. */
    @Activate
    public MantelkringRealm(BundleContext context, @Reference(target = "(name=jasypt)") EncryptionService jasypt) {
        Map<String, Object> options = new HashMap<>();
        // the login module runs in Karaf's JAAS bundle; the encryption service is looked up through this context
        options.put(BundleContext.class.getName(), context);
        options.put(ProxyLoginModule.PROPERTY_MODULE, PropertiesLoginModule.class.getName());
        options.put(ProxyLoginModule.PROPERTY_BUNDLE,
                Long.toString(FrameworkUtil.getBundle(PropertiesLoginModule.class).getBundleId()));
        options.put("users", new File(System.getProperty("karaf.etc"), USERS_FILE).getPath());
        options.put("detailed.login.exception", "false");
        options.put("encryption.enabled", "true");
        options.put("encryption.name", "jasypt");
        options.put("encryption.prefix", "{CRYPT}");
        options.put("encryption.suffix", "{CRYPT}");
        options.put("encryption.algorithm", "SHA-256");
        options.put("encryption.encoding", "base64");
        options.put("encryption.iterations", "100000");
        options.put("encryption.saltSizeBytes", "16");
        entries = new AppConfigurationEntry[] {new AppConfigurationEntry(ProxyLoginModule.class.getName(),
                AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, Map.copyOf(options))};
        hashing = new AutoEncryptionSupport(options);
    }

    @Deactivate
    void deactivate() {
        hashing.close();
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public int getRank() {
        return 0;
    }

    @Override
    public AppConfigurationEntry[] getEntries() {
        return entries.clone();
    }
}
