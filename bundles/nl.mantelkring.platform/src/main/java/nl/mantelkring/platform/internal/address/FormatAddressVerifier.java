package nl.mantelkring.platform.internal.address;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.osgi.service.component.annotations.Component;

import nl.mantelkring.platform.api.FieldViolation;
import nl.mantelkring.platform.api.address.Address;
import nl.mantelkring.platform.api.address.AddressVerdict;
import nl.mantelkring.platform.api.address.AddressVerifier;
import nl.mantelkring.platform.api.format.Postcode;
import nl.mantelkring.platform.api.plugin.Plugins;

/**
 * The built-in address verifier: checks the form of a Dutch address (postcode as {@link Postcode} says, normalised
 * to {@code 1234 AB}; house number 1-99999; street and place present). It
 * cannot tell whether the address exists; a vendor plugin backed by the BAG can.
 */
@Component(property = {Plugins.ID + "=" + AddressVerifier.BUILT_IN, Plugins.NAME + "=Formaatcontrole"})
public class FormatAddressVerifier implements AddressVerifier {

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
        String postcode = Postcode.normalise(a.postcode());
        if (postcode == null) {
            problems.add(new FieldViolation("postcode", Postcode.REASON));
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
