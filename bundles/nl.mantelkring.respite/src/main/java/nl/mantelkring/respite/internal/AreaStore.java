package nl.mantelkring.respite.internal;

import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.annotation.JsonProperty;

import nl.mantelkring.platform.api.data.Jdbc;

/**
 * The tenant's postcode areas (PC4) with a centroid: the map for distance from a postcode and for the gap analysis.
 */
@Component(service = AreaStore.class)
public class AreaStore {

    /** A PC4 area and its centroid (WGS84). */
    public record Area(@JsonProperty("postcode") String postcode, @JsonProperty("naam") String name,
                       @JsonProperty("lat") Double lat, @JsonProperty("lon") Double lon) {
    }

    private final Jdbc jdbc;

    @Activate
    public AreaStore(@Reference OfferingStore offerings) {
        this.jdbc = offerings.jdbc();
    }

    List<Area> list(String tenant) {
        return jdbc.query("select * from respite_area where tenant = ? order by postcode", rs -> new Area(
                rs.getString("postcode"), rs.getString("name"), rs.getDouble("lat"), rs.getDouble("lon")), tenant);
    }

    Optional<Area> find(String tenant, String postcode) {
        return jdbc.queryOne("select * from respite_area where tenant = ? and postcode = ?", rs -> new Area(
                rs.getString("postcode"), rs.getString("name"), rs.getDouble("lat"), rs.getDouble("lon")), tenant,
                postcode);
    }

    /** The centroid of the tenant's postcode area as the point a search measures distance from, if registered. */
    Optional<SearchIndex.Point> origin(String tenant, String postcode) {
        return find(tenant, postcode).map(a -> new SearchIndex.Point(a.lat(), a.lon(), a.postcode(), true));
    }

    /** Creates or replaces an area; true when it was new. */
    boolean put(String tenant, Area a) {
        // the same new area put twice at once: the second finds the first's row and replaces it
        return jdbc.inTransactionRetryingDuplicates(c -> {
            int n = Jdbc.update(c, "update respite_area set name = ?, lat = ?, lon = ? where tenant = ? and"
                    + " postcode = ?", a.name(), a.lat(), a.lon(), tenant, a.postcode());
            if (n == 0) {
                Jdbc.update(c, "insert into respite_area (tenant, postcode, name, lat, lon) values (?, ?, ?, ?, ?)",
                        tenant, a.postcode(), a.name(), a.lat(), a.lon());
                return true;
            }
            return false;
        });
    }

    boolean delete(String tenant, String postcode) {
        return jdbc.update("delete from respite_area where tenant = ? and postcode = ?", tenant, postcode) > 0;
    }
}
