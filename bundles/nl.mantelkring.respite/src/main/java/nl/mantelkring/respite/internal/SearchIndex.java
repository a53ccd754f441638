package nl.mantelkring.respite.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.LoggerFactory;

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

    /** One search hit: the offering without its contact person (read the offering itself for that). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Hit(@JsonProperty("aanbod") Offering offering, @JsonProperty("afstandKm") Double distanceKm,
                      @JsonProperty("relevantie") Double score) {
    }

    /** A page of hits with facet counts (per filter: value → number of hits). */
    public record Result(@JsonProperty("resultaten") List<Hit> items,
                         @JsonProperty("paginering") Page.Paging paging,
                         @JsonProperty("facetten") Map<String, Map<String, Integer>> facets) {
    }

    private static final double KM_PER_DEGREE = 111.195;
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
        final Offering summary;     // without the contact person: what a search shows
        final String providerText;
        final LocalDate from;
        final LocalDate until;
        final int kind;
        final int setting;
        final int performer;
        final int status;
        final int groups;           // bit masks over the vocabulary lists
        final int areas;
        final int financing;
        final int[] languages;      // two-letter codes as numbers (see languageCode)

        Doc(String id, String owner, Offering o, int[] tokens, byte[] weights) {
            this.id = id;
            this.owner = owner;
            this.offering = o;
            this.summary = o.withoutPersonalData();
            this.tokens = tokens;
            this.weights = weights;
            this.lats = o.locations().stream().mapToDouble(Offering.Location::lat).toArray();
            this.lons = o.locations().stream().mapToDouble(Offering.Location::lon).toArray();
            this.providerText = o.provider() == null ? "" : DutchText.fold(o.provider().name());
            this.from = o.validFrom() == null ? null : LocalDate.parse(o.validFrom());
            this.until = o.validUntil() == null ? null : LocalDate.parse(o.validUntil());
            this.kind = 1 << Vocabulary.KINDS.indexOf(o.kind());
            this.setting = 1 << Vocabulary.SETTINGS.indexOf(o.setting());
            this.performer = 1 << Vocabulary.PERFORMERS.indexOf(o.performer());
            this.status = 1 << Vocabulary.STATUSES.indexOf(o.status());
            this.groups = mask(Vocabulary.TARGET_GROUPS, o.targetGroups());
            this.areas = mask(Vocabulary.DEMAND_AREAS, o.demandAreas());
            this.financing = mask(Vocabulary.FINANCING, o.financing());
            this.languages = o.languages().stream().mapToInt(SearchIndex::languageCode).toArray();
        }

        /** Fast distance for ranking: equirectangular, well within 0.1 % of haversine at Dutch distances. */
        double approxKm(String tenant, Point p, double cosLat) {
            Offering.ServiceArea area = offering.serviceArea();
            if (area != null && p.postcode() != null && (area.postcodes().contains(p.postcode())
                    || p.inTenant() && area.municipalities().contains(tenant))) {
                return 0.0;
            }
            double best = Double.NaN;
            for (int i = 0; i < lats.length; i++) {
                double dy = lats[i] - p.lat();
                double dx = (lons[i] - p.lon()) * cosLat;
                double km = Math.sqrt(dx * dx + dy * dy) * KM_PER_DEGREE;
                if (Double.isNaN(best) || km < best) {
                    best = km;
                }
            }
            return best;
        }

        boolean visibleTo(String tenant) {
            return owner.equals(tenant) || offering.sharedWith().contains(tenant);
        }

        boolean validOn(LocalDate day) {
            return (from == null || !day.isBefore(from)) && (until == null || !day.isAfter(until));
        }

        /** Active and valid on the day: what the gap analysis counts and the public respite guide shows. */
        boolean activeOn(LocalDate day) {
            return "actief".equals(offering.status()) && validOn(day);
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
                    .sorted(Comparator.comparing((Doc d) -> d.offering.title(), String.CASE_INSENSITIVE_ORDER)
                            .thenComparing(d -> d.id)).toArray(Doc[]::new));
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

    /** Builds the index in the background at start-up, so the first search does not wait (seconds at 100,000). */
    void warmUp() {
        Thread t = new Thread(() -> {
            try {
                current();
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(SearchIndex.class).warn("respite search index not built at start-up: {}",
                        e.toString());
            }
        }, "respijtzorg-index");
        t.setDaemon(true);
        t.start();
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
        // heaviest first: the first token a query word matches gives that word's score
        int[] ids = weights.entrySet().stream().sorted(Map.Entry.<Integer, Integer>comparingByValue().reversed())
                .mapToInt(Map.Entry::getKey).toArray();
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

    /** A candidate hit: position in the tenant's title-ordered array, score, distance (NaN: unknown). */
    private record Candidate(int rank, double score, double km) {
    }

    /** Searches the offerings visible to the tenant. */
    Result search(String tenant, SearchQuery q, Point point) {
        Snapshot s = current();
        List<String> terms = q.text() == null ? List.of() : queryTerms(q.text());
        List<BitSet[]> termMatches = new ArrayList<>();
        for (String term : terms) {
            termMatches.add(matchingTokens(s.dictionary, term));
        }
        Filter f = new Filter(q);
        double cosLat = point == null ? 1 : Math.cos(Math.toRadians(point.lat()));
        Doc[] docs = s.visibleTo(tenant);
        List<Candidate> candidates = new ArrayList<>();
        Facets facets = new Facets();
        for (int i = 0; i < docs.length; i++) {
            Doc d = docs[i];
            int failing = f.failing(d);
            if (failing < 0 || Integer.bitCount(failing) > 1) {
                continue;                    // a hard filter, or more than one facet filter, excludes it
            }
            double km = point == null ? Double.NaN : d.approxKm(tenant, point, cosLat);
            if (q.maxDistanceKm() != null && (Double.isNaN(km) || km > q.maxDistanceKm())) {
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
            facets.count(d, failing);
            if (failing == 0) {
                candidates.add(new Candidate(i, score, km));
            }
        }
        List<Candidate> page = top(candidates, order(q.sort()), (int) q.page().offset(), q.page().pageSize());
        List<Hit> hits = new ArrayList<>();
        for (Candidate c : page) {
            Doc d = docs[c.rank()];
            Double km = point == null ? null : d.distanceKm(tenant, point);     // exact for what is shown
            hits.add(new Hit(d.summary, km == null ? null : Math.round(km * 100) / 100.0,
                    terms.isEmpty() ? null : c.score()));
        }
        Page<Hit> paged = Page.of(hits, q.page(), candidates.size());
        return new Result(paged.items(), paged.paging(), facets.result());
    }

    /** The page {@code [offset, offset + size)} of the candidates in order, without sorting them all. */
    private static List<Candidate> top(List<Candidate> all, Comparator<Candidate> order, int offset, int size) {
        int k = offset + size;
        if (offset >= all.size()) {
            return List.of();
        }
        List<Candidate> best;
        if (all.size() <= k * 4L) {
            best = new ArrayList<>(all);
            best.sort(order);
        } else {
            PriorityQueue<Candidate> heap = new PriorityQueue<>(k + 1, order.reversed());
            for (Candidate c : all) {
                heap.add(c);
                if (heap.size() > k) {
                    heap.poll();
                }
            }
            best = new ArrayList<>(heap);
            best.sort(order);
        }
        return best.subList(offset, Math.min(best.size(), k));
    }

    private static Comparator<Candidate> order(String sort) {
        Comparator<Candidate> byTitle = Comparator.comparingInt(Candidate::rank);
        Comparator<Candidate> byDistance = (a, b) -> Double.isNaN(a.km()) ? (Double.isNaN(b.km()) ? 0 : 1)
                : Double.isNaN(b.km()) ? -1 : Double.compare(a.km(), b.km());
        return switch (sort) {
            case "afstand" -> byDistance.thenComparing(byTitle);
            case "relevantie" -> Comparator.comparingDouble(Candidate::score).reversed().thenComparing(byDistance)
                    .thenComparing(byTitle);
            default -> byTitle;
        };
    }

    /** The query's filters as bit masks (0: no filter). */
    private static final class Filter {
        final SearchQuery q;
        final int kinds;
        final int settings;
        final int performers;
        final int groups;
        final int areas;
        final int financing;
        final int statuses;

        Filter(SearchQuery q) {
            this.q = q;
            this.kinds = mask(Vocabulary.KINDS, q.kinds());
            this.settings = mask(Vocabulary.SETTINGS, q.settings());
            this.performers = mask(Vocabulary.PERFORMERS, q.performers());
            this.groups = mask(Vocabulary.TARGET_GROUPS, q.targetGroups());
            this.areas = mask(Vocabulary.DEMAND_AREAS, q.demandAreas());
            this.financing = mask(Vocabulary.FINANCING, q.financing());
            this.statuses = mask(Vocabulary.STATUSES, q.statuses());
        }

        /**
         * -1 when a filter without facet (validity, age, waiting time, provider) excludes the offering; otherwise the
         * bits ({@code 1 << FACET_*}) of the facet filters it fails.
         */
        int failing(Doc d) {
            Offering o = d.offering;
            if (!d.validOn(q.validOn())
                    || q.age() != null && (o.minAge() != null && o.minAge() > q.age()
                            || o.maxAge() != null && q.age() > o.maxAge())
                    || q.maxWaitingWeeks() != null && (o.waitingWeeks() == null
                            || o.waitingWeeks() > q.maxWaitingWeeks())
                    || q.provider() != null && !d.providerText.contains(q.provider())) {
                return -1;
            }
            int f = 0;
            f |= (statuses & d.status) == 0 ? 1 << FACET_STATUS : 0;
            f |= any(kinds, d.kind) ? 0 : 1 << FACET_KIND;
            f |= any(settings, d.setting) ? 0 : 1 << FACET_SETTING;
            f |= any(performers, d.performer) ? 0 : 1 << FACET_PERFORMER;
            f |= any(groups, d.groups) ? 0 : 1 << FACET_GROUP;
            f |= any(areas, d.areas) ? 0 : 1 << FACET_AREA;
            f |= any(financing, d.financing) ? 0 : 1 << FACET_FINANCING;
            f |= q.indicationNeeded() == null || q.indicationNeeded().equals(o.indicationNeeded()) ? 0
                    : 1 << FACET_INDICATION;
            f |= q.languages().isEmpty() || o.languages().stream().anyMatch(q.languages()::contains) ? 0
                    : 1 << FACET_LANGUAGE;     // only with a language filter: the stream is not on the hot path
            return f;
        }

        private static boolean any(int wanted, int has) {
            return wanted == 0 || (wanted & has) != 0;
        }
    }

    /** An ISO 639-1 code as a number below 676 ({@code aa} = 0). */
    static int languageCode(String code) {
        return (code.charAt(0) - 'a') * 26 + (code.charAt(1) - 'a');
    }

    static int mask(List<String> vocabulary, java.util.Collection<String> values) {
        int m = 0;
        for (String v : values) {
            int i = vocabulary.indexOf(v);
            if (i >= 0) {
                m |= 1 << i;
            }
        }
        return m;
    }

    static final int FACET_KIND = 0;
    static final int FACET_SETTING = 1;
    static final int FACET_PERFORMER = 2;
    static final int FACET_GROUP = 3;
    static final int FACET_AREA = 4;
    static final int FACET_FINANCING = 5;
    static final int FACET_STATUS = 6;
    static final int FACET_INDICATION = 7;
    static final int FACET_LANGUAGE = 8;

    /**
     * Facet counts as a faceted search shows them: the counts of one filter are over the offerings that match every
     * other filter (and the text and distance), so they tell what choosing another value of that filter gives.
     */
    private static final class Facets {
        final int[][] counts = new int[FACET_LANGUAGE][32];
        final int[] languages = new int[26 * 26];

        /** Counts the offering in every facet ({@code failing == 0}) or only in the one filter it fails. */
        void count(Doc d, int failing) {
            add(failing, FACET_KIND, d.kind);
            add(failing, FACET_SETTING, d.setting);
            add(failing, FACET_PERFORMER, d.performer);
            add(failing, FACET_GROUP, d.groups);
            add(failing, FACET_AREA, d.areas);
            add(failing, FACET_FINANCING, d.financing);
            add(failing, FACET_STATUS, d.status);
            add(failing, FACET_INDICATION, Boolean.TRUE.equals(d.offering.indicationNeeded()) ? 1 : 2);
            if (failing == 0 || failing == 1 << FACET_LANGUAGE) {
                for (int l : d.languages) {
                    languages[l]++;
                }
            }
        }

        private void add(int failing, int facet, int mask) {
            if (failing != 0 && failing != 1 << facet) {
                return;
            }
            for (int m = mask; m != 0; m &= m - 1) {
                counts[facet][Integer.numberOfTrailingZeros(m)]++;
            }
        }

        Map<String, Map<String, Integer>> result() {
            Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
            out.put("soort", named(Vocabulary.KINDS, counts[FACET_KIND]));
            out.put("zorgplek", named(Vocabulary.SETTINGS, counts[FACET_SETTING]));
            out.put("uitvoering", named(Vocabulary.PERFORMERS, counts[FACET_PERFORMER]));
            out.put("doelgroep", named(Vocabulary.TARGET_GROUPS, counts[FACET_GROUP]));
            out.put("vraaggebied", named(Vocabulary.DEMAND_AREAS, counts[FACET_AREA]));
            out.put("financiering", named(Vocabulary.FINANCING, counts[FACET_FINANCING]));
            out.put("indicatieNodig", named(List.of("true", "false"), counts[FACET_INDICATION]));
            out.put("status", named(Vocabulary.STATUSES, counts[FACET_STATUS]));
            Map<String, Integer> taal = new LinkedHashMap<>();
            for (int l = 0; l < languages.length; l++) {
                if (languages[l] > 0) {
                    taal.put("" + (char) ('a' + l / 26) + (char) ('a' + l % 26), languages[l]);
                }
            }
            out.put("taal", taal);
            return out;
        }

        private static Map<String, Integer> named(List<String> names, int[] counts) {
            Map<String, Integer> m = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                if (counts[i] > 0) {
                    m.put(names.get(i), counts[i]);
                }
            }
            return m;
        }
    }

    /**
     * The offering with this id as a search shows it (without the contact person), when it is visible to the
     * tenant, active and valid on the day: what the public respite guide may show.
     */
    Optional<Offering> published(String tenant, String id, LocalDate day) {
        Doc d = current().byId.get(id);
        return d != null && d.visibleTo(tenant) && d.activeOn(day) ? Optional.of(d.summary) : Optional.empty();
    }

    /** The visible, active offerings valid on the day: input for the gap analysis. */
    List<Doc> active(String tenant, LocalDate day) {
        return Arrays.stream(current().visibleTo(tenant))
                .filter(d -> d.activeOn(day)).toList();
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
        for (int i = 0; i < d.tokens.length && best < d.weights[i]; i++) {    // tokens are heaviest first
            int t = d.tokens[i];
            if (m[0].get(t)) {
                return d.weights[i];
            } else if (m[1].get(t)) {
                best = Math.max(best, d.weights[i] / 2.0);
            }
        }
        return best;
    }
}
