package nl.mantelkring.platform.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import nl.mantelkring.platform.internal.health.HealthResource;
import nl.mantelkring.platform.internal.policy.PolicyResource;
import nl.mantelkring.platform.internal.tenant.TenantResource;

class RouteTableTest {

    private final RouteTable routes = new RouteTable(List.of(TenantResource.class, PolicyResource.class,
            HealthResource.class));

    @Test
    void allowsExactlyTheMethodsOfThePathsTemplate() {
        assertEquals(Set.of("GET", "HEAD", "OPTIONS", "POST"), routes.allowed("/gemeenten"));
        assertEquals(Set.of("GET", "HEAD", "OPTIONS", "PUT"), routes.allowed("gemeenten/GM0363"));
        assertEquals(Set.of("GET", "HEAD", "OPTIONS"), routes.allowed("/gemeenten/GM0363/beleid"));
        assertEquals(Set.of("GET", "HEAD", "OPTIONS", "PUT"), routes.allowed("/gemeenten/GM0363/beleid/a.b"));
        assertEquals(Set.of("GET", "HEAD", "OPTIONS"), routes.allowed("/health/ready"));
    }

    @Test
    void unknownPathsAllowNothing() {
        assertEquals(Set.of(), routes.allowed("/gemeenten/GM0363/onbekend/x"));
    }
}
