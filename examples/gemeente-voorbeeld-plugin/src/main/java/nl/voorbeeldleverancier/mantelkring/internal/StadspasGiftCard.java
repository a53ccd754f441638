package nl.voorbeeldleverancier.mantelkring.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Component;

import nl.mantelkring.appreciation.PayoutChannel;
import nl.mantelkring.appreciation.PayoutRequest;
import nl.mantelkring.appreciation.PayoutResult;

/**
 * Pays the appreciation out as a Stadspas gift card from a fictitious provider. The provider is simulated in this
 * process (no network): the card number is derived from the tenant and the grant id, so a retry of the same grant
 * yields the same card (the grant id is the idempotency key the SPI asks for), and it carries a Luhn check digit as
 * real card numbers do.
 *
 * <p>Selected in the policy {@code waardering.regels}: {@code "kanaal": "plugin:stadspas-cadeaukaart"} (or among
 * {@code keuzeUit}). The platform calls {@link #issue} on a background thread with a 10-second limit.
 */
@Component(service = PayoutChannel.class, property = {"mantelkring.plugin.id=" + StadspasGiftCard.ID,
    "mantelkring.plugin.name=Stadspas-cadeaukaart (Voorbeeldleverancier)"})
public class StadspasGiftCard implements PayoutChannel {

    public static final String ID = "stadspas-cadeaukaart";
    static final String PREFIX = "600655";

    /** The simulated provider's ledger: grant → card (per node; a real provider keeps it). */
    private final Map<String, String> issued = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "Stadspas-cadeaukaart";
    }

    @Override
    public PayoutResult issue(PayoutRequest request) {
        if (request.amount() == null || request.amount().signum() <= 0) {
            throw new IllegalArgumentException("a gift card needs a positive amount");
        }
        String card = issued.computeIfAbsent(request.tenant() + "/" + request.grantId(), k -> cardNumber(k));
        return new PayoutResult(card, "U ontvangt binnen vijf werkdagen per post een Stadspas-cadeaukaart met "
                + YoungCaregiverSupplement.euro(request.amount()) + " tegoed. U besteedt die bij de deelnemende"
                + " winkels in uw gemeente; de kaart is een jaar geldig.");
    }

    /** 16 digits: the provider prefix, 9 digits from a hash of the key, a Luhn check digit; grouped by four. */
    static String cardNumber(String key) {
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long n = 0;
        for (int i = 0; i < 8; i++) {
            n = (n << 8) | (hash[i] & 0xff);
        }
        String body = PREFIX + String.format("%09d", Math.floorMod(n, 1_000_000_000L));
        String digits = body + luhn(body);
        return digits.substring(0, 4) + " " + digits.substring(4, 8) + " " + digits.substring(8, 12) + " "
                + digits.substring(12);
    }

    static int luhn(String body) {
        int sum = 0;
        boolean twice = true;   // from the right, the digit next to the check digit is doubled
        for (int i = body.length() - 1; i >= 0; i--) {
            int d = body.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return (10 - sum % 10) % 10;
    }
}
