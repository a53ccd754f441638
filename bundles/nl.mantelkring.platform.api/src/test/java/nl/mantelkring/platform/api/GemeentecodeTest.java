package nl.mantelkring.platform.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class GemeentecodeTest {

    @ParameterizedTest
    @ValueSource(strings = {"GM0363", "GM0000", "GM9999", "GM0014"})
    void acceptsWellFormedCodes(String code) {
        assertTrue(Gemeentecode.isValid(code));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"gm0363", "GM363", "GM03630", "0363", "GM03A3", "XX0363", " GM0363", "GM0363 ",
        "GM0363\n", "platform", "GM"})
    void rejectsAnythingElse(String code) {
        assertFalse(Gemeentecode.isValid(code));
    }
}
