package nl.mantelkring.platform.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import javax.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import nl.mantelkring.platform.api.FieldViolation;
import nl.mantelkring.platform.api.format.MultiLine;
import nl.mantelkring.platform.api.format.Text;

class TextInputTest {

    private static final ObjectMapper JSON = RestServer.objectMapper();

    public record Item(@JsonProperty("naam") String name, @MultiLine @JsonProperty("omschrijving") String description,
                       @JsonProperty("labels") List<String> labels,
                       @MultiLine @JsonProperty("notities") List<String> notes) {
    }

    public record Body(@JsonProperty("naam") String name, @JsonProperty("items") List<Item> items,
                       @JsonProperty("waarde") JsonNode value, @JsonProperty("extra") Map<String, String> extra) {
    }

    private static Body read(String json) throws Exception {
        return JSON.readValue(json, Body.class);
    }

    private static FieldViolation refused(String json) {
        TextInput.Refused e = assertThrows(TextInput.Refused.class, () -> read(json));
        Response r = new ProblemMapper(null).toResponse(e);
        assertEquals(400, r.getStatus());
        List<FieldViolation> v = ((ProblemBody) r.getEntity()).getInvalidParams();
        assertEquals(1, v.size());
        return v.get(0);
    }

    @Test
    void ordinaryTextIsReadAsBefore() throws Exception {
        Body b = read("{\"naam\":\"Zorg & Co \u00e9\",\"items\":[{\"naam\":\"x\",\"omschrijving\":\"regel 1\\nregel 2\\tkolom\","
                + "\"notities\":[\"a\\r\\nb\"]}],\"waarde\":{\"brief\":\"Beste\\nmevrouw\"},\"extra\":{\"k\":\"v\"}}");
        assertEquals("Zorg & Co \u00e9", b.name());
        assertEquals("regel 1\nregel 2\tkolom", b.items().get(0).description());
        assertEquals("a\r\nb", b.items().get(0).notes().get(0));
        assertEquals("Beste\nmevrouw", b.value().get("brief").textValue());
        assertEquals(null, read("{\"naam\":null}").name());
    }

    @Test
    void aControlCharacterInANameIsRefusedNamingTheField() {
        FieldViolation v = refused("{\"naam\":\"Jan\\u0000\"}");
        assertEquals("naam", v.field());
        assertEquals(Text.SINGLE_LINE_REASON, v.reason());
        assertEquals("items.0.naam", refused("{\"items\":[{\"naam\":\"\\u001b[31m\"}]}").field());
        assertEquals("naam", refused("{\"naam\":\"twee\\nregels\"}").field());
        assertEquals("naam", refused("{\"naam\":\"tab\\tin naam\"}").field());
        assertEquals("naam", refused("{\"naam\":\"half \\ud800 teken\"}").field());
    }

    @Test
    void listsAndMapsOfTextAreChecked() {
        assertEquals("items.0.labels.1", refused("{\"items\":[{\"labels\":[\"a\",\"b\\u0007\"]}]}").field());
        assertEquals("items.0.labels.0", refused("{\"items\":[{\"labels\":[\"a\\nb\"]}]}").field());
        assertEquals("extra.k", refused("{\"extra\":{\"k\":\"v\\u0000\"}}").field());
        assertTrue(refused("{\"extra\":{\"k\\u001b\":\"v\"}}").field().startsWith("extra"));
    }

    @Test
    void freeTextAllowsLineBreaksButNoOtherControls() {
        FieldViolation v = refused("{\"items\":[{\"omschrijving\":\"regel\\nNUL\\u0000\"}]}");
        assertEquals("items.0.omschrijving", v.field());
        assertEquals(Text.MULTI_LINE_REASON, v.reason());
        assertEquals("items.0.notities.0", refused("{\"items\":[{\"notities\":[\"\\u001b\"]}]}").field());
    }

    @Test
    void freeFormJsonIsCheckedToo() {
        assertEquals("waarde.brief.1", refused("{\"waarde\":{\"brief\":[\"ok\",\"esc\\u001b\"]}}").field());
        assertEquals("waarde.a\\u0000", refused("{\"waarde\":{\"a\\u0000\":1}}").field().replace("\u0000", "\\u0000"));
        assertEquals("waarde", refused("{\"waarde\":\"\\u0000\"}").field());
    }
}
