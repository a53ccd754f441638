package nl.mantelkring.platform.internal.tenant;

import java.util.Optional;

/** Lifecycle of a tenant. An inactive tenant keeps its data, but its modules answer 404. */
public enum TenantStatus {
    ACTIVE("actief"), INACTIVE("inactief");

    private final String apiName;

    TenantStatus(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    public static Optional<TenantStatus> byApiName(String value) {
        for (TenantStatus s : values()) {
            if (s.apiName.equals(value)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
