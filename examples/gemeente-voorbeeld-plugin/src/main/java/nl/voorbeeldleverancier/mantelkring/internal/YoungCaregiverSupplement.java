package nl.voorbeeldleverancier.mantelkring.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import nl.mantelkring.appreciation.EligibilityInput;
import nl.mantelkring.appreciation.EligibilityRule;
import nl.mantelkring.appreciation.RuleOutcome;

/**
 * A municipality's local rule: young caregivers (younger than 25 on the application date) get a supplement on top
 * of the appreciation amount; everyone else passes without one. It never refuses, so adding it to a policy only ever
 * raises amounts.
 *
 * <p>Selected per municipality and year in the policy {@code waardering.regels}:
 * {@code "extraRegels": ["jonge-mantelzorgers"]}. The supplement and the municipalities it serves are node settings
 * in {@code etc/nl.voorbeeldleverancier.jongemantelzorgers.cfg} ({@code toeslag = 50.00},
 * {@code mantelkring.tenant = GM0363}); without {@code mantelkring.tenant} every municipality may select it.
 *
 * <p>Contract kept: pure, fast, thread-safe, no I/O; reads only the input it is given.
 */
@Component(service = EligibilityRule.class, configurationPid = "nl.voorbeeldleverancier.jongemantelzorgers",
        property = {"mantelkring.plugin.id=" + YoungCaregiverSupplement.ID,
            "mantelkring.plugin.name=Toeslag jonge mantelzorgers (Voorbeeldleverancier)"})
@Designate(ocd = YoungCaregiverSupplement.Config.class)
public class YoungCaregiverSupplement implements EligibilityRule {

    public static final String ID = "jonge-mantelzorgers";

    @ObjectClassDefinition(name = "Voorbeeldleverancier: toeslag jonge mantelzorgers")
    public @interface Config {
        @AttributeDefinition(description = "Supplement in euros for caregivers younger than 25.")
        String toeslag() default "50.00";
    }

    private final BigDecimal supplement;

    @Activate
    public YoungCaregiverSupplement(Config config) {
        this(new BigDecimal(config.toeslag()));
    }

    YoungCaregiverSupplement(BigDecimal supplement) {
        if (supplement.signum() < 0) {
            throw new IllegalArgumentException("toeslag must not be negative");
        }
        this.supplement = supplement.setScale(2, RoundingMode.HALF_UP);
    }

    @Override
    public RuleOutcome evaluate(String tenant, EligibilityInput input) {
        if (input.youngCaregiver()) {
            return new RuleOutcome(true, "U bent jonger dan 25 jaar: u krijgt " + euro(supplement)
                    + " extra als jonge mantelzorger.", supplement);
        }
        return RuleOutcome.pass("De toeslag voor jonge mantelzorgers (jonger dan 25 jaar) geldt niet voor u.");
    }

    static String euro(BigDecimal amount) {
        return "€ " + amount.setScale(2, RoundingMode.HALF_UP).toPlainString().replace('.', ',');
    }
}
