package io.proximadb.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.Chars;
import org.junit.jupiter.api.Test;

class TenantsTest {

    @Property
    void everyStoredNameBelongsToExactlyItsTenant(
            @ForAll @StringLength(min = 1, max = 12) @AlphaChars @NumericChars @Chars({'-'}) String rawTenant,
            @ForAll @StringLength(min = 1, max = 30) @AlphaChars @NumericChars @Chars({'-', '_'}) String name,
            @ForAll @StringLength(min = 1, max = 12) @AlphaChars @NumericChars @Chars({'-'}) String rawOther) {
        String tenant = validTenant(rawTenant);
        String other = validTenant(rawOther);
        if (name.contains("__")) {
            assertThatThrownBy(() -> Tenants.storedName(tenant, name)).hasMessageContaining("reserved");
            return;
        }
        String stored = Tenants.storedName(tenant, name);
        assertThat(Tenants.owns(tenant, stored)).isTrue();
        assertThat(Tenants.publicName(tenant, stored)).isEqualTo(name);
        assertThat(Tenants.owns(other, stored)).isEqualTo(other.equals(tenant));
    }

    private static String validTenant(String raw) {
        String lower = raw.toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("-") ? "t" + lower : lower;
    }

    @Test
    void theDefaultTenantKeepsPlainNames() {
        assertThat(Tenants.storedName(Tenants.DEFAULT, "docs")).isEqualTo("docs");
        assertThat(Tenants.owns(Tenants.DEFAULT, "docs")).isTrue();
        assertThat(Tenants.owns(Tenants.DEFAULT, "acme__docs")).isFalse();
        assertThat(Tenants.owns("acme", "docs")).isFalse();
        assertThat(Tenants.owns("acm", "acme__docs")).isFalse();
    }

    @Test
    void badTenantsAndNamesTooLongForThePrefixAreRefused() {
        assertThatThrownBy(() -> Tenants.check("Acme")).hasMessageContaining("lower-case");
        assertThatThrownBy(() -> Tenants.check("a_b")).hasMessageContaining("tenant 'a_b' is invalid");
        assertThatThrownBy(() -> Tenants.storedName("acme", "x".repeat(60)))
                .hasMessageContaining("at most 58 characters");
    }
}
