package nl.mantelkring.platform.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.security.Principal;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.spi.LoginModule;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import nl.mantelkring.platform.api.Role;

/** The authenticator against a real JAAS login module (a test realm), without Karaf. */
class AuthenticatorTest {

    static final AtomicInteger LOGINS = new AtomicInteger();
    private static Configuration previous;

    /** Named like Karaf's role principal, which is how the authenticator recognises roles. */
    public record RolePrincipal(String getName) implements Principal {
    }

    /** Accepts user "anna" with password "goed" and gives her two roles. */
    public static class TestLoginModule implements LoginModule {
        private Subject subject;
        private CallbackHandler handler;
        private String user;

        @Override
        public void initialize(Subject subject, CallbackHandler handler, Map<String, ?> shared, Map<String, ?> options) {
            this.subject = subject;
            this.handler = handler;
        }

        @Override
        public boolean login() throws javax.security.auth.login.LoginException {
            NameCallback name = new NameCallback("user");
            PasswordCallback password = new PasswordCallback("password", false);
            try {
                handler.handle(new Callback[] {name, password});
            } catch (Exception e) {
                throw new javax.security.auth.login.LoginException(e.toString());
            }
            LOGINS.incrementAndGet();
            if (!"anna".equals(name.getName()) || !"goed".equals(new String(password.getPassword()))) {
                throw new FailedLoginException();
            }
            user = name.getName();
            return true;
        }

        @Override
        public boolean commit() {
            subject.getPrincipals().add(new RolePrincipal("consultant@GM0363"));
            subject.getPrincipals().add(new RolePrincipal("auditor@GM0344"));
            return user != null;
        }

        @Override
        public boolean abort() {
            return true;
        }

        @Override
        public boolean logout() {
            return true;
        }
    }

    @BeforeAll
    static void installRealm() {
        previous = Configuration.getConfiguration();
        Configuration.setConfiguration(new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return "test".equals(name) ? new AppConfigurationEntry[] {new AppConfigurationEntry(
                        TestLoginModule.class.getName(), AppConfigurationEntry.LoginModuleControlFlag.REQUIRED,
                        Map.of())} : null;
            }
        });
    }

    @AfterAll
    static void restoreRealm() {
        Configuration.setConfiguration(previous);
    }

    private static Authenticator.Config config(int maxFailures, int cacheSeconds) {
        return new Authenticator.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return Authenticator.Config.class;
            }

            @Override
            public String realm() {
                return "test";
            }

            @Override
            public int cacheSeconds() {
                return cacheSeconds;
            }

            @Override
            public int maxFailures() {
                return maxFailures;
            }

            @Override
            public int failureWindowSeconds() {
                return 300;
            }

            @Override
            public int blockSeconds() {
                return 60;
            }
        };
    }

    @Test
    void validCredentialsGiveACallerWithTheRealmsRoles() {
        Authenticator.Result r = new Authenticator(config(10, 60)).login("anna", "goed");
        Caller caller = assertInstanceOf(Authenticator.Authenticated.class, r).caller();
        assertEquals("anna", caller.getName());
        assertEquals(Set.of(Role.CONSULTANT), caller.rolesIn("GM0363"));
        assertEquals(Set.of(Role.AUDITOR), caller.rolesIn("GM0344"));
    }

    @Test
    void wrongOrMissingCredentialsAreRefused() {
        Authenticator a = new Authenticator(config(10, 60));
        assertInstanceOf(Authenticator.Refused.class, a.login("anna", "fout"));
        assertInstanceOf(Authenticator.Refused.class, a.login("anna", ""));
        assertInstanceOf(Authenticator.Refused.class, a.login(null, "goed"));
    }

    @Test
    void successfulLoginsAreCachedSoTheRealmIsNotAskedEveryTime() {
        Authenticator a = new Authenticator(config(10, 60));
        a.login("anna", "goed");
        int before = LOGINS.get();
        for (int i = 0; i < 5; i++) {
            assertInstanceOf(Authenticator.Authenticated.class, a.login("anna", "goed"));
        }
        assertEquals(before, LOGINS.get());
        // a different password is not served from the cache
        assertInstanceOf(Authenticator.Refused.class, a.login("anna", "goed2"));
        assertEquals(before + 1, LOGINS.get());
    }

    @Test
    void repeatedFailuresBlockTheUserNameEvenForTheRightPassword() {
        Authenticator a = new Authenticator(config(3, 0));
        for (int i = 0; i < 3; i++) {
            assertInstanceOf(Authenticator.Refused.class, a.login("anna", "fout" + i));
        }
        Authenticator.Blocked blocked = assertInstanceOf(Authenticator.Blocked.class, a.login("anna", "goed"));
        assertTrue(blocked.retryAfterSeconds() > 0 && blocked.retryAfterSeconds() <= 60);
        // other user names are not affected
        assertInstanceOf(Authenticator.Refused.class, a.login("bert", "goed"));
        // a configuration change lifts the block
        a.modified(config(3, 0));
        assertInstanceOf(Authenticator.Authenticated.class, a.login("anna", "goed"));
    }

    @Test
    void aSuccessResetsTheFailureCount() {
        Authenticator a = new Authenticator(config(3, 0));
        a.login("anna", "fout");
        a.login("anna", "fout");
        assertInstanceOf(Authenticator.Authenticated.class, a.login("anna", "goed"));
        a.login("anna", "fout");
        a.login("anna", "fout");
        assertInstanceOf(Authenticator.Authenticated.class, a.login("anna", "goed"));
    }

    @Test
    void aBlockedNameStaysBlockedWhileAnAttackerCyclesThroughOtherNames() {
        Authenticator a = new Authenticator(config(3, 0));
        for (int i = 0; i < 3; i++) {
            a.login("anna", "fout" + i);
        }
        assertInstanceOf(Authenticator.Blocked.class, a.login("anna", "goed"));
        // more names than the table of failed logins holds (it used to be emptied at 100,000 names)
        for (int i = 0; i < 100_000; i++) {
            assertInstanceOf(Authenticator.Refused.class, a.login("naam-" + i, "fout"));
        }
        assertInstanceOf(Authenticator.Blocked.class, a.login("anna", "goed"));
    }
}
