package nl.mantelkring.respite.internal;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import nl.mantelkring.platform.api.format.Csv;

/**
 * Gap analysis (witte vlekken): for each postcode area of the tenant and each combination of kind and target group,
 * the active offerings that reach the area: a location within the distance of the area's centroid, or a service
 * area (care at home) that names the area's postcode or the tenant. No offering: a gap; at least the overlap
 * threshold: an overlap.
 */
final class GapAnalysis {

    /** One kind x target group combination. */
    record Combination(@JsonProperty("soort") String kind, @JsonProperty("doelgroep") String targetGroup) {
    }

    /** A combination served by several offerings in one area. */
    record Overlap(@JsonProperty("soort") String kind, @JsonProperty("doelgroep") String targetGroup,
                   @JsonProperty("aantal") int count, @JsonProperty("aanbodIds") List<String> offeringIds) {
    }

    /** The analysis of one area. */
    record AreaResult(@JsonProperty("postcode") String postcode, @JsonProperty("naam") String name,
                      @JsonProperty("aantalWitteVlekken") int gapCount,
                      @JsonProperty("witteVlekken") List<Combination> gaps,
                      @JsonProperty("overlappingen") List<Overlap> overlaps) {
    }

    /** The whole analysis. */
    record Report(@JsonProperty("afstandKm") double distanceKm, @JsonProperty("overlapDrempel") int overlapThreshold,
                  @JsonProperty("peildatum") String day, @JsonProperty("aantalGebieden") int areaCount,
                  @JsonProperty("aantalCombinaties") int combinationCount,
                  @JsonProperty("aantalWitteVlekken") int gapCount,
                  @JsonProperty("gebieden") List<AreaResult> areas) {
    }

    private GapAnalysis() {
    }

    static Report analyse(String tenant, List<AreaStore.Area> areas, List<SearchIndex.Doc> offerings,
                          List<String> kinds, List<String> groups, double distanceKm, int overlapThreshold,
                          String day) {
        List<AreaResult> results = new ArrayList<>();
        int totalGaps = 0;
        for (AreaStore.Area a : areas) {
            SearchIndex.Point p = new SearchIndex.Point(a.lat(), a.lon(), a.postcode(), true);
            List<SearchIndex.Doc> reaching = new ArrayList<>();
            for (SearchIndex.Doc d : offerings) {
                Double km = d.distanceKm(tenant, p);
                if (km != null && km <= distanceKm) {
                    reaching.add(d);
                }
            }
            List<Combination> gaps = new ArrayList<>();
            List<Overlap> overlaps = new ArrayList<>();
            for (String kind : kinds) {
                for (String group : groups) {
                    List<String> ids = new ArrayList<>();
                    for (SearchIndex.Doc d : reaching) {
                        if (d.offering.kind().equals(kind) && d.offering.targetGroups().contains(group)) {
                            ids.add(d.id);
                        }
                    }
                    if (ids.isEmpty()) {
                        gaps.add(new Combination(kind, group));
                    } else if (ids.size() >= overlapThreshold) {
                        overlaps.add(new Overlap(kind, group, ids.size(), ids.stream().sorted().toList()));
                    }
                }
            }
            totalGaps += gaps.size();
            results.add(new AreaResult(a.postcode(), a.name(), gaps.size(), gaps, overlaps));
        }
        return new Report(distanceKm, overlapThreshold, day, areas.size(), kinds.size() * groups.size(), totalGaps,
                results);
    }

    /** The report as CSV: one row per gap or overlap. */
    static String csv(Report r) {
        List<List<Object>> rows = new ArrayList<>();
        for (AreaResult a : r.areas()) {
            for (Combination c : a.gaps()) {
                rows.add(List.of(a.postcode(), a.name(), c.kind(), c.targetGroup(), "witte-vlek", 0));
            }
            for (Overlap o : a.overlaps()) {
                rows.add(List.of(a.postcode(), a.name(), o.kind(), o.targetGroup(), "overlap", o.count()));
            }
        }
        return Csv.write(List.of("postcode", "naam", "soort", "doelgroep", "beoordeling", "aantal"), rows);
    }
}
