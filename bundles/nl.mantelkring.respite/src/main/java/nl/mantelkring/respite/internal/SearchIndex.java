package nl.mantelkring.respite.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import nl.mantelkring.platform.api.Page;

/**
 * The in-memory search index over all offerings, shared by the tenants: each tenant searches the offerings it owns
 * or that are shared with it. Before every search the index asks the database for the global revision (one row)
 * and loads only the rows changed since (so every node sees every write at once). Text matching uses a dictionary
 * of stems: a query word matches the stems it is a prefix of (search-as-you-type), or, from four letters, stems
 * that contain it (Dutch compounds: {@code opvang} in {@code dagopvang}) at half weight.
 */
@Component(service = SearchIndex.class)
public class SearchIndex {

    /** One search hit. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Hit(@JsonProperty("aanbod") Offering offering, @JsonProperty("afstandKm") Double distanceKm,
                      @JsonProperty("relevantie") Double score) {
    }

    /** A page of hits with facet counts (per filter: value → number of hits). */
    public record Result(@JsonProperty("resultaten") List<Hit> items,
                         @JsonProperty("paginering") Page.Paging paging,
                         @JsonProperty("facetten") Map<String, Map<String, Integer>> facets) {
    }

    private static final int TITLE = 3;
    private static final int TAG = 2;
    private static final int BODY = 1;

    /** One offering prepared for search. */
    static final class Doc {
        final String id;
        final String owner;
        final Offering offering;
        final int[] tokens;          // sorted token ids
        final byte[] weights;        // parallel: field weight of the token
        final double[] lats;
        final double[] lons;
        final String providerText;
        final LocalDate from;
        final LocalDate until;

        Doc(String id, String owner, Offering o, int[] tokens, byte[] weights) {
            this.id = id;
            this.owner = owner;
            this.offering = o;
            this.tokens = tokens;
            this.weights = weights;
            this.lats = o.locations().stream().mapToDouble(Offering.Location::lat).toArray();
            this.lons = o.locations().stream().mapToDouble(Offering.Location::lon).toArray();
            this.providerText = o.provider() == null ? "" : DutchText.fold(o.provider().name());
            this.from = o.validFrom() == null ? null : LocalDate.parse(o.validFrom());
            this.until = o.validUntil() == null ? null : LocalDate.parse(o.validUntil());
        }

        boolean visibleTo(String tenant) {
            return owner.equals(tenant) || offering.sharedWith().contains(tenant);
        }

        boolean validOn(LocalDate day) {
            return (from == null || !day.isBefore(from)) && (until == null || !day.isAfter(until));
        }

        /** Kilometres to the nearest location, or 0 when the service area covers the point's postcode area. */
        Double distanceKm(String tenant, Point p) {
            if (p == null) {
                return null;
            }
            Offering.ServiceArea area = offering.serviceArea();
            if (area != null && p.postcode() != null && (area.postcodes().contains(p.postcode())
                    || p.inTenant() && area.municipalities().contains(tenant))) {
                return 0.0;
            }
            double best = Double.MAX_VALUE;
            for (int i = 0; i < lats.length; i++) {
                best = Math.min(best, Geo.km(p.lat(), p.lon(), lats[i], lons[i]));
            }
            return best == Double.MAX_VALUE ? null : best;
        }
    }

    /** The point to measure from; {@code postcode} when it came from a postcode area of the tenant. */
    record Point(double lat, double lon, String postcode, boolean inTenant) {
    }

    /** An immutable state of the index. */
    static final class Snapshot {
        final long revision;
        final Map<String, Doc> byId;
        final String[] dictionary;
        final Map<String, Doc[]> perTenant = new ConcurrentHashMap<>();

        Snapshot(long revision, Map<String, Doc> byId, String[] dictionary) {
            this.revision = revision;
            this.byId = byId;
            this.dictionary = dictionary;
        }

        Doc[] visibleTo(String tenant) {
            return perTenant.computeIfAbsent(tenant, t -> byId.values().stream().filter(d -> d.visibleTo(t))
                    .sorted(Comparator.comparing(d -> d.id)).toArray(Doc[]::new));
        }
    }

    private final OfferingStore store;
    private final Map<String, Integer> tokenIds = new HashMap<>();   // guarded by this
    private final List<String> tokens = new ArrayList<>();          // guarded by this
    private volatile Snapshot snapshot = new Snapshot(-1, Map.of(), new String[0]);

    @Activate
    public SearchIndex(@Reference OfferingStore store) {
        this.store = store;
    }

    /** The current snapshot, brought up to date with the database first. */
    Snapshot current() {
        Snapshot s = snapshot;
        if (store.revision() != s.revision) {
            s = refresh();
        }
        return s;
    }

