package nl.mantelkring.appreciation.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import nl.mantelkring.appreciation.EligibilityRule;
import nl.mantelkring.appreciation.PayoutChannel;
import nl.mantelkring.appreciation.internal.rules.AppreciationPolicy;
import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.plugin.PluginReference;
import nl.mantelkring.platform.api.plugin.PluginReferences;

/** The vendor rules ({@code extraRegels}) and payout channels ({@code plugin:<id>}) of the year's rules. */
@Component(service = PluginReferences.class,
        property = MantelkringModule.MODULE_PROPERTY + "=" + AppreciationModule.ID)
public class AppreciationPluginReferences implements PluginReferences {

    private static final String PLUGIN = "plugin:";

    private final Applications applications;

    @Activate
    public AppreciationPluginReferences(@Reference Applications applications) {
        this.applications = applications;
    }

    @Override
    public List<PluginReference> references(String tenant, int year) {
        AppreciationPolicy p;
        try {
            p = applications.policy(tenant, year);
        } catch (ProblemException e) {
            return List.of();   // no (usable) rules for the year: the module's own answers say so
        }
        List<PluginReference> out = new ArrayList<>();
        for (String rule : p.extraRules() == null ? List.<String>of() : p.extraRules()) {
            out.add(PluginReference.of(AppreciationPolicy.KEY, EligibilityRule.class, rule, "Aanvragen wachten op"
                    + " een consulent; toekennen kan niet zolang de regel ontbreekt."));
        }
        Set<String> channels = new LinkedHashSet<>();
        channels.add(p.channel());
        if (p.choices() != null) {
            channels.addAll(p.choices());
        }
        for (String c : channels) {
            if (c != null && c.startsWith(PLUGIN)) {
                out.add(PluginReference.of(AppreciationPolicy.KEY, PayoutChannel.class, c.substring(PLUGIN.length()),
                        "Toekenningen via dit kanaal blijven toegekend en wachten met het probleem; uitgifte"
                                + " (POST .../uitgifte) probeert het opnieuw als de plugin er weer is."));
            }
        }
        return out;
    }
}
