package nl.mantelkring.platform.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedHashMap;
import javax.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.jaxrs.json.JacksonJsonProvider;

import nl.mantelkring.platform.api.FieldViolation;
import nl.mantelkring.platform.api.Problems;

/** A body with a repeated key is refused, naming the key, as every request body is read (issue 16, item 3). */
class DuplicateKeyTest {

    public record Inner(String naam, Integer jaar) {
    }

    public record Body(String naam, Inner zorgrelatie, List<Inner> lijst) {
    }

    private static final JacksonJsonProvider READER = new JacksonJsonProvider(RestServer.objectMapper());

    private static ProblemBody refused(Class<?> type, String json) {
        JsonProcessingException e = assertThrows(JsonProcessingException.class, () -> READER.readFrom(
                (Class<Object>) type, type, new java.lang.annotation.Annotation[0], MediaType.APPLICATION_JSON_TYPE,
                new MultivaluedHashMap<>(), new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))));
        Response r = new ProblemMapper(null).toResponse(e);
        assertEquals(400, r.getStatus());
        ProblemBody p = (ProblemBody) r.getEntity();
        assertEquals(Problems.VALIDATION, p.getType());
        return p;
    }

    private static String field(ProblemBody p) {
        assertEquals(1, p.getInvalidParams().size());
        FieldViolation v = p.getInvalidParams().get(0);
        return v.field();
    }

    @Test
    void aRepeatedTopLevelKeyIsRefused() {
        assertEquals("naam", field(refused(Body.class, "{\"naam\":\"a\",\"naam\":\"b\"}")));
    }

    @Test
    void aRepeatedNestedKeyIsNamedWithItsPath() {
        assertEquals("zorgrelatie.jaar",
                field(refused(Body.class, "{\"naam\":\"a\",\"zorgrelatie\":{\"jaar\":1,\"jaar\":2}}")));
        assertEquals("lijst.1.naam", field(refused(Body.class,
                "{\"lijst\":[{\"naam\":\"x\"},{\"naam\":\"y\",\"jaar\":3,\"naam\":\"z\"}]}")));
    }

    @Test
    void freeFormJsonIsCheckedToo() {
        // policy values and the bodies another module passes on are read as trees
        assertEquals("waarde.a", field(refused(JsonNode.class, "{\"waarde\":{\"a\":1,\"b\":2,\"a\":3}}")));
    }
}
