package nl.mantelkring.platform.api.plugin;

import java.time.Duration;

import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.Problems;

/**
 * A plugin call through {@link PluginCalls} did not produce an answer: it threw, took longer than its time limit,
 * or could not start because every thread for plugin calls was busy. {@link #getMessage()} is a Dutch sentence fit
 * for an administrator or a caregiver; the plugin's own exception (which may carry anything) is only the cause.
 *
 * @since 1.1
 */
public class PluginCallException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the call gave no answer. */
    public enum Reason {
        /** The plugin threw (or returned nothing where an answer is required). */
        FAILED,
        /** The plugin did not answer within the time limit; the call was interrupted. */
        TIMEOUT,
        /** Every thread for plugin calls was busy (earlier calls hang): the call was not started. */
        BUSY,
        /** The calling thread was interrupted while waiting. */
        INTERRUPTED
    }

    private final Reason reason;
    private final String pluginId;

    public PluginCallException(Reason reason, String pluginId, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.pluginId = pluginId;
    }

    static PluginCallException of(Reason reason, String pluginId, Duration limit, Throwable cause) {
        String p = "Plugin '" + pluginId + "'";
        String message = switch (reason) {
            case FAILED -> p + (cause == null ? " gaf een leeg antwoord." : " gaf een fout.");
            case TIMEOUT -> p + " gaf geen antwoord binnen " + seconds(limit) + ".";
            case BUSY -> p + " kon niet worden aangeroepen: eerdere aanroepen van plugins zijn nog bezig.";
            case INTERRUPTED -> p + ": de aanroep is onderbroken.";
        };
        return new PluginCallException(reason, pluginId, message, cause);
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + (ms == 1000 ? " seconde" : " seconden")
                : String.valueOf(ms / 1000.0).replace('.', ',') + " seconden";
    }

    public Reason reason() {
        return reason;
    }

    public String pluginId() {
        return pluginId;
    }

    /**
     * As a problem for an API client: 503 {@code plugin-fout} (the municipality's plugin, not the client, is at
     * fault), with the plugin id as extension member {@code plugin}.
     */
    public ProblemException toProblem(String whatFailed) {
        ProblemException p = new ProblemException(503, Problems.of("plugin-fout"), whatFailed,
                getMessage() + " Probeer het later opnieuw.");
        p.with("plugin", pluginId);
        return p;
    }
}
