package nl.mantelkring.platform.internal.rest;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.JsonNodeDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.format.MultiLine;
import nl.mantelkring.platform.api.format.Text;

/**
 * The text rule ({@link Text}) applied once to what every client sends: each string of a JSON body (single-line,
 * or multi-line where the property is marked {@link MultiLine}; strings inside a free-form {@link JsonNode}, e.g. a
 * policy value, are multi-line, and keys of maps and of free-form JSON single-line), and each query parameter
 * (single-line). A refused value is a 400 naming the field path or parameter; nothing is read further.
 */
final class TextInput {

    private TextInput() {
    }

    /** The Jackson module for {@link RestServer#objectMapper()}. */
    static SimpleModule module() {
        return new SimpleModule("mantelkring-text").addDeserializer(String.class, new Strings(false))
                .addDeserializer(JsonNode.class, new Trees()).addKeyDeserializer(String.class, new Keys());
    }

    /** A JSON string that breaks the text rule; {@link ProblemMapper} names its path with {@link #reason()}. */
    static final class Refused extends JsonMappingException {
        private static final long serialVersionUID = 1L;
        private final String reason;

        Refused(JsonParser p, String reason) {
            super(p, reason);
            this.reason = reason;
        }

        String reason() {
            return reason;
        }
    }

    /** Strings, checked as the property they are read for says (the standard reading otherwise). */
    static final class Strings extends StdScalarDeserializer<String> implements ContextualDeserializer {
        private static final long serialVersionUID = 1L;
        private final boolean multiLine;

        Strings(boolean multiLine) {
            super(String.class);
            this.multiLine = multiLine;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
            boolean ml = property != null && property.getAnnotation(MultiLine.class) != null;
            return ml == multiLine ? this : new Strings(ml);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String s = StringDeserializer.instance.deserialize(p, ctxt);
            if (!Text.allowed(s, multiLine)) {
                throw new Refused(p, Text.reason(multiLine));
            }
            return s;
        }

        @Override
        public Object getEmptyValue(DeserializationContext ctxt) {
            return "";
        }

        @Override
        public com.fasterxml.jackson.databind.type.LogicalType logicalType() {
            return com.fasterxml.jackson.databind.type.LogicalType.Textual;
        }
    }

    /** Keys of a map of answers or amounts: single-line. */
    static final class Keys extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            if (!Text.isSingleLine(key)) {
                throw new Refused(ctxt.getParser(), Text.SINGLE_LINE_REASON);
            }
            return key;
        }
    }

    /** Free-form JSON, read as usual and then checked: keys single-line, string values multi-line. */
    static final class Trees extends StdDeserializer<JsonNode> {
        private static final long serialVersionUID = 1L;
        private static final JsonDeserializer<? extends JsonNode> STANDARD =
                JsonNodeDeserializer.getDeserializer(JsonNode.class);

        Trees() {
            super(JsonNode.class);
        }

        @Override
        public JsonNode deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode node = STANDARD.deserialize(p, ctxt);
            check(p, node, new ArrayDeque<>());
            return node;
        }

        @Override
        public JsonNode getNullValue(DeserializationContext ctxt) throws JsonMappingException {
            return (JsonNode) STANDARD.getNullValue(ctxt);
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) throws JsonMappingException {
            return STANDARD.getAbsentValue(ctxt);
        }

        /** Throws for the first string that breaks the rule, with its path ({@code path}: names or indexes). */
        private static void check(JsonParser p, JsonNode node, Deque<Object> path) throws Refused {
            if (node.isTextual() && !Text.isMultiLine(node.textValue())) {
                throw refused(p, path, Text.MULTI_LINE_REASON);
            }
            if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    path.addLast(i);
                    check(p, node.get(i), path);
                    path.removeLast();
                }
            } else if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> e = it.next();
                    path.addLast(e.getKey());
                    if (!Text.isSingleLine(e.getKey())) {
                        throw refused(p, path, Text.SINGLE_LINE_REASON);
                    }
                    check(p, e.getValue(), path);
                    path.removeLast();
                }
            }
        }

        private static Refused refused(JsonParser p, Deque<Object> path, String reason) {
            Refused r = new Refused(p, reason);
            for (Iterator<Object> it = path.descendingIterator(); it.hasNext();) {
                Object step = it.next();
                if (step instanceof Integer i) {
                    r.prependPath(null, i);
                } else {
                    r.prependPath(null, (String) step);
                }
            }
            return r;
        }
    }

    /** Query parameters are single-line text: one that is not is a 400 naming it (after authentication). */
    @Priority(Priorities.USER)
    static final class QueryFilter implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext ctx) {
            for (Map.Entry<String, List<String>> e : ctx.getUriInfo().getQueryParameters(true).entrySet()) {
                for (String value : e.getValue()) {
                    if (!Text.isSingleLine(value)) {
                        String name = Text.isSingleLine(e.getKey()) ? e.getKey() : "?";
                        ctx.abortWith(ProblemResponses.of(ProblemException.invalid(name, Text.SINGLE_LINE_REASON),
                                ctx.getUriInfo().getRequestUri().getRawPath()));
                        return;
                    }
                }
            }
        }
    }
}
