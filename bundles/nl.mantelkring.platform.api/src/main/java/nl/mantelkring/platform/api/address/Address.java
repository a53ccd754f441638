package nl.mantelkring.platform.api.address;

/**
 * A Dutch address as entered.
 *
 * @param street       street name
 * @param houseNumber  house number, 1 or higher
 * @param addition     house letter or addition, may be null
 * @param postcode     postcode, {@code 1234 AB} or {@code 1234AB}
 * @param city         place name
 */
public record Address(String street, Integer houseNumber, String addition, String postcode, String city) {
}
