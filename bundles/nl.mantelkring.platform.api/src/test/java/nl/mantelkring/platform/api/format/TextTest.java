package nl.mantelkring.platform.api.format;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "Jan de Vries", "Zorg & Co. B.V.", "Ærø – ‘quoted’ — €5", "emoji \uD83D\uDE00 ok",
        "  spaces around  "})
    void ordinaryTextIsAllowedAsBoth(String s) {
        assertTrue(Text.isSingleLine(s));
        assertTrue(Text.isMultiLine(s));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "\u001b[31mrood", "bel\u0007", "del\u007f", "c1\u0085", "c1\u009b",
        "vt\u000b", "ff\u000c", "\u001f", "\u0000"})
    void controlCharactersAreRefusedInBoth(String s) {
        assertFalse(Text.isSingleLine(s));
        assertFalse(Text.isMultiLine(s));
    }

    @ParameterizedTest
    @ValueSource(strings = {"regel 1\nregel 2", "regel 1\r\nregel 2", "kolom\tkolom", "eind\n"})
    void tabsAndLineBreaksOnlyInMultiLineText(String s) {
        assertFalse(Text.isSingleLine(s));
        assertTrue(Text.isMultiLine(s));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uD83D", "a\uDE00b", "\uDE00\uD83D", "eind\uD83D"})
    void unpairedSurrogatesAreRefused(String s) {
        assertFalse(Text.isSingleLine(s));
        assertFalse(Text.isMultiLine(s));
    }

    @Test
    void nullIsAllowed() {
        assertTrue(Text.allowed(null, false));
        assertTrue(Text.allowed(null, true));
    }
}
