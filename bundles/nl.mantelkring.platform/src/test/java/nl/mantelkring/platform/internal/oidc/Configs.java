package nl.mantelkring.platform.internal.oidc;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Typed configuration instances for tests: the given values, else the annotation's defaults. */
final class Configs {

    static <A> A of(Class<A> type, Map<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, args) -> {
            if (values.containsKey(m.getName())) {
                return values.get(m.getName());
            }
            if (m.getDefaultValue() != null) {
                return m.getDefaultValue();
            }
            if (m.getName().equals("annotationType")) {
                return type;
            }
            throw new IllegalStateException("no value for " + m.getName());
        }));
    }

    private Configs() {
    }
}
