package nl.mantelkring.platform.internal.messages;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The context class loader Jakarta Mail and Jakarta Activation need in OSGi. Both APIs find their implementations
 * with {@code ServiceLoader} and load content handlers by name through the thread's context class loader: the mail
 * transports and content handlers are in the Angus Mail bundle, the mailcap registry in the Angus Activation bundle.
 * This loader sees both (and nothing else beyond the JDK).
 */
final class MailClassLoader extends ClassLoader {

    private static final MailClassLoader INSTANCE = new MailClassLoader(List.of(
            org.eclipse.angus.mail.smtp.SMTPTransport.class.getClassLoader(),
            org.eclipse.angus.activation.MailcapRegistryProviderImpl.class.getClassLoader()));

    private final List<ClassLoader> loaders;

    private MailClassLoader(List<ClassLoader> loaders) {
        super(null);
        this.loaders = loaders;
    }

    /** Runs the work with this loader as the thread's context class loader. */
    static <T> T run(Supplier<T> work) {
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(INSTANCE);
        try {
            return work.get();
        } finally {
            t.setContextClassLoader(before);
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        for (ClassLoader l : loaders) {
            try {
                return l.loadClass(name);
            } catch (ClassNotFoundException next) {
                // try the next bundle
            }
        }
        throw new ClassNotFoundException(name);
    }

    @Override
    protected URL findResource(String name) {
        for (ClassLoader l : loaders) {
            URL u = l.getResource(name);
            if (u != null) {
                return u;
            }
        }
        return null;
    }

    @Override
    protected Enumeration<URL> findResources(String name) throws IOException {
        Set<URL> all = new LinkedHashSet<>();
        for (ClassLoader l : loaders) {
            all.addAll(Collections.list(l.getResources(name)));
        }
        return Collections.enumeration(new ArrayList<>(all));
    }
}