    private synchronized Snapshot refresh() {
        Snapshot old = snapshot;
        OfferingStore.Changes changes = store.changesSince(Math.max(old.revision, 0));
        if (changes.revision() == old.revision) {
            return old;
        }
        Map<String, Doc> byId = old.revision < 0 ? new HashMap<>() : new HashMap<>(old.byId);
        for (OfferingStore.Row r : changes.rows()) {
            if (r.deleted()) {
                byId.remove(r.id());
            } else {
                byId.put(r.id(), prepare(r));
            }
        }
        Snapshot s = new Snapshot(changes.revision(), byId, tokens.toArray(String[]::new));
        snapshot = s;
        return s;
    }

    private Doc prepare(OfferingStore.Row r) {
        Offering o = r.offering();
        TreeMap<Integer, Integer> weights = new TreeMap<>();
        add(weights, o.title(), TITLE);
        StringBuilder tags = new StringBuilder();
        tags.append(o.kind().replace('-', ' ')).append(' ');
        o.targetGroups().forEach(g -> tags.append(g.replace('-', ' ')).append(' '));
        tags.append(o.provider() == null ? "" : o.provider().name()).append(' ');
        o.locations().forEach(l -> tags.append(l.city() == null ? "" : l.city()).append(' '));
        add(weights, tags.toString(), TAG);
        add(weights, String.join(" ", nonNull(o.description(), o.costIndication(), o.openingTimes(),
                o.accessibility(), o.setting(), o.performer(), String.join(" ", o.financing()).replace('-', ' '),
                String.join(" ", o.demandAreas()).replace('-', ' '))), BODY);
        int[] ids = weights.keySet().stream().mapToInt(Integer::intValue).toArray();
        byte[] w = new byte[ids.length];
        for (int i = 0; i < ids.length; i++) {
            w[i] = weights.get(ids[i]).byteValue();
        }
        return new Doc(r.id(), r.tenant(), o, ids, w);
    }

    private void add(Map<Integer, Integer> weights, String text, int weight) {
        for (String stem : DutchText.stems(text)) {
            Integer id = tokenIds.get(stem);
            if (id == null) {
                id = tokens.size();
                tokens.add(stem);
                tokenIds.put(stem, id);
            }
            weights.merge(id, weight, Math::max);
        }
    }

    private static String[] nonNull(String... values) {
        return Arrays.stream(values).map(v -> v == null ? "" : v).toArray(String[]::new);
    }

    /** Searches the offerings visible to the tenant. */
    Result search(String tenant, SearchQuery q, Point point) {
        Snapshot s = current();
        List<String> terms = q.text() == null ? List.of() : queryTerms(q.text());
        List<BitSet[]> termMatches = new ArrayList<>();
        for (String term : terms) {
            termMatches.add(matchingTokens(s.dictionary, term));
        }
        List<Hit> hits = new ArrayList<>();
        for (Doc d : s.visibleTo(tenant)) {
            if (!passes(d, q)) {
                continue;
            }
            double score = 0;
            boolean all = true;
            for (BitSet[] m : termMatches) {
                double best = termScore(d, m);
                if (best == 0) {
                    all = false;
                    break;
                }
                score += best;
            }
            if (!all) {
                continue;
            }
            Double km = d.distanceKm(tenant, point);
            if (q.maxDistanceKm() != null && (km == null || km > q.maxDistanceKm())) {
                continue;
            }
            hits.add(new Hit(d.offering, km == null ? null : Math.round(km * 100) / 100.0,
                    terms.isEmpty() ? null : score));
        }
        hits.sort(order(q.sort()));
        Map<String, Map<String, Integer>> facets = facets(hits);
        Page<Hit> page = Page.slice(hits, q.page());
        return new Result(page.items(), page.paging(), facets);
    }

    /** The visible, active offerings valid on the day: input for the gap analysis. */
    List<Doc> active(String tenant, LocalDate day) {
        return Arrays.stream(current().visibleTo(tenant))
                .filter(d -> "actief".equals(d.offering.status()) && d.validOn(day)).toList();
    }

    static List<String> queryTerms(String text) {
        List<String> stems = DutchText.stems(text);
        if (stems.isEmpty()) {                        // only stop words: search them literally
            for (String w : DutchText.fold(text).split("[^a-z0-9]+")) {
                if (!w.isEmpty()) {
                    stems.add(w);
                }
            }
        }
        return stems;
    }

