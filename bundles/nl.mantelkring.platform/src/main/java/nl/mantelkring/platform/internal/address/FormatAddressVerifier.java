package nl.mantelkring.platform.internal.address;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Component;

import nl.mantelkring.platform.api.FieldViolation;
import nl.mantelkring.platform.api.address.Address;
import nl.mantelkring.platform.api.address.AddressVerdict;
import nl.mantelkring.platform.api.address.AddressVerifier;
import nl.mantelkring.platform.api.plugin.Plugins;

/**
 * The built-in address verifier: checks the form of a Dutch address (postcode {@code 1234 AB} with a first digit
 * other than 0 and not the letter combinations SA, SD and SS; house number 1-99999; street and place present). It
 * cannot tell whether the address exists; a vendor plugin backed by the BAG can.
 */
@Component(property = {Plugins.ID + "=" + AddressVerifier.BUILT_IN, Plugins.NAME + "=Formaatcontrole"})
public class FormatAddressVerifier implements AddressVerifier {

    private static final Pattern POSTCODE = Pattern.compile("([1-9][0-9]{3}) ?([A-Z]{2})");

    @Override
    public AddressVerdict verify(String tenant, Address a) {
        List<FieldViolation> problems = new ArrayList<>();
        String street = trim(a.street());
        String city = trim(a.city());
        String addition = trim(a.addition());
        if (street == null) {
            problems.add(new FieldViolation("straat", "Vul de straatnaam in."));
        } else if (street.length() > 100) {
            problems.add(new FieldViolation("straat", "Een straatnaam is hoogstens 100 tekens."));
        }
        if (a.houseNumber() == null || a.houseNumber() < 1 || a.houseNumber() > 99999) {
            problems.add(new FieldViolation("huisnummer", "Een huisnummer ligt tussen 1 en 99999."));
        }
        if (addition != null && !addition.matches("[A-Za-z0-9-]{1,6}")) {
            problems.add(new FieldViolation("huisnummertoevoeging", "Hoogstens 6 letters of cijfers."));
        }
        String postcode = null;
        String raw = a.postcode() == null ? "" : a.postcode().trim().toUpperCase(Locale.ROOT);
        Matcher m = POSTCODE.matcher(raw);
        if (!m.matches() || List.of("SA", "SD", "SS").contains(m.group(2))) {
            problems.add(new FieldViolation("postcode", "Een postcode is 4 cijfers (niet beginnend met 0) en"
                    + " 2 letters, bijvoorbeeld 3511 AB."));
        } else {
            postcode = m.group(1) + " " + m.group(2);
        }
        if (city == null) {
            problems.add(new FieldViolation("woonplaats", "Vul de woonplaats in."));
        } else if (city.length() > 80) {
            problems.add(new FieldViolation("woonplaats", "Een woonplaats is hoogstens 80 tekens."));
        }
        if (!problems.isEmpty()) {
            return new AddressVerdict(false, null, problems);
        }
        return new AddressVerdict(true, new Address(street, a.houseNumber(),
                addition == null ? null : addition.toUpperCase(Locale.ROOT), postcode, city), List.of());
    }

    private static String trim(String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim();
        return t.isEmpty() ? null : t;
    }
}
