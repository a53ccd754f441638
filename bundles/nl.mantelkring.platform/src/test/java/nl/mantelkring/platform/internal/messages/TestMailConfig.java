package nl.mantelkring.platform.internal.messages;

import java.lang.annotation.Annotation;

/** An {@link OutboxWorker.Config} for tests: the defaults, with server, security and credentials given. */
final class TestMailConfig {

    private TestMailConfig() {
    }

    static OutboxWorker.Config of(int port, String security, String username, String password, String trustedHosts) {
        return new OutboxWorker.Config() {
            @Override public Class<? extends Annotation> annotationType() { return OutboxWorker.Config.class; }
            @Override public String host() { return "127.0.0.1"; }
            @Override public int port() { return port; }
            @Override public String security() { return security; }
            @Override public String username() { return username; }
            @Override public String password() { return password; }
            @Override public String from() { return "noreply@gemeente.test"; }
            @Override public String fromName() { return "Gemeente"; }
            @Override public String bounceAddress() { return ""; }
            @Override public String bounceMailboxHost() { return ""; }
            @Override public int bounceMailboxPort() { return 993; }
            @Override public String bounceMailboxSecurity() { return "imaps"; }
            @Override public String bounceMailboxUser() { return ""; }
            @Override public String bounceMailboxPassword() { return ""; }
            @Override public String trustedHosts() { return trustedHosts; }
            @Override public int connectTimeoutSeconds() { return 5; }
            @Override public int timeoutSeconds() { return 10; }
            @Override public int pollSeconds() { return 1; }
            @Override public int maxAttempts() { return 10; }
            @Override public int firstRetrySeconds() { return 60; }
        };
    }
}