    /** [0]: stems the term is a prefix of; [1]: stems that contain it elsewhere (only for 4+ letters). */
    private static BitSet[] matchingTokens(String[] dictionary, String term) {
        BitSet prefix = new BitSet(dictionary.length);
        BitSet inside = new BitSet(dictionary.length);
        for (int i = 0; i < dictionary.length; i++) {
            String t = dictionary[i];
            if (t.startsWith(term)) {
                prefix.set(i);
            } else if (term.length() >= 4 && t.contains(term)) {
                inside.set(i);
            }
        }
        return new BitSet[] {prefix, inside};
    }

    private static double termScore(Doc d, BitSet[] m) {
        double best = 0;
        for (int i = 0; i < d.tokens.length; i++) {
            int t = d.tokens[i];
            if (m[0].get(t)) {
                best = Math.max(best, d.weights[i]);
            } else if (m[1].get(t)) {
                best = Math.max(best, d.weights[i] / 2.0);
            }
        }
        return best;
    }

    private static boolean passes(Doc d, SearchQuery q) {
        Offering o = d.offering;
        return q.statuses().contains(o.status()) && d.validOn(q.validOn())
                && (q.kinds().isEmpty() || q.kinds().contains(o.kind()))
                && (q.settings().isEmpty() || q.settings().contains(o.setting()))
                && (q.performers().isEmpty() || q.performers().contains(o.performer()))
                && anyOf(q.targetGroups(), o.targetGroups())
                && anyOf(q.demandAreas(), o.demandAreas())
                && anyOf(q.financing(), o.financing())
                && anyOf(q.languages(), o.languages())
                && (q.indicationNeeded() == null || q.indicationNeeded().equals(o.indicationNeeded()))
                && (q.age() == null || (o.minAge() == null || o.minAge() <= q.age())
                        && (o.maxAge() == null || q.age() <= o.maxAge()))
                && (q.maxWaitingWeeks() == null || o.waitingWeeks() != null && o.waitingWeeks() <= q.maxWaitingWeeks())
                && (q.provider() == null || d.providerText.contains(q.provider()));
    }

    private static boolean anyOf(Set<String> wanted, List<String> values) {
        if (wanted.isEmpty()) {
            return true;
        }
        for (String v : values) {
            if (wanted.contains(v)) {
                return true;
            }
        }
        return false;
    }

    private static Comparator<Hit> order(String sort) {
        Comparator<Hit> byTitle = Comparator.comparing((Hit h) -> h.offering().title(), String.CASE_INSENSITIVE_ORDER)
                .thenComparing(h -> h.offering().id());
        Comparator<Hit> byDistance = Comparator.comparing(Hit::distanceKm,
                Comparator.nullsLast(Comparator.naturalOrder()));
        return switch (sort) {
            case "afstand" -> byDistance.thenComparing(byTitle);
            case "relevantie" -> Comparator.comparing(Hit::score, Comparator.nullsLast(Comparator.reverseOrder()))
                    .thenComparing(byDistance).thenComparing(byTitle);
            default -> byTitle;
        };
    }

    /** Facet counts over the hits: per filter key, each value that occurs, in vocabulary order. */
    static Map<String, Map<String, Integer>> facets(List<Hit> hits) {
        Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
        facet(out, "soort", Vocabulary.KINDS, hits, o -> List.of(o.kind()));
        facet(out, "zorgplek", Vocabulary.SETTINGS, hits, o -> List.of(o.setting()));
        facet(out, "uitvoering", Vocabulary.PERFORMERS, hits, o -> List.of(o.performer()));
        facet(out, "doelgroep", Vocabulary.TARGET_GROUPS, hits, Offering::targetGroups);
        facet(out, "vraaggebied", Vocabulary.DEMAND_AREAS, hits, Offering::demandAreas);
        facet(out, "financiering", Vocabulary.FINANCING, hits, Offering::financing);
        facet(out, "indicatieNodig", List.of("true", "false"), hits,
                o -> List.of(String.valueOf(o.indicationNeeded())));
        facet(out, "status", Vocabulary.STATUSES, hits, o -> List.of(o.status()));
        Set<String> languages = new HashSet<>();
        hits.forEach(h -> languages.addAll(h.offering().languages()));
        facet(out, "taal", languages.stream().sorted().toList(), hits, Offering::languages);
        return out;
    }

    private static void facet(Map<String, Map<String, Integer>> out, String key, List<String> order, List<Hit> hits,
                              Function<Offering, List<String>> values) {
        Map<String, Integer> counts = new HashMap<>();
        for (Hit h : hits) {
            for (String v : values.apply(h.offering())) {
                counts.merge(v, 1, Integer::sum);
            }
        }
        Map<String, Integer> ordered = new LinkedHashMap<>();
        for (String v : order) {
            if (counts.containsKey(v)) {
                ordered.put(v, counts.get(v));
            }
        }
        out.put(key, ordered);
    }
}
